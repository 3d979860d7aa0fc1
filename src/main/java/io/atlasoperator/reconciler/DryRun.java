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
    String would;
    if (plan instanceof UserPlan.Create) {
      would = "create " + what + Expiry.until(desired.deleteAfterDate());
    } else if (plan instanceof UserPlan.Adopt) {
      would = "take over the existing " + what + " and update it to the spec";
    } else if (plan instanceof UserPlan.CompleteCreate) {
      would = "apply the spec and password to " + what + " again (an earlier answer was lost)";
    } else if (plan instanceof UserPlan.Reclaim) {
      would =
          "restore the owner label of "
              + what
              + " (removed in Atlas; this resource created or took over the user)";
    } else if (plan instanceof UserPlan.Update update) {
      would =
          update.changedFields().isEmpty()
              ? "rotate the password of " + what
              : "update "
                  + String.join(", ", update.changedFields())
                  + " of "
                  + what
                  + (update.rotatePassword() ? " and rotate its password" : "");
    } else {
      return Optional.empty();
    }
    return Optional.of(prefix(resource) + "would " + would + "; nothing was written to Atlas");
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
