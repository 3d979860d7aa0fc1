package io.atlasoperator.reconciler;

import io.atlasoperator.atlas.AtlasApiException;
import io.atlasoperator.atlas.AtlasClient;
import io.atlasoperator.atlas.AtlasErrorCode;
import io.atlasoperator.atlas.AtlasException;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.reconciler.EventRecorder.EventReason;
import io.atlasoperator.status.Reason;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Carries out a {@link UserPlan} in Atlas with exactly one write (none for NoChange), keeps the
 * project cache in step, and says what happened. What it reports comes from Atlas's own answer: a
 * write whose answer does not hold what the spec asks for is {@link Reason#NotApplied}, not Ready.
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
  private final boolean adoptionEnabled;

  PlanExecutor(ProjectUserCache atlasUsers, Clock clock, boolean adoptionEnabled) {
    this.atlasUsers = atlasUsers;
    this.clock = clock;
    this.adoptionEnabled = adoptionEnabled;
  }

  Result execute(
      UserPlan plan,
      AtlasDatabaseUser resource,
      DatabaseUser desired,
      ReferencedSecrets.Inputs inputs,
      AtlasClient client)
      throws AtlasUserFailure {
    String what = "user " + desired.username() + " in project " + desired.projectId();
    String applied =
        resource.getStatus() == null ? null : resource.getStatus().getAppliedPasswordVersion();
    try {
      if (plan instanceof UserPlan.Create) {
        return create(resource, desired, inputs, client, what);
      }
      if (plan instanceof UserPlan.Adopt) {
        return verified(
            desired,
            inputs,
            client.update(desired, inputs.password()),
            Reason.Adopted,
            "Adopted existing " + what + " and updated it to the spec",
            EventReason.Adopted);
      }
      if (plan instanceof UserPlan.CompleteCreate) {
        return verified(
            desired,
            inputs,
            client.update(desired, inputs.password()),
            Reason.WriteConfirmed,
            "Atlas holds "
                + what
                + " labelled for this resource by an earlier write (a create or a takeover)"
                + " whose answer was lost; the spec and password were applied again and"
                + " Atlas's answer matches the spec",
            EventReason.WriteConfirmed);
      }
      if (plan instanceof UserPlan.Update update) {
        return update(update, desired, inputs, client, what);
      }
      if (plan instanceof UserPlan.NoChange noChange) {
        return new Result(
            Reason.UpToDate,
            "The Atlas " + what + " matches the spec",
            noChange.inAtlas(),
            inputs.passwordVersion() == null ? null : applied,
            null);
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
      if (plan instanceof UserPlan.AdoptionNotAllowed refused) {
        throw new AtlasUserFailure(
            Reason.AdoptionNotAllowed,
            "Atlas "
                + what
                + " already exists and is not managed by atlas-operator; nothing was changed. "
                + (refused.disabledByOperator()
                    ? "spec.adoptExisting is true, but this operator does not take over existing"
                        + " users (ATLAS_OPERATOR_ALLOW_ADOPTION=false)"
                    : "To take it over (its roles, password and labels become the spec's), set"
                        + " spec.adoptExisting: true"));
      }
      if (plan instanceof UserPlan.Invalid invalid) {
        throw new AtlasUserFailure(Reason.InvalidSpec, invalid.message());
      }
      UserPlan.OwnedElsewhere owned = (UserPlan.OwnedElsewhere) plan;
      throw new AtlasUserFailure(
          Reason.Conflict,
          "Atlas "
              + what
              + " is managed by AtlasDatabaseUser "
              + owned.owner()
              + " (label "
              + Ownership.LABEL
              + "); it is left alone");
    } catch (AtlasException e) {
      if (e instanceof AtlasApiException answer
          && answer.code().orElse(null) == AtlasErrorCode.USERNAME_NOT_FOUND) {
        // Deleted behind our back since the last list: forget the list and try again soon.
        atlasUsers.invalidate(inputs.apiKey().publicKey(), desired.projectId());
        throw AtlasUserFailure.of(
            e, Reason.AtlasUnavailable, "The Atlas " + what + " disappeared while being updated");
      }
      if (!(e instanceof AtlasApiException answer) || answer.isTransient()) {
        // No answer, or a 5xx/429: the write may or may not have happened. Read Atlas again
        // before deciding the next step, instead of trusting the list from before the write.
        atlasUsers.invalidate(inputs.apiKey().publicKey(), desired.projectId());
      }
      throw e;
    }
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
    DatabaseUser created;
    try {
      created = client.create(desired, inputs.password());
    } catch (AtlasApiException e) {
      if (e.code().orElse(null) != AtlasErrorCode.USER_ALREADY_EXISTS) {
        throw e;
      }
      atlasUsers.invalidate(inputs.apiKey().publicKey(), desired.projectId());
      Optional<DatabaseUser> existing = client.get(desired.key());
      UserPlan next =
          UserPlan.decide(
              resource,
              desired,
              existing,
              inputs.passwordVersion(),
              clock.instant(),
              adoptionEnabled);
      if (next instanceof UserPlan.Create) {
        throw AtlasUserFailure.of(
            e, Reason.AtlasUnavailable, "Atlas reported " + what + " as existing, then not found");
      }
      return execute(next, resource, desired, inputs, client);
    }
    return verified(
        desired, inputs, created, Reason.Created, "Created " + what, EventReason.Created);
  }

  private Result update(
      UserPlan.Update update,
      DatabaseUser desired,
      ReferencedSecrets.Inputs inputs,
      AtlasClient client,
      String what) {
    DatabaseUser updated =
        client.update(desired, update.rotatePassword() ? inputs.password() : null);
    boolean onlyPassword = update.changedFields().isEmpty();
    String message =
        onlyPassword
            ? "Rotated the password of " + what
            : "Updated "
                + String.join(", ", update.changedFields())
                + " of "
                + what
                + (update.rotatePassword() ? " and rotated its password" : "");
    return verified(
        desired,
        inputs,
        updated,
        onlyPassword ? Reason.PasswordRotated : Reason.Updated,
        message,
        onlyPassword ? EventReason.PasswordRotated : EventReason.Updated);
  }

  /**
   * The result of a write, checked against Atlas's answer: Ready only when the answer holds every
   * field the spec asks for; otherwise NotApplied, naming the fields.
   */
  private Result verified(
      DatabaseUser desired,
      ReferencedSecrets.Inputs inputs,
      DatabaseUser answer,
      Reason reason,
      String message,
      EventReason event) {
    atlasUsers.put(inputs.apiKey().publicKey(), answer);
    List<String> missing = UserDiff.changedFields(desired, answer);
    if (missing.isEmpty()) {
      return new Result(reason, message, answer, inputs.passwordVersion(), event);
    }
    return new Result(
        Reason.NotApplied,
        "Atlas accepted the write to user "
            + desired.username()
            + " in project "
            + desired.projectId()
            + " but its answer does not hold the spec's "
            + String.join(", ", missing)
            + "; not retried until the spec or a Secret changes",
        answer,
        inputs.passwordVersion(),
        EventReason.NotApplied);
  }
}
