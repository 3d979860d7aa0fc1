package io.atlasoperator.reconciler;

import io.atlasoperator.domain.AtlasCredentials;
import io.atlasoperator.domain.AtlasDeployments;
import io.atlasoperator.domain.Deployment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What a project holds besides its users, read once and shared by every resource of the project,
 * like {@link ProjectUserCache}: its clusters (kept until older than the resync interval), its
 * federated database instances and stream instances (read only when a scope names one), and each
 * cluster's change status. A change status is read at most once per {@link #STATUS_REUSE} and
 * cluster however many users wait on it, and a read that began after a user's write answers for
 * every user written before it: 100 users created in one project cost a few status reads per
 * cluster, not 100.
 */
final class ProjectDeployments {

  /** How long a PENDING answer stands for every user waiting on the cluster. */
  static final Duration STATUS_REUSE = Duration.ofSeconds(1);

  private final AtlasDeployments atlas;
  private final Clock clock;
  private final Duration maxAge;
  private final Map<String, Listed<List<Deployment>>> clusters = new ConcurrentHashMap<>();
  private final Map<String, Listed<Set<String>>> federated = new ConcurrentHashMap<>();
  private final Map<String, Listed<Set<String>>> streams = new ConcurrentHashMap<>();
  private final Map<String, Status> statuses = new ConcurrentHashMap<>();

  /** A list as last read, and when. */
  private static final class Listed<T> {
    Instant readAt;
    T value;
  }

  /** A cluster's change status as last read: when the last APPLIED and PENDING reads began. */
  private static final class Status {
    Instant appliedReadBegan;
    Instant pendingReadBegan;
  }

  /** Told the project whenever a status read answers APPLIED. */
  private volatile java.util.function.Consumer<String> onApplied = project -> {};

  /** Who to tell when a status read answers APPLIED (the project's ID). */
  void onApplied(java.util.function.Consumer<String> listener) {
    this.onApplied = listener;
  }

  ProjectDeployments(AtlasDeployments atlas, Clock clock, Duration maxAge) {
    this.atlas = atlas;
    this.clock = clock;
    this.maxAge = maxAge;
  }

  /** The project's clusters and flex clusters. */
  List<Deployment> deployments(AtlasCredentials credentials, String projectId) {
    return cached(
        clusters, credentials, projectId, () -> atlas.deployments(credentials, projectId));
  }

  Set<String> federatedDatabases(AtlasCredentials credentials, String projectId) {
    return cached(
        federated, credentials, projectId, () -> atlas.federatedDatabases(credentials, projectId));
  }

  Set<String> streamInstances(AtlasCredentials credentials, String projectId) {
    return cached(
        streams, credentials, projectId, () -> atlas.streamInstances(credentials, projectId));
  }

  /**
   * True when Atlas has applied on the cluster every change written before {@code writtenAt}: a
   * status read that began after it said APPLIED. Reads the status when no such read is known and
   * the last read of the cluster is older than {@link #STATUS_REUSE}, so at most one read a second
   * per cluster, however many users wait.
   */
  boolean appliedSince(
      AtlasCredentials credentials, String projectId, String cluster, Instant writtenAt) {
    Status status =
        statuses.computeIfAbsent(key(credentials, projectId) + "/" + cluster, k -> new Status());
    synchronized (status) {
      if (status.appliedReadBegan != null && status.appliedReadBegan.isAfter(writtenAt)) {
        return true;
      }
      Instant now = clock.instant();
      Instant last = latest(status.appliedReadBegan, status.pendingReadBegan);
      if (last != null && now.isBefore(last.plus(STATUS_REUSE))) {
        // Read a moment ago: the users written since wait for the next read, which answers for
        // them all, instead of each sending its own right after its write.
        return false;
      }
      boolean applied = atlas.changesApplied(credentials, projectId, cluster);
      if (applied) {
        status.appliedReadBegan = now;
        onApplied.accept(projectId);
      } else {
        status.pendingReadBegan = now;
      }
      return applied;
    }
  }

  private static Instant latest(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
  }

  /** Forgets what was read of a project, so the next look reads it again. */
  void invalidate(AtlasCredentials credentials, String projectId) {
    String key = key(credentials, projectId);
    clusters.remove(key);
    federated.remove(key);
    streams.remove(key);
  }

  private <T> T cached(
      Map<String, Listed<T>> lists,
      AtlasCredentials credentials,
      String projectId,
      Supplier<T> read) {
    Listed<T> listed = lists.computeIfAbsent(key(credentials, projectId), k -> new Listed<>());
    synchronized (listed) {
      Instant now = clock.instant();
      if (listed.readAt == null || !listed.readAt.plus(maxAge).isAfter(now)) {
        // Read first, replace after: a read that fails keeps the last list, still due.
        listed.value = read.get();
        listed.readAt = now;
      }
      return listed.value;
    }
  }

  private static String key(AtlasCredentials credentials, String projectId) {
    return credentials.id() + "/" + projectId;
  }
}
