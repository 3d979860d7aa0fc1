package io.atlasoperator.reconciler;

import io.atlasoperator.crd.Annotations;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.DeletionPolicy;
import io.atlasoperator.domain.DatabaseUser;
import java.util.Optional;

/**
 * Dry run, for one resource (annotation atlasoperator.io/dry-run: "true") or the whole operator
 * (ATLAS_OPERATOR_DRY_RUN): plans are made from what Atlas holds as always, and a plan that would
 * write is reported instead of carried out.
 */
final class DryRun {

  private final boolean operatorWide;

  DryRun(boolean operatorWide) {
    this.operatorWide = operatorWide;
  }

  boolean appliesTo(AtlasDatabaseUser resource) {
    return operatorWide || Annotations.dryRun(resource);
  }

  /** What a writing plan would do, when the resource is in dry run; empty otherwise. */
  Optional<String> wouldWrite(AtlasDatabaseUser resource, UserPlan plan, DatabaseUser desired) {
    if (!appliesTo(resource)) {
      return Optional.empty();
    }
    String what = "user " + desired.username() + " in project " + desired.projectId();
    Optional<String> would = plan.accept(new Words(what, desired));
    if (would.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        prefix(resource) + "would " + would.get() + "; nothing was written to Atlas");
  }

  /** What a plan would write, in words; empty for a plan that writes nothing. */
  private record Words(String what, DatabaseUser desired)
      implements UserPlan.Visitor<Optional<String>, RuntimeException> {

    @Override
    public Optional<String> create(UserPlan.Create plan) {
      return Optional.of("create " + what + Expiry.until(desired.deleteAfterDate()));
    }

    @Override
    public Optional<String> adopt(UserPlan.Adopt plan) {
      return Optional.of("take over the existing " + what + " and update it to the spec");
    }

    @Override
    public Optional<String> completeCreate(UserPlan.CompleteCreate plan) {
      return Optional.of(
          "apply the spec and password to " + what + " again (an earlier answer was lost)");
    }

    @Override
    public Optional<String> update(UserPlan.Update plan) {
      return Optional.of(
          plan.changedFields().isEmpty()
              ? "rotate the password of " + what
              : "update "
                  + String.join(", ", plan.changedFields())
                  + " of "
                  + what
                  + (plan.rotatePassword() ? " and rotate its password" : ""));
    }

    @Override
    public Optional<String> reclaim(UserPlan.Reclaim plan) {
      return Optional.of(
          "restore the owner label of "
              + what
              + " (removed in Atlas; this resource created or took over the user)");
    }

    @Override
    public Optional<String> adoptionNotAllowed(UserPlan.AdoptionNotAllowed plan) {
      return Optional.empty();
    }

    @Override
    public Optional<String> invalid(UserPlan.Invalid plan) {
      return Optional.empty();
    }

    @Override
    public Optional<String> noChange(UserPlan.NoChange plan) {
      return Optional.empty();
    }

    @Override
    public Optional<String> expired(UserPlan.Expired plan) {
      return Optional.empty();
    }

    @Override
    public Optional<String> ownedElsewhere(UserPlan.OwnedElsewhere plan) {
      return Optional.empty();
    }
  }

  /** What deleting the resource would do to its Atlas user, in dry run. */
  String wouldDelete(AtlasDatabaseUser resource, String user) {
    return prefix(resource)
        + (Annotations.deletionPolicy(resource) == DeletionPolicy.Retain
            ? "would leave Atlas " + user + " in place (deletionPolicy Retain)"
            : "would delete Atlas " + user)
        + "; nothing was written to Atlas";
  }

  /** Deleting a resource whose Atlas user was never made or taken over by it: nothing to do. */
  String nothingToDelete(AtlasDatabaseUser resource, String user) {
    return prefix(resource)
        + "Atlas "
        + user
        + " was never created or taken over by this resource, so deleting it changes nothing in"
        + " Atlas";
  }

  private String prefix(AtlasDatabaseUser resource) {
    return "Dry run ("
        + (Annotations.dryRun(resource)
            ? "annotation " + Annotations.DRY_RUN + ": true"
            : "ATLAS_OPERATOR_DRY_RUN=true")
        + "): ";
  }
}
