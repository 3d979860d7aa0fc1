package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.domain.AtlasCredentials;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.Deployment;
import io.atlasoperator.status.Reason;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What makes an Atlas user usable by applications: its scopes name what the project holds, Atlas
 * has applied its latest change on every cluster it reaches (changeStatus APPLIED), and only then
 * its connection Secrets hold its credentials. Until then the resource is not Ready ({@link
 * Reason#ClustersApplying}), so an application never reads a password that does not work yet.
 */
final class Connections {

  private final ProjectDeployments deployments;
  private final ProjectScopes scopes;
  private final ConnectionSecretWriter writer;
  private final Clock clock;
  private final Duration applyTimeout;
  private final Duration resync;

  private final PendingWrites pendingWrites = new PendingWrites();

  /** Per resource UID, the connection Secrets it has as this process last wrote them. */
  private final Map<String, List<String>> published = new ConcurrentHashMap<>();

  Connections(
      ProjectDeployments deployments,
      ConnectionSecretWriter writer,
      Clock clock,
      Duration applyTimeout,
      Duration resync) {
    this.deployments = deployments;
    this.scopes = new ProjectScopes(deployments, resync);
    deployments.onApplied(pendingWrites::projectApplied);
    this.writer = writer;
    this.clock = clock;
    this.applyTimeout = applyTimeout;
    this.resync = resync;
  }

  /**
   * Reads the project's clusters (before anything is written, so that a failed read writes
   * nothing), and fails with {@link Reason#ScopeNotFound} when a scope names no cluster, flex
   * cluster, federated database instance or stream instance of the project; the connection Secrets
   * of clusters that left the project go with it (not under dry run, which writes nothing).
   */
  void checkScopes(
      AtlasDatabaseUser resource,
      AtlasCredentials credentials,
      DatabaseUser desired,
      boolean dryRun)
      throws AtlasUserFailure {
    Set<String> clusters = scopes.clusters(credentials, desired.projectId());
    Optional<AtlasUserFailure> missing = scopes.missing(credentials, desired, clusters);
    if (missing.isEmpty()) {
      return;
    }
    if (!dryRun) {
      // The Secrets of clusters that left the project.
      List<String> deleted = writer.prune(resource, clusters).deleted();
      List<String> left = new ArrayList<>(published(resource));
      left.removeAll(deleted);
      published.put(resource.getMetadata().getUid(), List.copyOf(left));
    }
    throw missing.get();
  }

  /**
   * After a plan was carried out with a Ready reason: waits for Atlas to apply it on the clusters
   * the user reaches, then writes the connection Secrets (under dry run, says which it would).
   * Other outcomes pass unchanged.
   */
  Outcome.Applied publish(
      AtlasDatabaseUser resource,
      ReferencedSecrets.Inputs inputs,
      DatabaseUser desired,
      Outcome.Applied applied,
      boolean dryRun)
      throws AtlasUserFailure {
    if (applied.reason().kind() != Reason.Kind.READY) {
      return applied;
    }
    String uid = resource.getMetadata().getUid();
    Instant now = clock.instant();
    PendingWrites.Pending written = pendingWrites.observe(resource, now, applied).orElse(null);
    List<Deployment> reached = scopes.reached(inputs.credentials(), desired);
    Reason reason = applied.reason();
    String done = applied.message();
    if (written != null && !written.applied()) {
      List<String> pending = new ArrayList<>();
      for (Deployment cluster : reached) {
        if (cluster.state() == Deployment.State.OPERATIONAL
            && !deployments.appliedSince(
                inputs.credentials(), desired.projectId(), cluster.name(), written.writtenAt())) {
          pending.add(cluster.name());
        }
      }
      if (!pending.isEmpty()) {
        return applying(applied, written, pending, Duration.between(written.writtenAt(), now));
      }
      // Applied: a Secret that cannot be written yet keeps the news, not the wait.
      pendingWrites.applied(resource, written);
    }
    if (written != null) {
      reason = written.reason();
      done = written.message();
    }
    List<String> notes = new ArrayList<>();
    List<Deployment> usable = new ArrayList<>();
    Set<String> creating = new java.util.HashSet<>();
    for (Deployment cluster : reached) {
      switch (cluster.state()) {
        case CREATING -> {
          notes.add(cluster.name() + " has no connection strings yet (its Secret follows)");
          creating.add(cluster.name());
        }
        case PAUSED -> {
          notes.add(cluster.name() + " is paused");
          usable.add(cluster);
        }
        case DELETING -> notes.add(cluster.name() + " is being deleted");
        case OPERATIONAL -> usable.add(cluster);
      }
    }
    Map<String, ConnectionSecretTemplates.Rendered> wanted =
        ConnectionSecretTemplates.enabled(resource)
            ? ConnectionSecretTemplates.render(resource, desired, inputs.password(), usable)
            : Map.of();
    if (dryRun) {
      // Nothing is written under dry run, connection Secrets included.
      return new Outcome.Applied(
          reason,
          done
              + (wanted.isEmpty()
                  ? ""
                  : "; dry run: connection Secrets "
                      + String.join(", ", wanted.keySet())
                      + " are left as they are"),
          applied.inAtlas(),
          applied.appliedPasswordVersion(),
          applied.wrote(),
          null,
          null);
    }
    ConnectionSecretWriter.Changes changes = writer.sync(resource, wanted, creating);
    // Only now is the write's news told: a Secret that could not be written keeps it waiting.
    pendingWrites.published(resource);
    String message =
        done
            + (notes.isEmpty() ? "" : "; cluster " + String.join(", ", notes))
            + changes.describe(written != null);
    return new Outcome.Applied(
        reason,
        message,
        applied.inAtlas(),
        applied.appliedPasswordVersion(),
        applied.wrote() || changes.any(),
        published(uid, wanted.keySet(), changes.kept()),
        null);
  }

  /**
   * How to have a resource reconciled soon: when a status read answers APPLIED, every resource
   * waiting on that project looks again at once, instead of at its own next timer.
   */
  void wakeWith(Consumer<ResourceID> wakeUp) {
    pendingWrites.wakeWith(wakeUp);
  }

  /**
   * The connection Secrets the resource has, as this process last wrote or deleted them; else as
   * its status says.
   */
  List<String> published(AtlasDatabaseUser resource) {
    List<String> known = published.get(resource.getMetadata().getUid());
    if (known != null) {
      return known;
    }
    return resource.getStatus() == null || resource.getStatus().getConnectionSecrets() == null
        ? List.of()
        : resource.getStatus().getConnectionSecrets();
  }

  private List<String> published(String uid, Set<String> written, List<String> kept) {
    List<String> names = new ArrayList<>(written);
    names.addAll(kept);
    published.put(uid, List.copyOf(names));
    return List.copyOf(names);
  }

  /**
   * What was done in Atlas for the resource, for a failure that follows it: the write that waits to
   * be applied (Created, Updated, ...), else {@code applied}'s own message.
   */
  String done(AtlasDatabaseUser resource, Outcome.Applied applied) {
    return pendingWrites
        .get(resource)
        .map(PendingWrites.Pending::message)
        .orElse(applied.message());
  }

  /**
   * The resource's Atlas user was released: its connection Secrets go too (nothing else removes
   * them where no garbage collector runs). {@code released} when they are gone, else Failed.
   */
  Outcome released(AtlasDatabaseUser resource, Outcome released) {
    try {
      writer.prune(resource, Set.of());
      pendingWrites.forget(resource);
      published.remove(resource.getMetadata().getUid());
      return released;
    } catch (AtlasUserFailure failure) {
      return Outcome.Failed.of(failure);
    }
  }

  private Outcome.Applied applying(
      Outcome.Applied applied,
      PendingWrites.Pending written,
      List<String> pending,
      Duration since) {
    String clusters = (pending.size() == 1 ? "cluster " : "clusters ") + String.join(", ", pending);
    if (since.compareTo(applyTimeout) > 0) {
      return new Outcome.Applied(
          Reason.ApplyTimedOut,
          written.message()
              + "; Atlas has still not applied it on "
              + clusters
              + " after "
              + io.atlasoperator.config.OperatorConfig.format(applyTimeout)
              + " (changeStatus PENDING), so its connection Secrets are not written yet; looked"
              + " at again every minute",
          applied.inAtlas(),
          applied.appliedPasswordVersion(),
          applied.wrote(),
          null,
          Duration.ofMinutes(1).compareTo(resync) < 0 ? Duration.ofMinutes(1) : resync);
    }
    // Look again soon, then less often: a quarter of the wait so far, 1 s to 30 s.
    long quarter = since.toMillis() / 4;
    Duration again = Duration.ofMillis(Math.max(1000, Math.min(30_000, quarter)));
    return new Outcome.Applied(
        Reason.ClustersApplying,
        written.message()
            + "; Atlas is applying it on "
            + clusters
            + " (changeStatus PENDING): the connection Secrets are written once Atlas reports"
            + " it APPLIED",
        applied.inAtlas(),
        applied.appliedPasswordVersion(),
        applied.wrote(),
        null,
        again);
  }
}
