package io.atlasoperator.reconciler;

import io.atlasoperator.domain.AtlasFailure;
import io.atlasoperator.domain.AtlasUsers;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.Password;
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

  /**
   * What a plan did: the status reason, a message, the user as Atlas now has it, and whether it
   * wrote to Atlas (a write is always worth an Event).
   */
  record Result(
      Reason reason,
      String message,
      DatabaseUser inAtlas,
      String appliedPasswordVersion,
      boolean wrote) {}

  private final AtlasUsers atlas;
  private final ProjectUserCache atlasUsers;
  private final Clock clock;
  private final boolean adoptionEnabled;

  PlanExecutor(AtlasUsers atlas, ProjectUserCache atlasUsers, Clock clock, boolean adoption) {
    this.atlas = atlas;
    this.atlasUsers = atlasUsers;
    this.clock = clock;
    this.adoptionEnabled = adoption;
  }

  /** The plan for a request, given what Atlas holds. */
  UserPlan plan(UserPlan.Request request, Optional<DatabaseUser> actual) {
    return UserPlan.decide(request, actual, clock.instant(), adoptionEnabled);
  }

  Result execute(UserPlan plan, UserPlan.Request request, ReferencedSecrets.Inputs inputs)
      throws AtlasUserFailure {
    DatabaseUser desired = request.desired();
    String what = "user " + desired.username() + " in project " + desired.projectId();
    String applied = request.appliedPasswordVersion();
    try {
      if (plan instanceof UserPlan.Create) {
        return create(request, inputs, what);
      }
      if (plan instanceof UserPlan.Adopt) {
        return verified(
            desired,
            inputs,
            update(inputs, desired, inputs.password()),
            Reason.Adopted,
            "Adopted existing " + what + " and updated it to the spec");
      }
      if (plan instanceof UserPlan.CompleteCreate) {
        return verified(
            desired,
            inputs,
            update(inputs, desired, inputs.password()),
            Reason.WriteConfirmed,
            "Atlas holds "
                + what
                + " labelled for this resource by an earlier write (a create or a takeover)"
                + " whose answer was lost; the spec and password were applied again and"
                + " Atlas's answer matches the spec");
      }
      if (plan instanceof UserPlan.Update update) {
        return update(update, desired, inputs, what);
      }
      if (plan instanceof UserPlan.Reclaim reclaim) {
        List<String> others =
            reclaim.changedFields().stream().filter(f -> !f.equals("labels")).toList();
        return verified(
            desired,
            inputs,
            update(inputs, desired, reclaim.rotatePassword() ? inputs.password() : null),
            Reason.Updated,
            "The owner label "
                + Ownership.LABEL
                + " had been removed in Atlas from "
                + what
                + ", which this resource created or took over (status.atlas); restored it"
                + (others.isEmpty() ? "" : " and updated " + String.join(", ", others))
                + (reclaim.rotatePassword() ? " and rotated its password" : ""));
      }
      if (plan instanceof UserPlan.NoChange noChange) {
        return new Result(
            Reason.UpToDate,
            "The Atlas " + what + " matches the spec",
            noChange.inAtlas(),
            inputs.passwordVersion() == null ? null : applied,
            false);
      }
      if (plan instanceof UserPlan.Expired expired) {
        return new Result(
            Reason.Expired,
            "Temporary "
                + what
                + " expired at "
                + expired.expiry().at()
                + " and Atlas removed it; "
                + expired.expiry().renewal(),
            null,
            applied,
            false);
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
    } catch (AtlasFailure e) {
      if (e.mayHaveRun()) {
        // No answer, or a 5xx: the write may or may not have happened. Read Atlas again
        // before deciding the next step, instead of trusting the list from before the write.
        atlasUsers.invalidate(inputs.credentials().id(), desired.projectId());
      }
      throw AtlasUserFailure.of(e);
    }
  }

  /** PATCHes the user; Atlas not having it means it was deleted behind our back since the list. */
  private DatabaseUser update(ReferencedSecrets.Inputs inputs, DatabaseUser desired, Password pw)
      throws AtlasUserFailure {
    Optional<DatabaseUser> updated = atlas.update(inputs.credentials(), desired, pw);
    if (updated.isEmpty()) {
      // Forget the list and try again soon.
      atlasUsers.invalidate(inputs.credentials().id(), desired.projectId());
      throw new AtlasUserFailure(
          Reason.AtlasUnavailable,
          "The Atlas user "
              + desired.username()
              + " in project "
              + desired.projectId()
              + " disappeared while being updated");
    }
    return updated.get();
  }

  /**
   * POSTs the user. A 409 means it was created behind our back since the last list: look again and
   * go on from what is there (adopt it, or leave it to its owner).
   */
  private Result create(UserPlan.Request request, ReferencedSecrets.Inputs inputs, String what)
      throws AtlasUserFailure {
    DatabaseUser desired = request.desired();
    Optional<DatabaseUser> created = atlas.create(inputs.credentials(), desired, inputs.password());
    if (created.isPresent()) {
      return verified(
          desired,
          inputs,
          created.get(),
          Reason.Created,
          "Created " + what + Expiry.until(created.get().deleteAfterDate()));
    }
    atlasUsers.invalidate(inputs.credentials().id(), desired.projectId());
    UserPlan next = plan(request, atlas.get(inputs.credentials(), desired.key()));
    if (next instanceof UserPlan.Create) {
      throw new AtlasUserFailure(
          Reason.AtlasUnavailable, "Atlas reported " + what + " as existing, then not found");
    }
    return execute(next, request, inputs);
  }

  private Result update(
      UserPlan.Update update, DatabaseUser desired, ReferencedSecrets.Inputs inputs, String what)
      throws AtlasUserFailure {
    DatabaseUser updated =
        update(inputs, desired, update.rotatePassword() ? inputs.password() : null);
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
        desired, inputs, updated, onlyPassword ? Reason.PasswordRotated : Reason.Updated, message);
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
      String message) {
    atlasUsers.put(inputs.credentials().id(), answer);
    List<String> missing = UserDiff.changedFields(desired, answer);
    if (missing.isEmpty()) {
      return new Result(reason, message, answer, inputs.passwordVersion(), true);
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
        true);
  }
}
