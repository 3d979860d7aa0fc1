package io.atlasoperator.reconciler;

import io.atlasoperator.atlas.AtlasApiException;
import io.atlasoperator.atlas.AtlasClient;
import io.atlasoperator.atlas.AtlasErrorCode;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.reconciler.EventRecorder.EventReason;
import io.atlasoperator.status.Reason;
import java.time.Clock;
import java.util.Optional;

/**
 * Carries out a {@link UserPlan} in Atlas with exactly one write (none for NoChange), keeps the
 * project cache in step, and says what happened.
 */
final class PlanExecutor {

  /** What a plan did: the status reason, a message, the user as Atlas now has it, the event. */
  record Result(
      Reason reason,
      String message,
      DatabaseUser inAtlas,
      String appliedPasswordVersion,
      EventReason event) {}

  private final ProjectUserCache atlasUsers;
  private final Clock clock;

  PlanExecutor(ProjectUserCache atlasUsers, Clock clock) {
    this.atlasUsers = atlasUsers;
    this.clock = clock;
  }

  /**
   * POSTs the user. A 409 means it was created behind our back since the last list: look again and
   * go on from what is there (adopt it, or leave it to its owner).
   */
  private Result create(
      AtlasDatabaseUser resource,
      DatabaseUser desired,
      ReferencedSecrets.Inputs inputs,
      AtlasClient client,
      String what)
      throws AtlasUserFailure {
    String publicKey = inputs.apiKey().publicKey();
    DatabaseUser created;
    try {
      created = client.create(desired, inputs.password());
    } catch (AtlasApiException e) {
      if (e.code().orElse(null) != AtlasErrorCode.USER_ALREADY_EXISTS) {
        throw e;
      }
      atlasUsers.invalidate(publicKey, desired.projectId());
      Optional<DatabaseUser> existing = client.get(desired.key());
      UserPlan next =
          UserPlan.decide(resource, desired, existing, inputs.passwordVersion(), clock.instant());
      if (next instanceof UserPlan.Create) {
        throw new AtlasUserFailure(
            Reason.AtlasUnavailable, "Atlas reported " + what + " as existing, then not found");
      }
      return execute(next, resource, desired, inputs, client);
    }
    atlasUsers.put(publicKey, created);
    return new Result(
        Reason.Created, "Created " + what, created, inputs.passwordVersion(), EventReason.Created);
  }

  Result execute(
      UserPlan plan,
      AtlasDatabaseUser resource,
      DatabaseUser desired,
      ReferencedSecrets.Inputs inputs,
      AtlasClient client)
      throws AtlasUserFailure {
    String publicKey = inputs.apiKey().publicKey();
    String what = "user " + desired.username() + " in project " + desired.projectId();
    String applied =
        resource.getStatus() == null ? null : resource.getStatus().getAppliedPasswordVersion();
    try {
      if (plan instanceof UserPlan.Create) {
        return create(resource, desired, inputs, client, what);
      }
      if (plan instanceof UserPlan.Adopt) {
        DatabaseUser adopted = client.update(desired, inputs.password());
        atlasUsers.put(publicKey, adopted);
        return new Result(
            Reason.Adopted,
            "Adopted existing " + what + " and updated it to the spec",
            adopted,
            inputs.passwordVersion(),
            EventReason.Adopted);
      }
      if (plan instanceof UserPlan.Update update) {
        DatabaseUser updated =
            client.update(desired, update.rotatePassword() ? inputs.password() : null);
        atlasUsers.put(publicKey, updated);
        boolean onlyPassword = update.changedFields().isEmpty();
        String message =
            onlyPassword
                ? "Rotated the password of " + what
                : "Updated "
                    + String.join(", ", update.changedFields())
                    + " of "
                    + what
                    + (update.rotatePassword() ? " and rotated its password" : "");
        return new Result(
            onlyPassword ? Reason.PasswordRotated : Reason.Updated,
            message,
            updated,
            inputs.passwordVersion(),
            onlyPassword ? EventReason.PasswordRotated : EventReason.Updated);
      }
      if (plan instanceof UserPlan.Expired expired) {
        return new Result(
            Reason.Expired,
            "Temporary "
                + what
                + " expired at "
                + expired.at()
                + " and Atlas removed it; set a later spec.deleteAfterDate to create it again",
            null,
            applied,
            EventReason.Expired);
      }
      if (plan instanceof UserPlan.OwnedElsewhere owned) {
        throw new AtlasUserFailure(
            Reason.Conflict,
            "Atlas "
                + what
                + " is managed by AtlasDatabaseUser "
                + owned.owner()
                + " (label "
                + Ownership.LABEL
                + "); it is left alone");
      }
      return new Result(
          Reason.UpToDate,
          "The Atlas " + what + " matches the spec",
          desired,
          inputs.passwordVersion() == null ? null : applied,
          null);
    } catch (AtlasApiException e) {
      if (e.code().orElse(null) == AtlasErrorCode.USERNAME_NOT_FOUND) {
        // Deleted behind our back since the last list: forget the list and try again soon.
        atlasUsers.invalidate(publicKey, desired.projectId());
        throw new AtlasUserFailure(
            Reason.AtlasUnavailable, "The Atlas " + what + " disappeared while being updated");
      }
      throw e;
    }
  }
}
