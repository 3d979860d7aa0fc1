package io.atlasoperator.crd;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The annotations the operator honours on an AtlasDatabaseUser: its own, and those of MongoDB's
 * Atlas operator (AKO) that change what may happen to the Atlas user, so that a resource ported
 * from AKO keeps its meaning.
 */
public final class Annotations {

  /** "true": the operator makes no Atlas call for this resource and says so in its status. */
  public static final String PAUSED = "atlasoperator.io/paused";

  /**
   * "true": the operator computes what it would do (create, update which fields, delete) and
   * reports it in the status and an Event, without any write to Atlas.
   */
  public static final String DRY_RUN = "atlasoperator.io/dry-run";

  /**
   * Any new value (a date, a counter) rotates a generated password now; the value last acted on is
   * kept on the password Secret, so each value rotates once.
   */
  public static final String ROTATE_PASSWORD = "atlasoperator.io/rotate-password";

  /** MongoDB's operator's "keep": deleting the resource leaves the Atlas user (Retain). */
  public static final String AKO_RESOURCE_POLICY = "mongodb.com/atlas-resource-policy";

  /** MongoDB's operator's "skip": the resource is not reconciled (paused). */
  public static final String AKO_RECONCILIATION_POLICY = "mongodb.com/atlas-reconciliation-policy";

  /** Annotations whose change is acted on at once (other metadata changes are not events). */
  public static final List<String> ACTED_ON =
      List.of(PAUSED, DRY_RUN, ROTATE_PASSWORD, AKO_RESOURCE_POLICY, AKO_RECONCILIATION_POLICY);

  private Annotations() {}

  /** The annotation that pauses the resource, if one does. */
  public static java.util.Optional<String> pausedBy(AtlasDatabaseUser resource) {
    if ("true".equalsIgnoreCase(value(resource, PAUSED))) {
      return java.util.Optional.of(PAUSED + ": true");
    }
    if ("skip".equalsIgnoreCase(value(resource, AKO_RECONCILIATION_POLICY))) {
      return java.util.Optional.of(AKO_RECONCILIATION_POLICY + ": skip");
    }
    return java.util.Optional.empty();
  }

  /** True when this resource asks for a dry run. */
  public static boolean dryRun(AtlasDatabaseUser resource) {
    return "true".equalsIgnoreCase(value(resource, DRY_RUN));
  }

  /**
   * The deletion policy that applies: spec.deletionPolicy when set, else Retain when MongoDB's
   * operator's "keep" annotation is there, else Delete.
   */
  public static DeletionPolicy deletionPolicy(AtlasDatabaseUser resource) {
    DeletionPolicy spec =
        resource.getSpec() == null ? null : resource.getSpec().getDeletionPolicy();
    if (spec != null) {
      return spec;
    }
    return keep(resource) ? DeletionPolicy.Retain : DeletionPolicy.Delete;
  }

  /** The deletion policy that applies and where it comes from, for status.deletionPolicy. */
  public static String deletionPolicyText(AtlasDatabaseUser resource) {
    DeletionPolicy policy = deletionPolicy(resource);
    boolean fromSpec = resource.getSpec() != null && resource.getSpec().getDeletionPolicy() != null;
    if (fromSpec && keep(resource)) {
      return policy
          + " (spec.deletionPolicy, which wins over the annotation "
          + AKO_RESOURCE_POLICY
          + ": keep)";
    }
    if (fromSpec) {
      return policy + " (spec.deletionPolicy)";
    }
    if (keep(resource)) {
      return policy + " (annotation " + AKO_RESOURCE_POLICY + ": keep)";
    }
    return policy + " (the default)";
  }

  /** True when the annotations this operator acts on differ between two versions. */
  public static boolean actedOnChanged(AtlasDatabaseUser newer, AtlasDatabaseUser older) {
    return ACTED_ON.stream().anyMatch(a -> !Objects.equals(value(newer, a), value(older, a)));
  }

  /** The value of the rotate-password annotation, if set. */
  public static java.util.Optional<String> rotationRequest(AtlasDatabaseUser resource) {
    return java.util.Optional.ofNullable(value(resource, ROTATE_PASSWORD))
        .filter(v -> !v.isBlank());
  }

  private static boolean keep(AtlasDatabaseUser resource) {
    return "keep".equalsIgnoreCase(value(resource, AKO_RESOURCE_POLICY));
  }

  private static String value(AtlasDatabaseUser resource, String annotation) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(annotation);
  }
}
