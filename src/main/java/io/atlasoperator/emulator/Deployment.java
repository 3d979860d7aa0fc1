package io.atlasoperator.emulator;

import java.time.Duration;
import java.time.Instant;

/**
 * A cluster or flex cluster as the emulator holds it: what it was configured with, and the times
 * that make its {@code stateName} on the emulator clock. Immutable; a change replaces it in its
 * project.
 *
 * <p>States (the multi-version spec's {@code stateName} enum: IDLE, CREATING, UPDATING, DELETING,
 * REPAIRING; REPAIRING is not modelled): DELETING from a timed delete until it is gone, CREATING
 * until {@code readyAt}, UPDATING until {@code updatingUntil} (a timed pause or resume), else IDLE.
 *
 * @param spec its name and connection strings
 * @param flex a flex cluster (flexClusters API) rather than a dedicated one
 * @param readyAt when CREATING ends
 * @param updatingUntil when UPDATING ends, or null
 * @param goneAt when a DELETING deployment is gone, or null while it is not being deleted
 * @param paused the dedicated cluster's {@code paused} flag
 */
record Deployment(
    ClusterSpec spec,
    boolean flex,
    Instant readyAt,
    Instant updatingUntil,
    Instant goneAt,
    boolean paused) {

  /**
   * A deployment added at {@code now}: CREATING for the spec's creatingFor, then IDLE. One that is
   * never CREATING stays IDLE however the clock is moved afterwards.
   */
  static Deployment added(ClusterSpec spec, boolean flex, Instant now) {
    Duration creating = spec.creatingFor();
    return new Deployment(
        spec, flex, creating.isZero() ? Instant.MIN : now.plus(creating), null, null, false);
  }

  String name() {
    return spec.name();
  }

  String stateName(Instant now) {
    if (goneAt != null) {
      return "DELETING";
    }
    if (creating(now)) {
      return "CREATING";
    }
    return updatingUntil != null && now.isBefore(updatingUntil) ? "UPDATING" : "IDLE";
  }

  boolean creating(Instant now) {
    return now.isBefore(readyAt);
  }

  /** Deleted, and its DELETING time is over. */
  boolean gone(Instant now) {
    return goneAt != null && !now.isBefore(goneAt);
  }

  /** Paused or resumed at {@code now}, UPDATING for {@code updatingFor}. */
  Deployment paused(boolean value, Instant now, Duration updatingFor) {
    return new Deployment(
        spec, flex, readyAt, updatingFor.isZero() ? null : now.plus(updatingFor), goneAt, value);
  }

  /** Deleted at {@code now}: DELETING for {@code deletingFor}, then gone. */
  Deployment deleted(Instant now, Duration deletingFor) {
    Instant gone = deletingFor.isZero() ? Instant.MIN : now.plus(deletingFor);
    return new Deployment(spec, flex, readyAt, updatingUntil, gone, paused);
  }
}
