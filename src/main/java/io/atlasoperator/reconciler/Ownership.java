package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.UserLabel;
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
}
