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
 * A plan Atlas would refuse, or one that must not write, fails with the reason.
 */
final class PlanExecutor {

  private final AtlasUsers atlas;
  private final ProjectUserCache projectUsers;
  private final Clock clock;
  private final boolean adoptionEnabled;

  PlanExecutor(AtlasUsers atlas, ProjectUserCache projectUsers, Clock clock, boolean adoption) {
    this.atlas = atlas;
    this.projectUsers = projectUsers;
    this.clock = clock;
    this.adoptionEnabled = adoption;
  }

  /**
   * The request with a lease settled against the user Atlas holds: its date kept while more than
   * half the lease is left, else renewed a whole lease ahead; any other request as it is.
   */
  UserPlan.Request leased(UserPlan.Request request, Optional<DatabaseUser> actual) {
    Expiry expiry = request.expiry();
    if (expiry == null || expiry.lease() == null) {
      return request;
    }
    return request.withExpiry(
        expiry.leasedAt(actual.map(DatabaseUser::deleteAfterDate).orElse(null), clock.instant()));
  }

  /** How long until a leased user is renewed (at least a second); empty for any other. */
  Optional<java.time.Duration> untilRenewal(UserPlan.Request request) {
    Expiry expiry = request.expiry();
    if (expiry == null || expiry.lease() == null) {
      return Optional.empty();
    }
    java.time.Duration left = java.time.Duration.between(clock.instant(), expiry.renewsAt());
    return Optional.of(left.compareTo(SECOND) < 0 ? SECOND : left);
  }

  private static final java.time.Duration SECOND = java.time.Duration.ofSeconds(1);

  /** The plan for a request, given what Atlas holds. */
  UserPlan plan(UserPlan.Request request, Optional<DatabaseUser> actual) {
    return UserPlan.decide(request, actual, clock.instant(), adoptionEnabled);
  }

  Outcome.Applied execute(UserPlan plan, UserPlan.Request request, ReferencedSecrets.Inputs inputs)
      throws AtlasUserFailure {
    DatabaseUser desired = request.desired();
    try {
      return plan.accept(new Steps(request, inputs));
    } catch (AtlasFailure e) {
      if (e.mayHaveRun()) {
        // No answer, or a 5xx: the write may or may not have happened. Read Atlas again
        // before deciding the next step, instead of trusting the list from before the write.
        projectUsers.invalidate(inputs.credentials().id(), desired.projectId());
      }
      throw e;
    }
  }

  /** What each kind of plan does. */
  private final class Steps implements UserPlan.Visitor<Outcome.Applied, AtlasUserFailure> {

    private final UserPlan.Request request;
    private final ReferencedSecrets.Inputs inputs;
    private final DatabaseUser desired;
    private final String what;

    Steps(UserPlan.Request request, ReferencedSecrets.Inputs inputs) {
      this.request = request;
      this.inputs = inputs;
      this.desired = request.desired();
      this.what = "user " + desired.username() + " in project " + desired.projectId();
    }

    @Override
    public Outcome.Applied create(UserPlan.Create plan) throws AtlasUserFailure {
      return PlanExecutor.this.create(request, inputs, what);
    }

    @Override
    public Outcome.Applied adopt(UserPlan.Adopt plan) throws AtlasUserFailure {
      return verified(
          desired,
          inputs,
          patch(inputs, desired, inputs.password()),
          Reason.Adopted,
          "Adopted existing " + what + " and updated it to the spec");
    }

    @Override
    public Outcome.Applied completeCreate(UserPlan.CompleteCreate plan) throws AtlasUserFailure {
      return verified(
          desired,
          inputs,
          patch(inputs, desired, inputs.password()),
          Reason.WriteConfirmed,
          "Atlas holds "
              + what
              + " labelled for this resource by an earlier write (a create or a takeover)"
              + " whose answer was lost; the spec and password were applied again and"
              + " Atlas's answer matches the spec");
    }

    @Override
    public Outcome.Applied update(UserPlan.Update plan) throws AtlasUserFailure {
      DatabaseUser updated =
          patch(inputs, desired, plan.rotatePassword() ? inputs.password() : null);
      boolean onlyPassword = plan.changedFields().isEmpty();
      String message =
          onlyPassword
              ? "Rotated the password of " + what
              : "Updated "
                  + String.join(", ", plan.changedFields())
                  + " of "
                  + what
                  + (plan.rotatePassword() ? " and rotated its password" : "");
      return verified(
          desired,
          inputs,
          updated,
          onlyPassword ? Reason.PasswordRotated : Reason.Updated,
          message);
    }

    @Override
    public Outcome.Applied reclaim(UserPlan.Reclaim plan) throws AtlasUserFailure {
      List<String> others = plan.changedFields().stream().filter(f -> !f.equals("labels")).toList();
      return verified(
          desired,
          inputs,
          patch(inputs, desired, plan.rotatePassword() ? inputs.password() : null),
          Reason.Updated,
          "The owner label "
              + Ownership.LABEL
              + " had been removed in Atlas from "
              + what
              + ", which this resource created or took over (status.atlas); restored it"
              + (desired.labels().size() > 1 ? " with the spec's other labels" : "")
              + (others.isEmpty() ? "" : " and updated " + String.join(", ", others))
              + (plan.rotatePassword() ? " and rotated its password" : ""));
    }

    @Override
    public Outcome.Applied noChange(UserPlan.NoChange plan) {
      return new Outcome.Applied(
          Reason.UpToDate,
          "The Atlas " + what + " matches the spec",
          plan.inAtlas(),
          inputs.passwordVersion() == null ? null : request.appliedPasswordVersion(),
          false);
    }

    @Override
    public Outcome.Applied expired(UserPlan.Expired plan) {
      return new Outcome.Applied(
          Reason.Expired,
          "Temporary "
              + what
              + " expired at "
              + plan.expiry().at()
              + " and Atlas removed it; "
              + plan.expiry().renewal(),
          null,
          request.appliedPasswordVersion(),
          false);
    }

    @Override
    public Outcome.Applied adoptionNotAllowed(UserPlan.AdoptionNotAllowed plan)
        throws AtlasUserFailure {
      throw new AtlasUserFailure(
          Reason.AdoptionNotAllowed,
          "Atlas "
              + what
              + " already exists and is not managed by atlas-operator; nothing was changed. "
              + (plan.disabledByOperator()
                  ? "spec.adoptExisting is true, but this operator does not take over existing"
                      + " users (ATLAS_OPERATOR_ALLOW_ADOPTION=false)"
                  : "To take it over (its roles, password and labels become the spec's), set"
                      + " spec.adoptExisting: true"));
    }

    @Override
    public Outcome.Applied invalid(UserPlan.Invalid plan) throws AtlasUserFailure {
      throw new AtlasUserFailure(Reason.InvalidSpec, plan.message());
    }

    @Override
    public Outcome.Applied ownedElsewhere(UserPlan.OwnedElsewhere plan) throws AtlasUserFailure {
      throw new AtlasUserFailure(
          Reason.Conflict,
          "Atlas "
              + what
              + " is managed by AtlasDatabaseUser "
              + plan.owner()
              + " (label "
              + Ownership.LABEL
              + "); it is left alone");
    }
  }

  /** PATCHes the user; Atlas not having it means it was deleted behind our back since the list. */
  private DatabaseUser patch(ReferencedSecrets.Inputs inputs, DatabaseUser desired, Password pw)
      throws AtlasUserFailure {
    Optional<DatabaseUser> updated = atlas.update(inputs.credentials(), desired, pw);
    if (updated.isEmpty()) {
      // Forget the list and try again soon.
      projectUsers.invalidate(inputs.credentials().id(), desired.projectId());
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
  private Outcome.Applied create(
      UserPlan.Request request, ReferencedSecrets.Inputs inputs, String what)
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
    projectUsers.invalidate(inputs.credentials().id(), desired.projectId());
    UserPlan next = plan(request, atlas.get(inputs.credentials(), desired.key()));
    if (next instanceof UserPlan.Create) {
      throw new AtlasUserFailure(
          Reason.AtlasUnavailable, "Atlas reported " + what + " as existing, then not found");
    }
    return execute(next, request, inputs);
  }

  /**
   * The result of a write, checked against Atlas's answer: Ready only when the answer holds every
   * field the spec asks for; otherwise NotApplied, naming the fields.
   */
  private Outcome.Applied verified(
      DatabaseUser desired,
      ReferencedSecrets.Inputs inputs,
      DatabaseUser answer,
      Reason reason,
      String message) {
    projectUsers.put(inputs.credentials().id(), answer);
    List<String> missing = UserDiff.changedFields(desired, answer);
    if (missing.isEmpty()) {
      return new Outcome.Applied(reason, message, answer, inputs.passwordVersion(), true);
    }
    return new Outcome.Applied(
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
