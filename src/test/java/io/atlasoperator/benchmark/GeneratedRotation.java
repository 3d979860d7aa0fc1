package io.atlasoperator.benchmark;

import io.atlasoperator.benchmark.KubeView.View;
import io.atlasoperator.benchmark.StepResult.Target;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.PasswordStatus;
import io.atlasoperator.testing.LocalKubeApiServer;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Step 4 with generated passwords (--passwords generated or two-users): every resource is asked for
 * a rotation at once (a new value of the annotation atlasoperator.io/rotate-password). Done when
 * every resource is Ready with status.password.lastRotation after the step's start, every
 * connection Secret holds other credentials than at the start, and with two-users every user the
 * Secrets left has had its grace period and its new password (status.password.previousUser gone).
 * Meanwhile every connection Secret is compared with what Atlas accepts every {@link #SAMPLING}
 * ({@link SecretSampler}).
 */
final class GeneratedRotation {

  static final String NAME = "4 rotate generated passwords";

  /** How often every connection Secret is compared with what Atlas accepts. */
  static final Duration SAMPLING = Duration.ofMillis(250);

  private final Options options;
  private final AtlasCalls calls;
  private final Floors floors;
  private final KubeWrites writes;
  private final Workload users;
  private final OperatorProcess operator;
  private final PasswordLedger ledger;

  GeneratedRotation(
      Options options,
      AtlasCalls calls,
      Floors floors,
      KubeWrites writes,
      Workload users,
      OperatorProcess operator,
      PasswordLedger ledger) {
    this.options = options;
    this.calls = calls;
    this.floors = floors;
    this.writes = writes;
    this.users = users;
    this.operator = operator;
    this.ledger = ledger;
  }

  StepResult run() throws Exception {
    int rotations = options.resources();
    boolean two = options.twoUsers();
    ledger.track();
    calls.event("start " + NAME);
    StepWindow window = new StepWindow(calls, writes, users.kube());
    Map<String, String> before = credentials(users.kube().view());
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    long[] switched = {0};
    AcceptWindows.Result sampled;
    Duration time;
    try (SecretSampler sampler =
        new SecretSampler(users.kube(), ledger, users::project, SAMPLING)) {
      users.requestRotations("bench-" + startedAt.toEpochMilli());
      Predicate<View> done =
          v -> {
            boolean rotated = rotated(v, startedAt, before);
            if (rotated && switched[0] == 0) {
              switched[0] = System.nanoTime();
            }
            return rotated && (!two || v.users().stream().allMatch(r -> left(r) == null));
          };
      time = users.await(done, start, options.stepTimeout(), operator::checkAlive);
      sampled = sampler.stop();
    } finally {
      ledger.stop();
    }
    AtlasCalls.Counts counts = window.calls();
    calls.event("end " + NAME);
    Map<String, Long> perProject = users.perProject(rotations);
    Duration grace = two ? options.grace() : Duration.ZERO;
    Duration floor =
        two
            ? floors.twoUsersRotation(perProject, floors.changeClusterCalls(), grace)
            : floors.of(perProject, floors.changeClusterCalls(), true);
    int expected = rotations * options.atlasUsersPerResource();
    Map<String, Object> figures = window.figures(counts, rotations, rotations);
    figures.put("usersChanged", rotations);
    figures.put("rotations", rotations);
    figures.put("strategy", two ? "TwoUsers" : "InPlace");
    figures.put("writesPerRotation", counts.writes() / (double) rotations);
    figures.put("expectedPatches", expected);
    figures.put("switchedSeconds", switched[0] == 0 ? null : (switched[0] - start) / 1e9);
    figures.put("graceSeconds", grace.toSeconds());
    figures.put("applyDelaySeconds", floors.applyDelay(true).toMillis() / 1000.0);
    figures.put("floorWithoutGraceSeconds", floor.minus(grace).toMillis() / 1000.0);
    figures.put("overFloorSeconds", (time.toMillis() - floor.toMillis()) / 1000.0);
    figures.put("acceptWindow", windowFigures(sampled));
    if (two) {
      figures.put("pairPatches", pairPatches(rotations));
    }
    if (!two) {
      // (TwoUsers' last write, the left users' new passwords, waits for no apply.)
      window.applyTimes(figures, start, time, floors.applyDelay(true));
    }
    List<Target> targets = new ArrayList<>();
    targets.add(
        new Target(
            "writes per rotation",
            two ? "= 2: PATCH idle user, PATCH left user after grace" : "= 1: PATCH",
            String.format(
                "%.2f (PATCH %d, POST %d, DELETE %d)",
                counts.writes() / (double) rotations,
                counts.patch(),
                counts.post(),
                counts.delete()),
            counts.patch() == expected && counts.post() == 0 && counts.delete() == 0));
    targets.add(windowTarget(sampled, two));
    return new StepResult(NAME, time, counts, floor, figures, targets);
  }

  /**
   * Every resource Ready, rotated since {@code startedAt}, and each of its connection Secrets
   * holding other credentials than it did at the start.
   */
  private boolean rotated(View v, Instant startedAt, Map<String, String> before) {
    if (v.users().size() != options.resources()
        || v.secrets().size() != (long) options.resources() * options.secretsPerUser()) {
      return false;
    }
    for (AtlasDatabaseUser r : v.users()) {
      PasswordStatus p = r.getStatus() == null ? null : r.getStatus().getPassword();
      if (!LocalKubeApiServer.ready(r)
          || p == null
          || p.getLastRotation() == null
          || Instant.parse(p.getLastRotation()).isBefore(startedAt)) {
        return false;
      }
    }
    Map<String, String> now = credentials(v);
    return now.entrySet().stream().noneMatch(e -> e.getValue().equals(before.get(e.getKey())));
  }

  private static String left(AtlasDatabaseUser r) {
    return r.getStatus() == null || r.getStatus().getPassword() == null
        ? null
        : r.getStatus().getPassword().getPreviousUser();
  }

  /** Each connection Secret's username and password, by Secret name. */
  private static Map<String, String> credentials(View v) {
    Map<String, String> c = new HashMap<>();
    for (Secret s : v.secrets()) {
      c.put(s.getMetadata().getName(), Workload.value(s, "username") + "\n" + Workload.password(s));
    }
    return c;
  }

  /**
   * TwoUsers: the PATCHes each pair's users got during the step, from the journal; for the pairs
   * whose two users got one each, the time from the first (the idle user's) to the second (the left
   * user's), which should be at least the apply delay plus the grace period.
   */
  private Map<String, Object> pairPatches(int rotations) {
    Map<String, List<Instant>> patches = ledger.patches();
    int regular = 0;
    double min = Double.MAX_VALUE;
    double max = 0;
    Map<String, Long> shapes = new java.util.TreeMap<>();
    for (int i = 0; i < rotations; i++) {
      String project = users.project(i);
      String name = Workload.name(i);
      List<Instant> a =
          patches.getOrDefault(
              PasswordLedger.key(project, PasswordLedger.DATABASE, name), List.of());
      List<Instant> b =
          patches.getOrDefault(
              PasswordLedger.key(project, PasswordLedger.DATABASE, name + "-b"), List.of());
      shapes.merge(a.size() + "+" + b.size(), 1L, Long::sum);
      if (a.size() == 1 && b.size() == 1) {
        regular++;
        double gap = Math.abs(Duration.between(a.get(0), b.get(0)).toMillis()) / 1000.0;
        min = Math.min(min, gap);
        max = Math.max(max, gap);
      }
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("pairsByPatchesOfUserAndUserB", shapes);
    f.put("pairsWithOnePatchEach", regular);
    f.put("minSecondsBetweenThem", regular == 0 ? null : min);
    f.put("maxSecondsBetweenThem", regular == 0 ? null : max);
    return f;
  }

  private static Map<String, Object> windowFigures(AcceptWindows.Result r) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("samplingMillis", SAMPLING.toMillis());
    f.put("rounds", r.rounds());
    f.put("samples", r.samples());
    f.put("meanIntervalSeconds", r.meanIntervalSeconds());
    f.put("secretsWithWindow", r.secretsWithWindow());
    f.put("longestSeconds", r.longestSeconds());
    f.put("longestSecret", r.longestSecret());
    f.put("meanLongestSeconds", r.meanSeconds());
    f.put("samplesNotAcceptedByVerdict", r.notAccepted());
    f.put("openAtEnd", r.openAtEnd());
    f.put("strictSecretsWithWindow", r.strictSecretsWithWindow());
    f.put("strictLongestSeconds", r.strictLongestSeconds());
    return f;
  }

  /**
   * The longest window: for TwoUsers the target is none; InPlace has one by design (the Secrets get
   * the new password only once Atlas applied it, when the old one no longer works).
   */
  static Target windowTarget(AcceptWindows.Result r, boolean twoUsers) {
    String name = "longest window a Secret held credentials Atlas did not accept";
    if (r.samples() == 0) {
      return new Target(name, "0", "n/a (no connection Secret: no cluster)", true);
    }
    String measured =
        r.secretsWithWindow() == 0
            ? String.format("0 s (%d samples)", r.samples())
            : String.format(
                "%.2f s (%s; %d Secrets had one, mean %.2f s)",
                r.longestSeconds(), r.longestSecret(), r.secretsWithWindow(), r.meanSeconds());
    return twoUsers
        ? new Target(
            name,
            "0, sampled every " + SAMPLING.toMillis() + " ms",
            measured,
            r.secretsWithWindow() == 0)
        : new Target(name, "reported: InPlace has one by design", measured, true);
  }
}
