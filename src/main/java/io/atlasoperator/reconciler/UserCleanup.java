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
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens in Atlas when an AtlasDatabaseUser is deleted: its user is deleted (Delete) or
 * released (Retain), and only a user this resource manages. While Atlas cannot be reached or
 * refuses, the finalizer stays and the status says so ({@link Reason#Deleting} while retrying,
 * {@link Reason#DeletionBlocked} when the credentials cannot do it), instead of a stale Ready.
 */
final class UserCleanup {

  private static final Logger LOG = LoggerFactory.getLogger(UserCleanup.class);

  private final AtlasUsers atlas;
  private final ProjectUserCache atlasUsers;
  private final ReferencedSecrets secrets;
  private final Reporter reporter;
  private final Duration resync;
  private final Duration listAge;
  private final DryRun dryRun;

  UserCleanup(
      AtlasUsers atlas,
      ProjectUserCache atlasUsers,
      ReferencedSecrets secrets,
      Reporter reporter,
      Duration resync,
      Duration listAge,
      DryRun dryRun) {
    this.atlas = atlas;
    this.atlasUsers = atlasUsers;
    this.secrets = secrets;
    this.reporter = reporter;
    this.resync = resync;
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
   * Deletes or releases the resource's Atlas user. Throws the failure for JOSDK to retry when Atlas
   * could not be reached; waits for a change (or the resync) when the credentials cannot do it.
   */
  DeleteControl cleanup(AtlasDatabaseUser resource) throws AtlasUserFailure {
    UserKey key = DesiredUsers.key(resource);
    if (!DesiredUsers.addressable(key.username())) {
      // Refused by the CRD since; a resource from before must still be deletable.
      reporter.finished(
          resource,
          Reason.InvalidSpec,
          "Atlas user " + key + " cannot be addressed by URL; it was not deleted from Atlas");
      return DeleteControl.defaultDelete();
    }
    Optional<String> pausedBy = Annotations.pausedBy(resource);
    if (pausedBy.isPresent()) {
      reporter.finished(
          resource,
          Reason.Retained,
          "Left Atlas user " + key + " in place: the resource is paused (" + pausedBy.get() + ")");
      return DeleteControl.defaultDelete();
    }
    if (dryRun.appliesTo(resource)) {
      reporter.finished(
          resource,
          Reason.DryRun,
          neverReachedAtlas(resource)
              ? dryRun.nothingToDelete(resource, "user " + key)
              : dryRun.wouldDelete(resource, "user " + key));
      return DeleteControl.defaultDelete();
    }
    try {
      AtlasCredentials credentials = secrets.credentials(resource);
      // The project's shared list, not a read of its own, so that a deletion costs one call (the
      // DELETE): when a whole namespace goes at once under Atlas's rate limit, a read and a write
      // each could spend every refill on reads. The list is at most listAge old (one list per
      // project that often, shared by all its deletions) and holds the operator's own writes.
      Optional<DatabaseUser> actual = atlasUsers.find(credentials, key, listAge);
      if (actual.isEmpty() || !managedHere(resource, actual.get())) {
        return done(resource);
      }
      if (Annotations.deletionPolicy(resource) == DeletionPolicy.Retain) {
        Optional<DatabaseUser> released =
            atlas.update(credentials, withoutOwner(actual.get()), null);
        if (released.isEmpty()) {
          atlasUsers.remove(credentials.id(), key);
          return done(resource);
        }
        atlasUsers.put(credentials.id(), released.get());
        reporter.finished(
            resource,
            Reason.Retained,
            "Left Atlas user " + key + " in place (deletionPolicy Retain)");
        return DeleteControl.defaultDelete();
      }
      atlas.delete(credentials, key);
      atlasUsers.remove(credentials.id(), key);
      reporter.finished(resource, Reason.Deleted, "Deleted Atlas user " + key);
      return DeleteControl.defaultDelete();
    } catch (AtlasUserFailure failure) {
      if (neverReachedAtlas(resource) && failure.reason().kind() == Reason.Kind.STALLED) {
        // e.g. a mistyped credentials Secret: nothing was created, so nothing to clean up.
        return done(resource);
      }
      return retry(resource, key, failure);
    } catch (AtlasFailure e) {
      return retry(resource, key, AtlasUserFailure.of(e));
    }
  }

  /** The shortest age of the list a deletion checks the owner label on (see listAge). */
  static final Duration LIST_AGE = Duration.ofSeconds(30);

  private DeleteControl done(AtlasDatabaseUser resource) {
    reporter.finished(resource, null, null);
    return DeleteControl.defaultDelete();
  }

  /**
   * Keeps the finalizer and says so in the status (one Event and one status change for a run of
   * like failures, not one each); JOSDK's retry tries again, or Atlas's Retry-After, or the resync
   * when only a change can help.
   */
  private DeleteControl retry(AtlasDatabaseUser resource, UserKey key, AtlasUserFailure failure)
      throws AtlasUserFailure {
    boolean blocked = failure.reason().kind() == Reason.Kind.STALLED;
    if (blocked && Annotations.deletionPolicy(resource) == DeletionPolicy.Retain) {
      // Retain needs nothing from Atlas but the owner label's removal: let the resource go.
      reporter.finished(
          resource,
          Reason.Retained,
          "Left Atlas user "
              + key
              + " in place (deletionPolicy Retain); its owner label could not be removed: "
              + failure.getMessage());
      return DeleteControl.defaultDelete();
    }
    if (failure.reason() == Reason.RateLimited) {
      LOG.debug("Deleting Atlas user {} waits for the project's call budget", key);
    } else {
      LOG.warn(
          "Cannot delete Atlas user {} of {}: {}{}; {}",
          key,
          Ownership.ownerOf(resource),
          failure.reason(),
          failure.failedCall().map(c -> " " + c).orElse(": " + failure.getMessage()),
          blocked ? "looked at again after a change or the resync" : "retried");
    }
    String message =
        (blocked ? "Cannot delete" : "Deleting")
            + " Atlas user "
            + key
            + (blocked ? ": " : ", retrying: ")
            + failure.getMessage()
            + (blocked
                ? ". The finalizer stays until this is fixed; to leave the user in Atlas instead,"
                    + " set spec.deletionPolicy to Retain"
                : "");
    reporter.deletionFailed(resource, blocked ? Reason.DeletionBlocked : Reason.Deleting, message);
    if (blocked) {
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(resync);
    }
    Optional<Duration> retryAfter = failure.retryAfter();
    if (retryAfter.isPresent()) {
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(retryAfter.get());
    }
    throw failure;
  }

  private static boolean neverReachedAtlas(AtlasDatabaseUser resource) {
    return resource.getStatus() == null || resource.getStatus().getAtlas() == null;
  }

  /** Only a user labelled as this resource's (or managed by it before) may be deleted by it. */
  private static boolean managedHere(AtlasDatabaseUser resource, DatabaseUser actual) {
    Optional<String> owner = Ownership.recordedOwner(actual);
    return owner
        .map(o -> o.equals(Ownership.labelValue(resource)))
        .orElse(resource.getStatus() != null && resource.getStatus().getAtlas() != null);
  }

  private static DatabaseUser withoutOwner(DatabaseUser user) {
    return new DatabaseUser(
        user.projectId(),
        user.databaseName(),
        user.username(),
        user.roles(),
        user.scopes(),
        user.labels().stream().filter(l -> !Ownership.LABEL.equals(l.key())).toList(),
        user.deleteAfterDate(),
        user.authType(),
        user.description());
  }
}
