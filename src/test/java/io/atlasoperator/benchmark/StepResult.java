package io.atlasoperator.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One step of one run.
 *
 * @param step "1 create", "2 steady", ...
 * @param time to converged; null for a step that is a fixed window or a reading
 * @param calls the Atlas calls during the step; null for readings
 * @param floor least time the token buckets allow for the step's necessary calls; null: n/a
 * @param figures the step's other figures, by name (seconds, bytes, ratios)
 * @param targets the targets for this step
 */
record StepResult(
    String step,
    Duration time,
    AtlasCalls.Counts calls,
    Duration floor,
    Map<String, Object> figures,
    List<Target> targets) {

  /** A target and whether the measured figure meets it. */
  record Target(String name, String goal, String measured, boolean met) {}

  /** Time over floor; null when there is no floor (the calls fit in the buckets). */
  Double ratio() {
    return time == null || floor == null || floor.isZero()
        ? null
        : time.toMillis() / (double) floor.toMillis();
  }

  boolean met() {
    return targets.stream().allMatch(Target::met);
  }
}
