package io.atlasoperator.reconciler;

import io.atlasoperator.atlas.ApiKey;
import io.atlasoperator.atlas.AtlasClient;
import io.atlasoperator.atlas.AtlasException;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.AtlasDatabaseUserStatus;
import io.atlasoperator.crd.DeletionPolicy;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.UserKey;
import io.atlasoperator.reconciler.EventRecorder.EventReason;
import io.atlasoperator.status.ConditionType;
import io.atlasoperator.status.Reason;
import io.atlasoperator.status.StatusBuilder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.Objects;
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

  private final AtlasGateway gateway;
  private final ProjectUserCache atlasUsers;
  private final Backoff backoff;
  private final StatusBuilder statuses;
  private final ReferencedSecrets secrets;
  private final EventRecorder events;
  private final KubernetesClient kubernetes;

  UserCleanup(
      AtlasGateway gateway,
      ProjectUserCache atlasUsers,
      Backoff backoff,
      StatusBuilder statuses,
      ReferencedSecrets secrets,
      EventRecorder events,
      KubernetesClient kubernetes) {
    this.gateway = gateway;
    this.atlasUsers = atlasUsers;
    this.backoff = backoff;
    this.statuses = statuses;
    this.secrets = secrets;
    this.events = events;
    this.kubernetes = kubernetes;
  }

  DeleteControl cleanup(AtlasDatabaseUser resource) {
    UserKey key = DesiredUsers.key(resource);
    if (!DesiredUsers.addressable(key.username())) {
      // Refused by the CRD since; a resource from before must still be deletable.
      events.record(
          resource,
          EventReason.AtlasError,
          "Atlas user " + key + " cannot be addressed by URL; it was not deleted from Atlas");
      return done(resource);
    }
    try {
      ApiKey apiKey = secrets.apiKey(resource);
      AtlasClient client = gateway.client(apiKey);
      Optional<DatabaseUser> actual = client.get(key);
      if (actual.isEmpty() || !managedHere(resource, actual.get())) {
        return done(resource);
      }
      if (resource.getSpec().getDeletionPolicy() == DeletionPolicy.Retain) {
        client.update(withoutOwner(actual.get()), null);
        atlasUsers.invalidate(apiKey.publicKey(), key.projectId());
        events.record(
            resource,
            EventReason.Retained,
            "Left Atlas user " + key + " in place (deletionPolicy Retain)");
        return done(resource);
      }
      client.delete(key);
      atlasUsers.remove(apiKey.publicKey(), key);
      events.record(resource, EventReason.Deleted, "Deleted Atlas user " + key);
      return done(resource);
    } catch (AtlasUserFailure failure) {
      if (neverReachedAtlas(resource) && failure.reason().kind() == Reason.Kind.STALLED) {
        // e.g. a mistyped credentials Secret: nothing was created, so nothing to clean up.
        return done(resource);
      }
      return retry(resource, key, failure);
    } catch (AtlasException e) {
      return retry(resource, key, AtlasUserFailure.of(e));
    }
  }

  private DeleteControl done(AtlasDatabaseUser resource) {
    backoff.reset(ResourceID.fromResource(resource));
    return DeleteControl.defaultDelete();
  }

  /**
   * Keeps the finalizer, says so in the status, and tries again later; one Event and one status
   * change for a run of like failures, not one each.
   */
  private DeleteControl retry(AtlasDatabaseUser resource, UserKey key, AtlasUserFailure failure) {
    ResourceID id = ResourceID.fromResource(resource);
    boolean blocked = failure.reason().kind() == Reason.Kind.STALLED;
    if (blocked && resource.getSpec().getDeletionPolicy() == DeletionPolicy.Retain) {
      // Retain needs nothing from Atlas but the owner label's removal: let the resource go.
      events.record(
          resource,
          EventReason.Retained,
          "Left Atlas user "
              + key
              + " in place (deletionPolicy Retain); its owner label could not be removed: "
              + failure.getMessage());
      return done(resource);
    }
    Duration delay = backoff.next(id, failure.retryAfter());
    LOG.warn(
        "Cannot delete Atlas user {} of {}: {}{}; next attempt in {} ms",
        key,
        Ownership.ownerOf(resource),
        failure.reason(),
        failure.failedCall().map(c -> " " + c).orElse(": " + failure.getMessage()),
        delay.toMillis());
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
    AtlasDatabaseUserStatus status =
        statuses.build(
            resource,
            blocked ? Reason.DeletionBlocked : Reason.Deleting,
            message,
            resource.getStatus() == null ? null : resource.getStatus().getAtlas(),
            resource.getStatus() == null ? null : resource.getStatus().getAppliedPasswordVersion(),
            resource.getStatus() == null ? null : resource.getStatus().getObservedInputs());
    if (!sameReady(resource.getStatus(), status)) {
      if (backoff.failures(id) == 1 || blocked) {
        events.record(resource, EventReason.AtlasError, message);
      }
      writeStatus(resource, status);
    }
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(delay);
  }

  private static boolean sameReady(AtlasDatabaseUserStatus before, AtlasDatabaseUserStatus after) {
    Optional<Condition> old = StatusBuilder.condition(before, ConditionType.Ready);
    Condition now = StatusBuilder.condition(after, ConditionType.Ready).orElseThrow();
    return old.isPresent()
        && Objects.equals(old.get().getReason(), now.getReason())
        && Objects.equals(old.get().getMessage(), now.getMessage());
  }

  /** Patches the status subresource of a resource being deleted (JOSDK patches none here). */
  private void writeStatus(AtlasDatabaseUser resource, AtlasDatabaseUserStatus status) {
    AtlasDatabaseUser patch = new AtlasDatabaseUser();
    patch.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName(resource.getMetadata().getName())
            .withNamespace(resource.getMetadata().getNamespace())
            .build());
    patch.setStatus(status);
    try {
      kubernetes.resource(patch).patchStatus();
      resource.setStatus(status);
    } catch (KubernetesClientException e) {
      LOG.warn(
          "could not write the deletion status of {}: {}",
          Ownership.ownerOf(resource),
          e.getMessage());
    }
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
