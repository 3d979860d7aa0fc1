package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.status.Reason;
import io.atlasoperator.status.StatusBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The writes to Atlas that Atlas has not yet applied on every cluster, per resource, kept in this
 * process: when each was answered, and its reason and message, which the resource reports once
 * Atlas has applied it (Created, Updated, ...: the news is the write). When a status read answers
 * APPLIED, the resources waiting on that project are reconciled at once (JOSDK's inbound event
 * source) instead of at their own next look.
 */
final class PendingWrites {

  /** A write not yet applied (or applied, its Secrets not yet written). */
  record Pending(
      Instant writtenAt,
      Reason reason,
      String message,
      boolean applied,
      String project,
      ResourceID id) {

    Pending asApplied() {
      return new Pending(writtenAt, reason, message, true, project, id);
    }
  }

  private final Map<String, Pending> waiting = new ConcurrentHashMap<>();

  /**
   * The resources this process has published for: only for one it has not seen does a status saying
   * ClustersApplying (from before a restart) mean a wait; for the others it may be a cached status
   * older than this process's last write.
   */
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  private volatile Consumer<ResourceID> wake = id -> {};

  /** How to have a resource reconciled soon. */
  void wakeWith(Consumer<ResourceID> wakeUp) {
    this.wake = wakeUp;
  }

  /**
   * The resource's pending write after this reconcile: a new one when it wrote to Atlas; after a
   * restart, one from now when its status says it was waiting; otherwise what was pending.
   */
  Optional<Pending> observe(AtlasDatabaseUser resource, Instant now, Outcome.Applied applied) {
    String uid = resource.getMetadata().getUid();
    if (applied.wrote()) {
      waiting.put(uid, pending(resource, now, applied));
    } else if (!seen.contains(uid) && wasApplying(resource)) {
      waiting.putIfAbsent(uid, pending(resource, now, applied));
    }
    seen.add(uid);
    return Optional.ofNullable(waiting.get(uid));
  }

  Optional<Pending> get(AtlasDatabaseUser resource) {
    return Optional.ofNullable(waiting.get(resource.getMetadata().getUid()));
  }

  /** Atlas has applied it; its news stays until its Secrets are written. */
  void applied(AtlasDatabaseUser resource, Pending written) {
    waiting.put(resource.getMetadata().getUid(), written.asApplied());
  }

  /** Its Secrets are written: nothing is pending. */
  void published(AtlasDatabaseUser resource) {
    waiting.remove(resource.getMetadata().getUid());
  }

  /** The resource is gone. */
  void forget(AtlasDatabaseUser resource) {
    waiting.remove(resource.getMetadata().getUid());
    seen.remove(resource.getMetadata().getUid());
  }

  /** A status read of the project answered APPLIED: its waiting resources look again now. */
  void projectApplied(String project) {
    waiting.values().stream()
        .filter(p -> !p.applied() && p.project().equals(project))
        .forEach(p -> wake.accept(p.id()));
  }

  private static Pending pending(AtlasDatabaseUser resource, Instant now, Outcome.Applied applied) {
    return new Pending(
        now,
        applied.reason(),
        applied.message(),
        false,
        resource.getSpec().getProjectId(),
        ResourceID.fromResource(resource));
  }

  private static boolean wasApplying(AtlasDatabaseUser resource) {
    return StatusBuilder.readyReason(resource.getStatus())
        .filter(
            r -> r.equals(Reason.ClustersApplying.name()) || r.equals(Reason.ApplyTimedOut.name()))
        .isPresent();
  }
}
