package io.atlasoperator.reconciler;

import io.atlasoperator.crd.Annotations;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.DeletionPolicy;
import io.atlasoperator.domain.AtlasCredentials;
import io.atlasoperator.domain.AtlasFailure;
import io.atlasoperator.domain.AtlasUsers;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.UserKey;
import io.atlasoperator.status.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What happens in Atlas when an AtlasDatabaseUser is deleted: its user is deleted (Delete) or
 * released (Retain), and only a user this resource manages. While Atlas cannot be reached or
 * refuses, the finalizer stays and the status says so ({@link Reason#Deleting} while retrying,
 * {@link Reason#DeletionBlocked} when the credentials cannot do it), instead of a stale Ready.
 */
final class UserCleanup {

  private final AtlasUsers atlas;
  private final ProjectUserCache projectUsers;
  private final ReferencedSecrets secrets;
  private final Duration listAge;
  private final DryRun dryRun;

  UserCleanup(
      AtlasUsers atlas,
      ProjectUserCache projectUsers,
      ReferencedSecrets secrets,
      Duration listAge,
      DryRun dryRun) {
    this.atlas = atlas;
    this.projectUsers = projectUsers;
    this.secrets = secrets;
    this.listAge = listAge;
    this.dryRun = dryRun;
  }

  /**
   * How old the list a deletion checks the owner label on may be: 30 s, or longer than one refill
   * period of the call budget, so that a deletion whose DELETE waited for the refill does not need
   * a new list (and another refill) first.
   */
  static Duration listAge(Duration budgetPeriod) {
    Duration afterRefill = budgetPeriod.plusSeconds(10);
    return afterRefill.compareTo(LIST_AGE) > 0 ? afterRefill : LIST_AGE;
  }

  /**
   * Deletes or releases the resource's Atlas user: Released when the resource may go, Failed
   * (Deleting while Atlas cannot be reached, DeletionBlocked when the credentials cannot do it)
   * while the finalizer must stay.
   */
  Outcome cleanup(AtlasDatabaseUser resource, Claims claims) {
    UserKey key = DesiredUsers.key(resource);
    if (Ownership.rival(resource, claims).isPresent()) {
      return new Outcome.Released(null, null); // the Atlas user is another resource's
    }
    if (!DesiredUsers.addressable(key.username())) {
      // Refused by the CRD since; a resource from before must still be deletable.
      return new Outcome.Released(
          Reason.InvalidSpec,
          "Atlas user " + key + " cannot be addressed by URL; it was not deleted from Atlas");
    }
    Optional<String> pausedBy = Annotations.pausedBy(resource);
    if (pausedBy.isPresent()) {
      return new Outcome.Released(
          Reason.Retained,
          "Left Atlas user " + key + " in place: the resource is paused (" + pausedBy.get() + ")");
    }
    if (dryRun.appliesTo(resource)) {
      return new Outcome.Released(
          Reason.DryRun,
          neverReachedAtlas(resource)
              ? dryRun.nothingToDelete(resource, "user " + key)
              : dryRun.wouldDelete(resource, "user " + key));
    }
    Outcome.Released last = new Outcome.Released(null, null);
    List<String> said = new ArrayList<>();
    List<UserKey> keys = new ArrayList<>(DesiredUsers.keys(resource));
    if (resource.getStatus() != null) {
      // The users it was replacing, or last wrote before a change of name, go too (only when
      // labelled as this one's).
      for (var other :
          java.util.Arrays.asList(
              resource.getStatus().getReplacing(), resource.getStatus().getAtlas())) {
        if (other != null) {
          UserKey otherKey = DesiredUsers.key(other);
          if (!keys.contains(otherKey)) {
            keys.add(otherKey);
          }
        }
      }
    }
    for (UserKey each : keys) {
      // The pair's second user (TwoUsers) only when it carries this resource's owner label.
      Outcome outcome = release(resource, each, !each.equals(key));
      if (!(outcome instanceof Outcome.Released released)) {
        return outcome;
      }
      if (released.reason() != null) {
        said.add(released.message());
        last = released;
      }
    }
    // A pair is reported in one line: "Deleted Atlas user A; Deleted Atlas user B".
    return said.size() > 1 ? new Outcome.Released(last.reason(), String.join("; ", said)) : last;
  }

  /**
   * Deletes or releases one Atlas user of the resource (a pair has two); {@code labelled}: only
   * when it carries the resource's owner label.
   */
  private Outcome release(AtlasDatabaseUser resource, UserKey key, boolean labelled) {
    try {
      AtlasCredentials credentials = secrets.credentials(resource);
      // The project's shared list, not a read of its own, so that a deletion costs one call (the
      // DELETE): when a whole namespace goes at once under Atlas's rate limit, a read and a write
      // each could spend every refill on reads. The list is at most listAge old (one list per
      // project that often, shared by all its deletions) and holds the operator's own writes.
      Optional<DatabaseUser> actual = projectUsers.find(credentials, key, listAge);
      if (actual.isEmpty()
          || !managedHere(resource, actual.get())
          || labelled && !Ownership.labelledFor(resource, actual.get())) {
        return new Outcome.Released(null, null);
      }
      if (Annotations.deletionPolicy(resource) == DeletionPolicy.Retain) {
        Optional<DatabaseUser> released =
            atlas.update(credentials, Ownership.withoutOwnerLabel(actual.get()), null);
        if (released.isEmpty()) {
          projectUsers.remove(credentials.id(), key);
          return new Outcome.Released(null, null);
        }
        projectUsers.put(credentials.id(), released.get());
        return new Outcome.Released(
            Reason.Retained, "Left Atlas user " + key + " in place (deletionPolicy Retain)");
      }
      atlas.delete(credentials, key);
      projectUsers.remove(credentials.id(), key);
      return new Outcome.Released(Reason.Deleted, "Deleted Atlas user " + key);
    } catch (AtlasUserFailure failure) {
      if (neverReachedAtlas(resource) && failure.reason().kind() == Reason.Kind.STALLED) {
        // e.g. a mistyped credentials Secret: nothing was created, so nothing to clean up.
        return new Outcome.Released(null, null);
      }
      return failed(resource, key, failure);
    } catch (AtlasFailure e) {
      return failed(resource, key, AtlasUserFailure.of(e));
    }
  }

  /** The shortest age of the list a deletion checks the owner label on (see listAge). */
  static final Duration LIST_AGE = Duration.ofSeconds(30);

  /**
   * Why the user cannot be deleted yet: Deleting while trying again can help, DeletionBlocked when
   * only a change can; Retain needs nothing but the owner label's removal, so it lets go.
   */
  private static Outcome failed(AtlasDatabaseUser resource, UserKey key, AtlasUserFailure failure) {
    boolean blocked = failure.reason().kind() == Reason.Kind.STALLED;
    if (blocked && Annotations.deletionPolicy(resource) == DeletionPolicy.Retain) {
      return new Outcome.Released(
          Reason.Retained,
          "Left Atlas user "
              + key
              + " in place (deletionPolicy Retain); its owner label could not be removed: "
              + failure.getMessage());
    }
    String message =
        (blocked ? "Cannot delete" : "Deleting")
            + " Atlas user "
            + key
            + (blocked ? ": " : ", retrying: ")
            + (blocked ? failure.getMessage().replaceFirst("\\.$", "") : failure.getMessage())
            + (blocked
                ? ". The finalizer stays until this is fixed; to leave the user in Atlas instead,"
                    + " set spec.deletionPolicy to Retain"
                : "");
    return new Outcome.Failed(
        blocked ? Reason.DeletionBlocked : Reason.Deleting,
        message,
        failure.failedCall().orElse(null),
        failure.retryAfter().orElse(null));
  }

  private static boolean neverReachedAtlas(AtlasDatabaseUser resource) {
    return resource.getStatus() == null || resource.getStatus().getAtlas() == null;
  }

  /**
   * Only a user labelled as this resource's may be deleted by it, or an unlabelled one that its
   * status.atlas names exactly (written by it, its label since removed): never another user that
   * merely has the name the spec asks for now.
   */
  private static boolean managedHere(AtlasDatabaseUser resource, DatabaseUser actual) {
    Optional<String> owner = Ownership.recordedOwner(actual);
    var seen = resource.getStatus() == null ? null : resource.getStatus().getAtlas();
    return owner
        .map(o -> o.equals(Ownership.labelValue(resource)))
        .orElse(seen != null && actual.key().equals(DesiredUsers.key(seen)));
  }
}
