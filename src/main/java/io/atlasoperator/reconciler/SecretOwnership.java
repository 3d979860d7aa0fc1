package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * Whose a Secret is. Ownership is explicit, never inferred from a name: a connection Secret is a
 * resource's when it carries the connection-Secret label and an owner reference to the resource's
 * uid; MongoDB's operator's Secret may be taken over only when the resource asks and the Secret is
 * that operator's for the same project, cluster and username.
 */
final class SecretOwnership {

  private SecretOwnership() {}

  /**
   * True when the resource asks to take over MongoDB's operator's Secrets and this is the one it
   * wrote for the same project and cluster: its labels atlas.mongodb.com/type: credentials,
   * atlas.mongodb.com/project-id and atlas.mongodb.com/cluster-name (its name normalised, as that
   * operator writes it), the same username, and no owner but an AtlasDatabaseUser of that
   * operator's.
   */
  static boolean mongoDbOperators(AtlasDatabaseUser resource, String cluster, Secret secret) {
    var spec = resource.getSpec().getConnectionSecrets();
    Map<String, String> labels = nonNull(secret.getMetadata().getLabels());
    return spec != null
        && Boolean.TRUE.equals(spec.getTakeOverMongoDbOperatorSecrets())
        && "credentials".equals(labels.get("atlas.mongodb.com/type"))
        && resource.getSpec().getProjectId().equals(labels.get("atlas.mongodb.com/project-id"))
        && ConnectionSecretTemplates.normalise(cluster)
            .equals(
                ConnectionSecretTemplates.normalise(labels.get("atlas.mongodb.com/cluster-name")))
        && resource.getSpec().getUsername().equals(decoded(secret, "username"))
        && (secret.getMetadata().getOwnerReferences() == null
            || secret.getMetadata().getOwnerReferences().stream()
                .allMatch(
                    r ->
                        r.getApiVersion().startsWith("atlas.mongodb.com/")
                            && r.getKind().equals("AtlasDatabaseUser")));
  }

  /** A key's value as text; null when it is not there or not Base64. */
  static String decoded(Secret secret, String key) {
    Map<String, String> data = nonNull(secret.getData());
    if (data.containsKey(key)) {
      try {
        return new String(Base64.getDecoder().decode(data.get(key)), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return nonNull(secret.getStringData()).get(key);
  }

  /** True when the Secret is the resource's: the label, and an owner reference to its uid. */
  static boolean owns(AtlasDatabaseUser resource, Secret secret) {
    return owns(resource, secret, ConnectionSecretTemplates.LABEL);
  }

  /** The Secret carries {@code label: "true"} and an owner reference to the resource. */
  static boolean owns(AtlasDatabaseUser resource, Secret secret, String label) {
    Map<String, String> labels = secret.getMetadata().getLabels();
    return labels != null
        && "true".equals(labels.get(label))
        && secret.getMetadata().getOwnerReferences() != null
        && secret.getMetadata().getOwnerReferences().stream()
            .anyMatch(r -> Objects.equals(r.getUid(), resource.getMetadata().getUid()));
  }

  static Map<String, String> nonNull(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }

  /** The owner reference the operator puts on a Secret it writes for the resource. */
  static io.fabric8.kubernetes.api.model.OwnerReference ownerReference(AtlasDatabaseUser resource) {
    return new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
        .withApiVersion(resource.getApiVersion())
        .withKind(resource.getKind())
        .withName(resource.getMetadata().getName())
        .withUid(resource.getMetadata().getUid())
        .withController(true)
        .build();
  }
}
