package io.atlasoperator.benchmark;

import io.atlasoperator.benchmark.StepResult.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 2: nothing changes for K resync intervals, right after step 1. Per project per interval: the
 * lists of its users, the lists of its clusters and flex clusters, the status reads; and the
 * API-server writes, which should be none: the operator has nothing to write when nothing changed.
 * Each interval is also counted on its own, so that what follows step 1 once (e.g. a resource's
 * first resync after its creation) shows apart from what comes back every interval.
 */
final class SteadyState {

  private final Options options;
  private final AtlasCalls calls;
  private final KubeWrites writes;
  private final KubeView kube;
  private final OperatorProcess operator;

  SteadyState(
      Options options,
      AtlasCalls calls,
      KubeWrites writes,
      KubeView kube,
      OperatorProcess operator) {
    this.options = options;
    this.calls = calls;
    this.writes = writes;
    this.kube = kube;
    this.operator = operator;
  }

  StepResult run() throws Exception {
    calls.event("start 2 steady");
    StepWindow window = new StepWindow(calls, writes, kube);
    List<Map<String, Object>> intervals = new ArrayList<>();
    List<Long> writesPerInterval = new ArrayList<>();
    for (int i = 1; i <= options.intervals(); i++) {
      StepWindow one = new StepWindow(calls, writes, kube);
      Thread.sleep(options.resync().toMillis());
      operator.checkAlive();
      AtlasCalls.Counts counts = one.calls();
      Map<String, Object> f = one.figures(counts, options.users(), 0);
      Map<String, Object> interval = new LinkedHashMap<>();
      interval.put("interval", i);
      interval.put("userLists", counts.list());
      interval.put("clusterLists", counts.clustersList() + counts.flexList());
      interval.put("statusReads", counts.status());
      interval.put("operatorKubeWrites", f.get("operatorKubeWrites"));
      interval.put("kubeWritesByResource", f.get("kubeWritesByResource"));
      interval.put("watchedUserChanges", f.get("watchedUserChanges"));
      interval.put("watchedSecretChanges", f.get("watchedSecretChanges"));
      interval.put("watchedUserUpdatesByReadyReason", f.get("watchedUserUpdatesByReadyReason"));
      intervals.add(interval);
      writesPerInterval.add((Long) f.get("operatorKubeWrites"));
    }
    AtlasCalls.Counts counts = window.calls();
    calls.event("end 2 steady");
    double k = options.intervals();
    double lists = maxPerProject(counts.listsPerProject()) / k;
    double clusterLists = maxPerProject(counts.clusterListsPerProject()) / k;
    double statuses = maxPerProject(counts.statusPerProject()) / k;
    Map<String, Object> figures = window.figures(counts, options.users(), 0);
    figures.put("windowSeconds", options.resync().multipliedBy(options.intervals()).toSeconds());
    figures.put("intervals", options.intervals());
    figures.put("maxListsPerProjectPerInterval", lists);
    figures.put("maxClusterListsPerProjectPerInterval", clusterLists);
    figures.put("maxStatusReadsPerProjectPerInterval", statuses);
    figures.put("perInterval", intervals);
    figures.put("rssBytesAfter", operator.rssBytes());
    figures.put("heapUsedBytesAfter", operator.heapUsedBytes());
    figures.put("heapCommittedBytesAfter", operator.heapCommittedBytes());
    long kubeWrites = (Long) figures.get("operatorKubeWrites");
    long watched =
        (Long) figures.get("watchedUserChanges") + (Long) figures.get("watchedSecretChanges");
    return new StepResult(
        "2 steady",
        null,
        counts,
        null,
        figures,
        List.of(
            new Target(
                "user lists per project per interval",
                "<= 1",
                String.format("%.2f", lists),
                lists <= 1.0),
            new Target(
                "cluster+flex lists per project per interval",
                "<= 2",
                String.format("%.2f", clusterLists),
                clusterLists <= 2.0),
            new Target(
                "status reads per project per interval",
                "0",
                String.format("%.2f", statuses),
                statuses == 0),
            new Target(
                "API-server writes (users, status, Secrets, Events)",
                "0",
                kubeWrites
                    + " (by interval "
                    + writesPerInterval
                    + ", watched changes "
                    + watched
                    + ")",
                kubeWrites == 0 && watched == 0)));
  }

  private static long maxPerProject(Map<String, Long> perProject) {
    return perProject.values().stream().mapToLong(Long::longValue).max().orElse(0);
  }
}
