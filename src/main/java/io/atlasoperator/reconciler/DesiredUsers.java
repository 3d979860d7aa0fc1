package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.AtlasDatabaseUserSpec;
import io.atlasoperator.crd.DatabaseName;
import io.atlasoperator.domain.AuthType;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.UserKey;
import io.atlasoperator.domain.UserLabel;
import io.atlasoperator.domain.UserRole;
import io.atlasoperator.domain.UserScope;
import io.atlasoperator.status.Reason;
import java.util.ArrayList;
import java.util.List;

/** The Atlas user a resource's spec asks for, in the operator's own types. */
final class DesiredUsers {

  private DesiredUsers() {}

  static UserKey key(AtlasDatabaseUser resource) {
    AtlasDatabaseUserSpec spec = resource.getSpec();
    return new UserKey(spec.getProjectId(), databaseName(spec), spec.getUsername());
  }

  /** Every Atlas user of the resource: its own, and for a pair (TwoUsers) USERNAME-b too. */
  static java.util.List<UserKey> keys(AtlasDatabaseUser resource) {
    UserKey key = key(resource);
    return PasswordSecrets.twoUsers(resource)
        ? java.util.List.of(
            key,
            new UserKey(
                key.projectId(),
                key.databaseName(),
                PasswordSecrets.other(resource, key.username())))
        : java.util.List.of(key);
  }

  /** The Atlas user a status record (status.atlas, status.replacing) names. */
  static UserKey key(io.atlasoperator.crd.AtlasUserStatus user) {
    return new UserKey(user.getProjectId(), user.getDatabaseName(), user.getUsername());
  }

  /** The authentication type the spec asks for (SCRAM when none). */
  static AuthType authType(AtlasDatabaseUserSpec spec) {
    return AuthType.of(
        spec.getLdapAuthType() == null ? null : spec.getLdapAuthType().name(),
        spec.getX509Type() == null ? null : spec.getX509Type().name(),
        spec.getAwsIamType() == null ? null : spec.getAwsIamType().name(),
        spec.getOidcAuthType() == null ? null : spec.getOidcAuthType().name());
  }

  /** False for the usernames a URL path cannot carry: "." and "..". */
  static boolean addressable(String username) {
    return !username.equals(".") && !username.equals("..");
  }

  /** What {@link UserPlan#decide} needs from the resource, its password version included. */
  static UserPlan.Request request(AtlasDatabaseUser resource, String passwordVersion)
      throws AtlasUserFailure {
    return request(resource, of(resource), passwordVersion, Expiry.of(resource).orElse(null));
  }

  /**
   * The request for a desired user given apart from the spec (the plan's tests give their own):
   * what the resource's metadata and status say is read here, in one place.
   */
  static UserPlan.Request request(
      AtlasDatabaseUser resource, DatabaseUser desired, String passwordVersion, Expiry expiry) {
    // Written before: a user of this resource's (its own, or either of its pair) was confirmed in
    // Atlas. After a change of username or databaseName the new user was not: an unlabelled user
    // of the new name is someone else's, never one whose label was lost.
    var seen = resource.getStatus() == null ? null : resource.getStatus().getAtlas();
    UserKey seenKey = seen == null ? null : key(seen);
    boolean writtenBefore =
        seenKey != null
            && (seenKey.equals(desired.key())
                || PasswordSecrets.twoUsers(resource) && keys(resource).contains(seenKey));
    return new UserPlan.Request(
        desired,
        Ownership.labelValue(resource),
        Boolean.TRUE.equals(resource.getSpec().getAdoptExisting()),
        writtenBefore,
        resource.getStatus() == null ? null : resource.getStatus().getAppliedPasswordVersion(),
        passwordVersion,
        expiry);
  }

  /** The desired user, labelled with its owner. */
  static DatabaseUser of(AtlasDatabaseUser resource) throws AtlasUserFailure {
    AtlasDatabaseUserSpec spec = resource.getSpec();
    if (!addressable(spec.getUsername())) {
      throw new AtlasUserFailure(
          Reason.InvalidSpec,
          "username " + spec.getUsername() + " cannot be addressed in Atlas's URL paths");
    }
    List<UserLabel> labels = new ArrayList<>();
    spec.getLabels().stream()
        .filter(l -> !Ownership.LABEL.equals(l.getKey()))
        .forEach(l -> labels.add(new UserLabel(l.getKey(), l.getValue())));
    labels.add(new UserLabel(Ownership.LABEL, Ownership.labelValue(resource)));
    return new DatabaseUser(
        spec.getProjectId(),
        databaseName(spec),
        spec.getUsername(),
        spec.getRoles().stream()
            .map(r -> new UserRole(r.getRoleName(), r.getDatabaseName(), r.getCollectionName()))
            .toList(),
        spec.getScopes().stream().map(s -> new UserScope(s.getName(), s.getType().name())).toList(),
        labels,
        Expiry.of(resource).map(Expiry::at).orElse(null),
        authType(spec),
        spec.getDescription());
  }

  private static String databaseName(AtlasDatabaseUserSpec spec) {
    return spec.getDatabaseName() == DatabaseName.EXTERNAL
        ? DatabaseUser.EXTERNAL
        : DatabaseUser.ADMIN;
  }
}
