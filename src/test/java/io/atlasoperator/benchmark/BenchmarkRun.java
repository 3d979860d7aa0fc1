package io.atlasoperator.benchmark;

import io.atlasoperator.benchmark.StepResult.Target;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.testing.LocalKubeApiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One combination of Atlas API version and authentication, from a fresh namespace, emulator and
 * operator process: the six steps, in order, on the same users.
 */
final class BenchmarkRun {

  private final Options options;
  private final LocalKubeApiServer kube;
  private final String api;
  private final String auth;
  private final List<StepResult> steps = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Map<String, String> settings = new LinkedHashMap<>();
  private final AtlasCalls calls = new AtlasCalls();
  private Emulators.Started emulator;
  private boolean atlasLimited;

  BenchmarkRun(Options options, LocalKubeApiServer kube, String api, String auth) {
    this.options = options;
    this.kube = kube;
    this.api = api;
    this.auth = auth;
  }

  RunResult run() {
    long began = System.nanoTime();
    String namespace = "bench-" + api.replace(".", "") + "-" + auth;
    List<String> projects = new ArrayList<>();
    for (int p = 0; p < options.projects(); p++) {
      projects.add(String.format("%024x", 0xbe0c000000L + p));
    }
    emulator = Emulators.start(api, auth, projects, options.atlasBucket(), options.latency());
    atlasLimited = emulator.rateLimited();
    emulator.atlas().onRequest(calls);
    kube.createNamespace(namespace);
    kube.createSecret(namespace, "atlas-credentials", emulator.credentials());
    settings.put("ATLAS_BASE_URL", emulator.atlas().baseUrl());
    settings.put("ATLAS_OPERATOR_ATLAS_API", api);
    settings.put("ATLAS_OPERATOR_DEFAULT_CREDENTIALS", namespace + "/atlas-credentials");
    settings.put("ATLAS_OPERATOR_WATCH_NAMESPACES", namespace);
    settings.put("ATLAS_OPERATOR_RESYNC_INTERVAL", options.resync().toSeconds() + "s");
    settings.put("ATLAS_OPERATOR_RATE_LIMIT", options.operatorBucket().text());
    Path log = Path.of("target", "benchmark-logs", "operator-" + api + "-" + auth + ".log");
    try (Workload users = new Workload(kube.client(), namespace, projects, options.users())) {
      users.createPasswords();
      try (OperatorProcess operator =
          OperatorProcess.start(options.jvmFlags(), kube.kubeConfigYaml(), settings, log)) {
        double ready = operator.awaitReady(Duration.ofSeconds(60));
        try {
          steps(users, operator, ready);
        } finally {
          calls.writeCsv(
              log.resolveSibling("atlas-calls-" + api + "-" + auth + ".csv"),
              operator.startNanos());
        }
      }
      checkSettingsHonoured();
      return result("measured", began);
    } catch (Exception | AssertionError e) {
      notes.add("failed: " + e.getMessage() + " (operator log: " + log + ")");
      return result("failed", began);
    } finally {
      emulator.atlas().stop();
    }
  }

  private void steps(Workload users, OperatorProcess operator, double ready) throws Exception {
    Runnable alive = operator::checkAlive;
    int n = options.users();
    int changed = options.changed();

    calls.event("start 1 create");
    int mark = calls.mark();
    long start = System.nanoTime();
    users.createUsers();
    Duration time = users.await(users.allReady(), start, options.stepTimeout(), alive);
    AtlasCalls.Counts counts = calls.since(mark);
    calls.event("end 1 create");
    Duration floor = floor(users.perProject(n), 1);
    steps.add(
        new StepResult(
            "1 create",
            time,
            counts,
            floor,
            Map.of("users", n, "necessaryCallsPerProject", "1 list + 1 POST per user"),
            List.of(ratioTarget(time, floor), zero429(counts))));

    long rss = operator.rssBytes();
    long heap = operator.heapUsedBytes();
    Long first = calls.firstAuthenticatedNanos();
    double firstReconcile = first == null ? Double.NaN : (first - operator.startNanos()) / 1e9;
    Map<String, Object> memory = new LinkedHashMap<>();
    memory.put("rssBytes", rss);
    memory.put("heapUsedBytes", heap);
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
                new Target("RSS", "< 200 MB", mb(rss), rss < 200L * 1024 * 1024),
                new Target(
                    "first reconcile",
                    "< 3 s",
                    String.format("%.2f s", firstReconcile),
                    firstReconcile < 3.0))));

    calls.event("start 2 steady");
    mark = calls.mark();
    Duration window = options.resync().multipliedBy(options.intervals());
    Thread.sleep(window.toMillis());
    operator.checkAlive();
    counts = calls.since(mark);
    calls.event("end 2 steady");
    long maxLists = 0;
    for (String p : users.perProject(n).keySet()) {
      maxLists = Math.max(maxLists, counts.listsPerProject().getOrDefault(p, 0L));
    }
    double perInterval = maxLists / (double) options.intervals();
    steps.add(
        new StepResult(
            "2 steady",
            null,
            counts,
            null,
            Map.of(
                "windowSeconds",
                window.toSeconds(),
                "intervals",
                options.intervals(),
                "maxListsPerProjectPerInterval",
                perInterval),
            List.of(
                new Target(
                    "lists per project per interval",
                    "<= 1",
                    String.format("%.2f", perInterval),
                    perInterval <= 1.0))));

    changeStep("3 change specs", changed, users, alive, () -> users.changeSpecs(changed));
    changeStep("4 rotate passwords", changed, users, alive, () -> users.rotatePasswords(changed));
    changeStep(
        "5 delete all",
        n,
        users,
        alive,
        () -> {
          users.deleteAll();
          return Workload.none();
        });
    steps.sort(java.util.Comparator.comparing(StepResult::step));
  }

  /** A change to the users that says when the operator has caught up with it. */
  private interface Change {
    Predicate<List<AtlasDatabaseUser>> make() throws Exception;
  }

  /** A step that changes {@code count} users, timed from the start of the change. */
  private void changeStep(String name, int count, Workload users, Runnable alive, Change change)
      throws Exception {
    calls.event("start " + name);
    int mark = calls.mark();
    long start = System.nanoTime();
    Predicate<List<AtlasDatabaseUser>> done = change.make();
    Duration time = users.await(done, start, options.stepTimeout(), alive);
    AtlasCalls.Counts counts = calls.since(mark);
    calls.event("end " + name);
    Duration floor = floor(users.perProject(count), 0);
    double perUser = counts.writes() / (double) count;
    steps.add(
        new StepResult(
            name,
            time,
            counts,
            floor,
            Map.of("usersChanged", count, "writesPerChangedUser", perUser),
            List.of(
                new Target(
                    "writes per changed user",
                    "= 1",
                    String.format("%.2f", perUser),
                    counts.writes() == count))));
  }

  /**
   * The floor of a step whose necessary calls are {@code extra} plus one per user, per project:
   * through the emulator's bucket (when it has one) and the operator's own, whichever is slower.
   */
  /**
   * The shortest time the necessary calls can take. On v2 the operator's bucket follows Atlas's
   * RateLimit headers from the first answer on, so Atlas's bucket sets the floor; on v1.0 (no such
   * headers, and no limit in Atlas or the emulator) the operator's own bucket does.
   */
  private Duration floor(Map<String, Long> usersPerProject, int extra) {
    Bucket governing = atlasLimited ? options.atlasBucket() : options.operatorBucket();
    Duration floor = Duration.ZERO;
    for (long u : usersPerProject.values()) {
      Duration p = governing.floor(u + extra);
      floor = floor.compareTo(p) < 0 ? p : floor;
    }
    return floor;
  }

  private static Target ratioTarget(Duration time, Duration floor) {
    if (floor.isZero()) {
      return new Target("time / floor", "<= 1.1", "n/a (no floor)", true);
    }
    double ratio = time.toMillis() / (double) floor.toMillis();
    return new Target("time / floor", "<= 1.1", String.format("%.2f", ratio), ratio <= 1.1);
  }

  private static Target zero429(AtlasCalls.Counts counts) {
    return new Target("429s", "0", Long.toString(counts.tooMany()), counts.tooMany() == 0);
  }

  /** Notes when the figures show that the operator or the emulator ignored a setting. */
  private void checkSettingsHonoured() {
    if (!atlasLimited) {
      notes.add(
          "Atlas (and the emulator) rate-limit the v2 API only: no 429 can happen on "
              + api
              + "; the floor is the operator's own bucket's");
    }
    AtlasCalls.Counts all = calls.since(0);
    if (!all.versions().equals(List.of(api))) {
      notes.add(
          "asked ATLAS_OPERATOR_ATLAS_API="
              + api
              + " but the operator called "
              + all.versions()
              + ": the setting is not honoured yet");
    }
    StepResult create = steps.get(0);
    if (create.ratio() != null && create.ratio() < 1.0) {
      notes.add(
          "step 1 beat the floor: neither the operator nor the emulator enforced the bucket"
              + " (ATLAS_OPERATOR_RATE_LIMIT not honoured yet?)");
    }
  }

  private RunResult result(String outcome, long began) {
    return new RunResult(
        api,
        auth,
        outcome,
        List.copyOf(notes),
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings)),
        List.copyOf(steps),
        (System.nanoTime() - began) / 1e9);
  }

  static String mb(long bytes) {
    return String.format("%.0f MB", bytes / (1024.0 * 1024));
  }
}
