package io.atlasoperator.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * The deployments of a running {@link AtlasEmulator}, changed as they change in Atlas: clusters
 * created, paused, resumed and deleted, flex clusters, federated database instances and stream
 * instances, and how long a database-user change takes to apply. {@link AtlasEmulator} inherits
 * every method here; kept apart so that the emulator's own class stays short. Every change is made
 * under the emulator's lock and timed by its clock.
 */
abstract class EmulatorDeployments {

  final EmulatorClock clock;
  final ProjectStore projects;
  private volatile Duration applyDelay;

  EmulatorDeployments(EmulatorClock clock, Duration applyDelay) {
    this.clock = clock;
    this.projects = new ProjectStore(clock);
    this.applyDelay = requireNotNegative("applyDelay", applyDelay);
  }

  private AtlasEmulator self() {
    return (AtlasEmulator) this;
  }

  /**
   * How long Atlas takes to apply a database-user change to the project's clusters: after any user
   * create, update or delete, {@code GET .../clusters/{name}/status} answers {@code PENDING} for
   * every cluster of the project until this much time has passed on the emulator clock since the
   * project's latest user write, then {@code APPLIED}. Zero (the default) is APPLIED at once. Takes
   * effect for writes already made.
   */
  public AtlasEmulator applyDelay(Duration value) {
    applyDelay = requireNotNegative("applyDelay", value);
    return self();
  }

  public Duration applyDelay() {
    return applyDelay;
  }

  /** Adds an IDLE dedicated cluster, with connection strings made from its name. */
  public AtlasEmulator addCluster(String projectId, String name) {
    return addCluster(projectId, ClusterSpec.named(name));
  }

  /**
   * Adds a dedicated cluster that is CREATING, with no connection strings, until {@code
   * creatingFor} has passed on the emulator clock, then IDLE.
   */
  public AtlasEmulator addCluster(String projectId, String name, Duration creatingFor) {
    return addCluster(projectId, ClusterSpec.named(name).creatingFor(creatingFor));
  }

  /** Adds (or replaces) a dedicated cluster as specified, the project too if needed. */
  public synchronized AtlasEmulator addCluster(String projectId, ClusterSpec cluster) {
    return add(projectId, cluster, false);
  }

  /** Adds an IDLE flex cluster, with connection strings made from its name. */
  public AtlasEmulator addFlexCluster(String projectId, String name) {
    return addFlexCluster(projectId, name, Duration.ZERO);
  }

  /**
   * Adds a flex cluster that is CREATING until {@code creatingFor} has passed on the emulator
   * clock, then IDLE.
   */
  public synchronized AtlasEmulator addFlexCluster(
      String projectId, String name, Duration creatingFor) {
    return add(projectId, ClusterSpec.named(name).creatingFor(creatingFor), true);
  }

  /** Pauses a dedicated cluster: {@code paused} true, IDLE. */
  public AtlasEmulator pauseCluster(String projectId, String name) {
    return pauseCluster(projectId, name, Duration.ZERO);
  }

  /** Pauses a dedicated cluster: {@code paused} true at once, UPDATING for {@code updatingFor}. */
  public synchronized AtlasEmulator pauseCluster(
      String projectId, String name, Duration updatingFor) {
    return setPaused(projectId, name, true, updatingFor);
  }

  /** Resumes a paused dedicated cluster: {@code paused} false, IDLE. */
  public AtlasEmulator resumeCluster(String projectId, String name) {
    return resumeCluster(projectId, name, Duration.ZERO);
  }

  /**
   * Resumes a dedicated cluster: {@code paused} false at once, UPDATING for {@code updatingFor}.
   */
  public synchronized AtlasEmulator resumeCluster(
      String projectId, String name, Duration updatingFor) {
    return setPaused(projectId, name, false, updatingFor);
  }

  /** Deletes a cluster or flex cluster at once: the next request finds it gone. */
  public AtlasEmulator deleteCluster(String projectId, String name) {
    return deleteCluster(projectId, name, Duration.ZERO);
  }

  /**
   * Deletes a cluster or flex cluster: DELETING until {@code deletingFor} has passed on the
   * emulator clock, then gone (CLUSTER_NOT_FOUND, and out of the lists).
   */
  public synchronized AtlasEmulator deleteCluster(
      String projectId, String name, Duration deletingFor) {
    requireNotNegative("deletingFor", deletingFor);
    Deployment found = existing(projectId, name);
    projects.get(projectId).deployments.put(name, found.deleted(clock.instant(), deletingFor));
    return self();
  }

  /** Adds a federated database instance (state ACTIVE), the project too if needed. */
  public synchronized AtlasEmulator addFederatedDatabase(String projectId, String name) {
    projects.add(projectId).federatedDatabases.add(Objects.requireNonNull(name, "name"));
    return self();
  }

  /** Adds a stream instance, the project too if needed. */
  public synchronized AtlasEmulator addStreamInstance(String projectId, String name) {
    projects.add(projectId).streamInstances.add(Objects.requireNonNull(name, "name"));
    return self();
  }

  /** Adds a deployment at the clock's now; called at construction and by the methods above. */
  final AtlasEmulator add(String projectId, ClusterSpec cluster, boolean flex) {
    projects
        .add(projectId)
        .deployments
        .put(cluster.name(), Deployment.added(cluster, flex, clock.instant()));
    return self();
  }

  private AtlasEmulator setPaused(
      String projectId, String name, boolean paused, Duration updatingFor) {
    requireNotNegative("updatingFor", updatingFor);
    Deployment found = existing(projectId, name);
    if (found.flex()) {
      throw new IllegalArgumentException(
          "flex cluster " + name + " cannot be paused: flex clusters have no paused flag");
    }
    projects
        .get(projectId)
        .deployments
        .put(name, found.paused(paused, clock.instant(), updatingFor));
    return self();
  }

  private Deployment existing(String projectId, String name) {
    ProjectState project = projects.get(projectId);
    Deployment found =
        project == null
            ? null
            : project.deployments(clock.instant()).stream()
                .filter(d -> d.name().equals(name))
                .findFirst()
                .orElse(null);
    if (found == null) {
      throw new IllegalArgumentException("no cluster " + name + " in project " + projectId);
    }
    return found;
  }

  private static Duration requireNotNegative(String what, Duration value) {
    if (Objects.requireNonNull(value, what).isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative: " + value);
    }
    return value;
  }
}
