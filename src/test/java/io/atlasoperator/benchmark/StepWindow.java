package io.atlasoperator.benchmark;

import io.atlasoperator.benchmark.AtlasCalls.Kind;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a step measured besides its time, from the moment the window opened: the Atlas calls by
 * endpoint, the API server's writes ({@link KubeWrites}), and the changes the benchmark's watches
 * saw ({@link KubeView}).
 */
final class StepWindow {

  private final AtlasCalls calls;
  private final KubeWrites writes;
  private final KubeView kube;
  private final int mark;
  private final Map<String, Long> kubeBefore;
  private final long userChanges;
  private final long secretChanges;
  private final Map<String, Long> transitions;

  StepWindow(AtlasCalls calls, KubeWrites writes, KubeView kube) {
    this.calls = calls;
    this.writes = writes;
    this.kube = kube;
    this.mark = calls.mark();
    this.kubeBefore = writes.read();
    this.userChanges = kube.userChanges();
    this.secretChanges = kube.secretChanges();
    this.transitions = kube.userTransitions();
  }

  /**
   * Adds when the window's last Atlas write was accepted, seconds after {@code startNanos}; when
   * Atlas applied it (the apply delay {@code apply} later); and how long after that the step was
   * done ({@code time}): the part of the step that no token bucket and no apply delay explains.
   */
  void applyTimes(Map<String, Object> figures, long startNanos, Duration time, Duration apply) {
    Long last = calls.lastWriteNanos(mark);
    if (last == null) {
      return;
    }
    double lastWrite = (last - startNanos) / 1e9;
    double applied = lastWrite + apply.toMillis() / 1000.0;
    figures.put("lastAtlasWriteSeconds", lastWrite);
    figures.put("appliedFromSeconds", applied);
    figures.put("doneAfterAppliedSeconds", time.toMillis() / 1000.0 - applied);
  }

  /** The Atlas calls since the window opened. */
  AtlasCalls.Counts calls() {
    return calls.since(mark);
  }

  /**
   * The window's figures: Atlas calls per user ({@code perUsers} users) by endpoint; the API
   * server's writes by resource, and those to the operator's resources less {@code ownWrites}, the
   * benchmark's own; the watches' changes, and the users' by Ready reason before and after.
   */
  Map<String, Object> figures(AtlasCalls.Counts counts, int perUsers, long ownWrites) {
    Map<String, Long> kubeWrites = KubeWrites.since(kubeBefore, writes.read());
    Map<String, Object> f = new LinkedHashMap<>();
    Map<String, Double> perUser = new LinkedHashMap<>();
    for (Kind kind : Kind.values()) {
      perUser.put(kind.name(), counts.of(kind) / (double) perUsers);
    }
    perUser.put("429", counts.tooMany() / (double) perUsers);
    f.put("atlasCallsPerUser", perUser);
    f.put("kubeWritesByResource", kubeWrites);
    f.put("benchmarkOwnWrites", ownWrites);
    f.put("operatorKubeWrites", KubeWrites.operators(kubeWrites) - ownWrites);
    f.put("watchedUserChanges", kube.userChanges() - userChanges);
    f.put("watchedSecretChanges", kube.secretChanges() - secretChanges);
    Map<String, Long> byReason = new LinkedHashMap<>();
    kube.userTransitions()
        .forEach(
            (k, v) -> {
              long d = v - transitions.getOrDefault(k, 0L);
              if (d != 0) {
                byReason.put(k, d);
              }
            });
    f.put("watchedUserUpdatesByReadyReason", byReason);
    return f;
  }
}
