package io.atlasoperator.benchmark;

import io.atlasoperator.benchmark.KubeView.View;
import io.atlasoperator.benchmark.StepResult.Target;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The steps of one run, in order, on the same users: 1 create (done when every resource is Ready
 * and every connection Secret exists, and with two-users Atlas holds both users of every resource),
 * 6 the operator's memory then, 2 steady state, 3 change specs, 4 rotate passwords (with generated
 * passwords {@link GeneratedRotation}: all of them), 5 delete all (done when no resource and no
 * connection Secret is left). Each step counts the Atlas calls by endpoint ({@link AtlasCalls}),
 * the API server's writes ({@link KubeWrites}) and the changes the benchmark's watches saw ({@link
 * KubeView}).
 */
final class Steps {

  private final Options options;
  private final AtlasCalls calls;
  private final Floors floors;
  private final KubeWrites writes;
  private final Workload users;
  private final OperatorProcess operator;
  private final List<StepResult> steps;
  private final PasswordLedger ledger;

  /**
   * {@code ledger}: what Atlas accepts, for the generated passwords' rotation step (null with given
   * passwords).
   */
  Steps(
      Options options,
      AtlasCalls calls,
      Floors floors,
      KubeWrites writes,
      Workload users,
      OperatorProcess operator,
      List<StepResult> steps,
      PasswordLedger ledger) {
    this.options = options;
    this.calls = calls;
    this.floors = floors;
    this.writes = writes;
    this.users = users;
    this.operator = operator;
    this.steps = steps;
    this.ledger = ledger;
  }

  void run(double ready) throws Exception {
    create();
    resources(ready);
    steps.add(new SteadyState(options, calls, writes, users.kube(), operator).run());
    int changed = options.changed();
    if (ledger != null) {
      ledger.remember(); // step 3's PATCHes change roles, not passwords, and may carry none
    }
    changeStep(
        "3 change specs",
        changed,
        users.perProject(changed),
        () -> changed,
        true,
        () -> users.changeSpecs(changed));
    if (options.generated()) {
      steps.add(
          new GeneratedRotation(options, calls, floors, writes, users, operator, ledger).run());
    } else {
      changeStep(
          "4 rotate passwords",
          changed,
          users.perProject(changed),
          () -> changed,
          true,
          () -> users.rotatePasswords(changed));
    }
    int[] deletions = {0};
    changeStep(
        "5 delete all",
        options.users(),
        users.atlasUsersPerProject(),
        () -> deletions[0],
        false,
        () -> {
          deletions[0] = users.deleteAll();
          return Workload.none();
        });
    steps.sort(java.util.Comparator.comparing(StepResult::step));
  }

  private void create() throws Exception {
    int n = options.users();
    calls.event("start 1 create");
    StepWindow window = new StepWindow(calls, writes, users.kube());
    long start = System.nanoTime();
    users.createUsers();
    long[] milestones = {0, 0};
    Predicate<View> ready = users.allUsersReady();
    Predicate<View> secrets = users.allSecrets();
    Predicate<View> done =
        v -> {
          long now = System.nanoTime();
          boolean r = ready.test(v);
          boolean s = secrets.test(v);
          milestones[0] = r && milestones[0] == 0 ? now : milestones[0];
          milestones[1] = s && milestones[1] == 0 ? now : milestones[1];
          // Two-users: each pair's second user is created once its first is Ready.
          return r && s && (!options.twoUsers() || ledger.atlasUsers() >= n);
        };
    Duration time = users.await(done, start, options.stepTimeout(), operator::checkAlive);
    AtlasCalls.Counts counts = window.calls();
    calls.event("end 1 create");
    Map<String, Long> userCalls = users.atlasUsersPerProject();
    userCalls.replaceAll((p, u) -> u + 1);
    Duration floor = floors.of(userCalls, floors.createClusterCalls(), true);
    Map<String, Object> figures = window.figures(counts, n, n);
    figures.put("users", n);
    figures.put("connectionSecretsExpected", (long) n * options.secretsPerUser());
    figures.put("allReadySeconds", (milestones[0] - start) / 1e9);
    figures.put("allSecretsSeconds", (milestones[1] - start) / 1e9);
    figures.put("applyDelaySeconds", floors.applyDelay(true).toMillis() / 1000.0);
    figures.put("bucketFloorSeconds", floor.minus(floors.applyDelay(true)).toMillis() / 1000.0);
    figures.put("necessaryCalls", Floors.necessaryCalls());
    window.applyTimes(figures, start, time, floors.applyDelay(true));
    steps.add(
        new StepResult(
            "1 create",
            time,
            counts,
            floor,
            figures,
            List.of(ratio(time, floor), zero429(counts))));
  }

  /** Step 6: the operator's memory with every resource Ready and every Secret there. */
  private void resources(double ready) throws Exception {
    long rss = operator.rssBytes();
    long heap = operator.heapUsedBytes();
    Long first = calls.firstAuthenticatedNanos();
    double firstReconcile = first == null ? Double.NaN : (first - operator.startNanos()) / 1e9;
    Map<String, Object> memory = new LinkedHashMap<>();
    memory.put("rssBytes", rss);
    memory.put("heapUsedBytes", heap);
    memory.put("heapCommittedBytes", operator.heapCommittedBytes());
    memory.put("connectionSecrets", users.kube().view().secrets().size());
    memory.put("readySeconds", ready);
    memory.put("firstReconcileSeconds", firstReconcile);
    memory.put("jvmFlags", String.join(" ", options.jvmFlags()));
    steps.add(
        new StepResult(
            "6 resources",
            null,
            null,
            null,
            memory,
            List.of(
                new Target(
                    "RSS",
                    "< 200 MB",
                    BenchmarkRun.mb(rss)
                        + " (heap used "
                        + BenchmarkRun.mb(heap)
                        + ", committed "
                        + BenchmarkRun.mb((Long) memory.get("heapCommittedBytes"))
                        + ")",
                    rss < 200L * 1024 * 1024),
                new Target(
                    "first reconcile",
                    "< 3 s",
                    String.format("%.2f s", firstReconcile),
                    firstReconcile < 3.0))));
  }

  /** A change to the users that says when the operator has caught up with it. */
  private interface Change {
    Predicate<View> make() throws Exception;
  }

  /**
   * A step that changes {@code count} users ({@code necessary}: the one write each needs, by
   * project) with {@code ownWrites} writes of the benchmark's own (known once the change is made),
   * timed from the start of the change; {@code waitsForApply}: it ends once Atlas applied them.
   */
  private void changeStep(
      String name,
      int count,
      Map<String, Long> necessary,
      java.util.function.IntSupplier ownWrites,
      boolean waitsForApply,
      Change change)
      throws Exception {
    calls.event("start " + name);
    StepWindow window = new StepWindow(calls, writes, users.kube());
    long start = System.nanoTime();
    Predicate<View> done = change.make();
    Duration time = users.await(done, start, options.stepTimeout(), operator::checkAlive);
    AtlasCalls.Counts counts = window.calls();
    calls.event("end " + name);
    long clusterCalls = waitsForApply ? floors.changeClusterCalls() : 0;
    Duration floor = floors.of(necessary, clusterCalls, waitsForApply);
    double perUser = counts.writes() / (double) count;
    Map<String, Object> figures = window.figures(counts, count, ownWrites.getAsInt());
    figures.put("usersChanged", count);
    figures.put("writesPerChangedUser", perUser);
    window.applyTimes(figures, start, time, floors.applyDelay(waitsForApply));
    steps.add(
        new StepResult(
            name,
            time,
            counts,
            floor,
            figures,
            List.of(
                new Target(
                    "writes per changed user",
                    "= 1",
                    String.format("%.2f", perUser),
                    counts.writes() == count))));
  }

  private static Target ratio(Duration time, Duration floor) {
    if (floor.isZero()) {
      return new Target("time / floor", "<= 1.1", "n/a (no floor)", true);
    }
    double ratio = time.toMillis() / (double) floor.toMillis();
    return new Target("time / floor", "<= 1.1", String.format("%.2f", ratio), ratio <= 1.1);
  }

  private static Target zero429(AtlasCalls.Counts counts) {
    return new Target("429s", "0", Long.toString(counts.tooMany()), counts.tooMany() == 0);
  }
}
