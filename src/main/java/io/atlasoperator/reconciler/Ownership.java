package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.Digests;
import io.atlasoperator.domain.UserLabel;
import io.atlasoperator.status.Reason;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Who manages an Atlas user. In the cluster, the oldest AtlasDatabaseUser naming a project and
 * username claims it; in Atlas, the user carries an {@value #LABEL} label naming that resource, so
 * no two operators or resources fight over it and none deletes a user another owns.
 */
final class Ownership {

  static final String LABEL = "atlasoperator.io/owner";
  static final String INDEX = "atlas-user";

  private Ownership() {}

  /** The owner label's value for a resource: NAMESPACE/NAME. */
  static String ownerOf(AtlasDatabaseUser resource) {
    return resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
  }

  /** Atlas's longest label value: ComponentLabel.value maxLength in the v1.0 OpenAPI spec. */
  static final int MAX_LABEL_VALUE = 255;

  /**
   * The owner label's value for a resource: NAMESPACE/NAME, or for names too long for an Atlas
   * label (a namespace of 63 and a name of 253 characters make 317) a prefix of it followed by
   * {@code ~} and 16 hex digits of its SHA-256, which stays unique and at most 255 characters.
   */
  static String labelValue(AtlasDatabaseUser resource) {
    String owner = ownerOf(resource);
    if (owner.length() <= MAX_LABEL_VALUE) {
      return owner;
    }
    String digest = Digests.sha256Hex(owner, 16);
    return owner.substring(0, MAX_LABEL_VALUE - 17) + "~" + digest;
  }

  /** The index key naming the Atlas user a resource asks for. */
  static List<String> indexKey(AtlasDatabaseUser resource) {
    if (resource.getSpec() == null) {
      return List.of();
    }
    return List.of(
        resource.getSpec().getProjectId()
            + "/"
            + resource.getSpec().getDatabaseName()
            + "/"
            + resource.getSpec().getUsername());
  }

  /**
   * Fails with {@link Reason#Conflict} when another resource asking for the same Atlas user was
   * there first.
   */
  static void checkClaim(AtlasDatabaseUser resource, Claims claims) throws AtlasUserFailure {
    Optional<AtlasDatabaseUser> rival = rival(resource, claims);
    if (rival.isPresent()) {
      throw new AtlasUserFailure(
          Reason.Conflict,
          "Atlas user "
              + DesiredUsers.key(resource)
              + " is already managed by AtlasDatabaseUser "
              + ownerOf(rival.get()));
    }
  }

  /** Another resource asking for the same Atlas user that was there first, if any. */
  static Optional<AtlasDatabaseUser> rival(AtlasDatabaseUser resource, Claims claims) {
    List<AtlasDatabaseUser> rivals = claims.askingForTheSameUser(resource);
    if (rivals.isEmpty()) {
      return Optional.empty();
    }
    AtlasDatabaseUser claimant = claimant(rivals);
    return ownerOf(claimant).equals(ownerOf(resource)) ? Optional.empty() : Optional.of(claimant);
  }

  /** Of the resources asking for one Atlas user, the one that may manage it: the oldest. */
  static AtlasDatabaseUser claimant(List<AtlasDatabaseUser> rivals) {
    return rivals.stream()
        .min(
            Comparator.comparing((AtlasDatabaseUser r) -> r.getMetadata().getCreationTimestamp())
                .thenComparing(Ownership::ownerOf))
        .orElseThrow();
  }

  /** The owner recorded on an Atlas user, if any. */
  static Optional<String> recordedOwner(DatabaseUser user) {
    return user.labels().stream()
        .filter(l -> LABEL.equals(l.key()))
        .map(UserLabel::value)
        .findFirst();
  }

  /** True when {@code seen} is the user the spec asks for (not one it is moving away from). */
  static boolean namesSpecUser(
      AtlasDatabaseUser resource, io.atlasoperator.crd.AtlasUserStatus seen) {
    return seen != null
        && DesiredUsers.key(resource).username().equals(seen.getUsername())
        && DesiredUsers.key(resource).databaseName().equals(seen.getDatabaseName());
  }

  /** True when the Atlas user carries this resource's owner label. */
  static boolean labelledFor(AtlasDatabaseUser resource, DatabaseUser user) {
    return recordedOwner(user).equals(Optional.of(labelValue(resource)));
  }

  /** The same user without the owner label: what Retain leaves in Atlas. */
  static DatabaseUser withoutOwnerLabel(DatabaseUser user) {
    return user.withLabels(user.labels().stream().filter(l -> !LABEL.equals(l.key())).toList());
  }
}
