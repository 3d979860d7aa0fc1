package io.atlasoperator.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The benchmark's output: a fixed-width table for people and a JSON file with every figure. */
final class Report {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String ROW =
      "%-22s %-STEPs %8s %5s %5s %5s %5s %5s %5s %5s %5s %5s %5s %7s %6s %-4s %s%n";
  private static final String PER_USER =
      "%-22s %-STEPs %6s %6s %6s %6s %6s %6s %6s %6s | %7s %7s %7s %7s %7s %7s %7s%n";

  /** A row format with the step column as wide as the longest step's name (at least 19). */
  static String widened(String format, List<RunResult> runs) {
    int width = 19;
    for (RunResult run : runs) {
      for (StepResult s : run.steps()) {
        width = Math.max(width, s.step().length());
      }
    }
    return format.replace("STEP", Integer.toString(width));
  }

  private Report() {}

  static void table(Options o, List<RunResult> runs, double wallSeconds, PrintStream out) {
    String row = widened(ROW, runs);
    out.printf("%n=== atlas-operator benchmark ===%n");
    out.printf(
        "%d users in %d projects, resync %ds, Atlas latency %d ms, Atlas bucket %s (databaseUsers"
            + " and clusters sets), operator bucket %s, %d%% changed in steps 3-4%n",
        o.users(),
        o.projects(),
        o.resync().toSeconds(),
        o.latency().toMillis(),
        o.atlasBucket().text(),
        o.operatorBucket().text(),
        o.changePercent());
    out.printf(
        "%d dedicated + %d flex clusters per project (%d connection Secrets per user), apply delay"
            + " %.1f s%n",
        o.clusters(), o.flexClusters(), o.secretsPerUser(), o.applyDelay().toMillis() / 1000.0);
    if (o.generated()) {
      out.printf(
          "passwords %s: %d resources (%d Atlas users), no passwordSecretRef, rotation %s%s; step 4"
              + " rotates every resource's password (annotation atlasoperator.io/rotate-password)%n",
          o.passwords(),
          o.resources(),
          o.users(),
          o.twoUsers() ? "TwoUsers" : "InPlace",
          o.twoUsers() ? ", gracePeriod " + o.grace().toSeconds() + "s" : "");
    }
    out.printf("operator: java %s -jar %s%n", String.join(" ", o.jvmFlags()), OperatorProcess.JAR);
    out.printf("%s%n", Floors.formula());
    if (o.generated()) {
      out.printf("%s%n", Floors.rotationFormula(o.twoUsers()));
    }
    out.printf("%s%n", Floors.necessaryCalls());
    out.printf(
        "calls: authenticated and not 429 (list = GET .../databaseUsers, get = GET one user, clust"
            + " = GET .../clusters, flex = GET .../flexClusters, stat = GET"
            + " .../clusters/{name}/status); 429 counted apart%n");
    out.printf(
        "done: step 1 every resource Ready and every connection Secret there; step 4 also every"
            + " Secret of a rotated user with the new password; step 5 no resource and no Secret"
            + " left%n%n");
    if (o.generated()) {
      out.printf(
          "window: every connection Secret sampled every %d ms; not accepted = its password is not"
              + " the user's latest in Atlas (WRONG_PASSWORD), or the write that set it is not yet"
              + " applied (NOT_APPLIED: the emulator's changeStatus, from its journal and apply"
              + " delay); PROJECT_PENDING = accepted, the project PENDING for a later write%n",
          GeneratedRotation.SAMPLING.toMillis());
    }
    out.printf(
        row,
        "run",
        "step",
        "time s",
        "list",
        "get",
        "POST",
        "PATCH",
        "DEL",
        "clust",
        "flex",
        "stat",
        "other",
        "429",
        "floor s",
        "ratio",
        "met",
        "measured");
    for (RunResult run : runs) {
      String name = run.api() + " " + run.auth();
      if (run.steps().isEmpty()) {
        out.printf(
            row, name, run.outcome(), "", "", "", "", "", "", "", "", "", "", "", "", "", "", "");
      }
      for (StepResult s : run.steps()) {
        AtlasCalls.Counts c = s.calls();
        out.printf(
            row,
            name,
            s.step(),
            s.time() == null ? "" : String.format("%.1f", seconds(s.time())),
            c == null ? "" : c.list(),
            c == null ? "" : c.getOne(),
            c == null ? "" : c.post(),
            c == null ? "" : c.patch(),
            c == null ? "" : c.delete(),
            c == null ? "" : c.clustersList(),
            c == null ? "" : c.flexList(),
            c == null ? "" : c.status(),
            c == null ? "" : c.other(),
            c == null ? "" : c.tooMany(),
            s.floor() == null ? "" : String.format("%.0f", seconds(s.floor())),
            s.ratio() == null ? (s.floor() == null ? "" : "n/a") : String.format("%.2f", s.ratio()),
            s.met() ? "yes" : "NO",
            s.targets().stream()
                .map(t -> t.name() + " " + t.measured() + " (" + t.goal() + ")")
                .collect(Collectors.joining("; ")));
      }
      for (StepResult s : run.steps()) {
        if (s.figures().get("lastAtlasWriteSeconds") instanceof Double last) {
          out.printf(
              "%-22s %s: last Atlas write at %.1f s, applied by Atlas from %.1f s, done %.1f s"
                  + " after that%n",
              name,
              s.step(),
              last,
              s.figures().get("appliedFromSeconds"),
              s.figures().get("doneAfterAppliedSeconds"));
        }
      }
      for (StepResult s : run.steps()) {
        rotation(name, s, out);
      }
      for (String note : run.notes()) {
        out.printf("%-22s note: %s%n", name, note);
      }
    }
    perUser(runs, out);
    out.printf("%nwall time %.0f s%n", wallSeconds);
  }

  /** The generated-password rotation's floor and window, in a line each. */
  private static void rotation(String name, StepResult s, PrintStream out) {
    if (!(s.figures().get("acceptWindow") instanceof Map<?, ?> w)) {
      return;
    }
    Map<String, Object> f = s.figures();
    out.printf(
        "%-22s %s: %s, %s rotations; floor %.1f s = %.1f s (bucket + apply delay) + %s s grace;"
            + " %.1f s over it; all switched at %s s%n",
        name,
        s.step(),
        f.get("strategy"),
        f.get("rotations"),
        seconds(s.floor()),
        f.get("floorWithoutGraceSeconds"),
        f.get("graceSeconds"),
        f.get("overFloorSeconds"),
        f.get("switchedSeconds") instanceof Double d ? String.format("%.1f", d) : "-");
    out.printf(
        "%-22s %s: Secrets sampled every %s ms (%s rounds, %.3f s apart on average, %s samples):"
            + " %s Secrets had a window, longest %.2f s (%s), mean %.2f s; samples by verdict"
            + " other than ACCEPTED %s; by the stricter reading (PROJECT_PENDING not accepted"
            + " either) %s Secrets, longest %.2f s%n",
        name,
        s.step(),
        w.get("samplingMillis"),
        w.get("rounds"),
        w.get("meanIntervalSeconds"),
        w.get("samples"),
        w.get("secretsWithWindow"),
        w.get("longestSeconds"),
        w.get("longestSecret"),
        w.get("meanLongestSeconds"),
        w.get("samplesNotAcceptedByVerdict"),
        w.get("strictSecretsWithWindow"),
        w.get("strictLongestSeconds"));
    if (f.get("pairPatches") instanceof Map<?, ?> p) {
      out.printf(
          "%-22s %s: PATCHes per pair (user+user-b) %s; between a pair's two: %s to %s s%n",
          name,
          s.step(),
          p.get("pairsByPatchesOfUserAndUserB"),
          p.get("minSecondsBetweenThem"),
          p.get("maxSecondsBetweenThem"));
    }
  }

  /**
   * The second table: Atlas calls per user (per changed user in steps 3 and 4, per user in steady
   * state) by endpoint, and the API server's writes.
   */
  private static void perUser(List<RunResult> runs, PrintStream out) {
    String perUser = widened(PER_USER, runs);
    out.printf(
        "%nAtlas calls per user (steps 3-4: per changed user) by endpoint | API-server writes:"
            + " op = to AtlasDatabaseUsers, their status, Secrets and Events less the benchmark's"
            + " own, then by resource; watch = resourceVersion changes the benchmark's watches saw"
            + " (users / connection Secrets)%n");
    out.printf(
        perUser, "run", "step", "list", "POST", "PATCH", "DEL", "clust", "flex", "stat", "429",
        "op", "op/user", "status", "secrets", "events", "w.users", "w.secr");
    for (RunResult run : runs) {
      for (StepResult s : run.steps()) {
        Object callsPerUser = s.figures().get("atlasCallsPerUser");
        if (!(callsPerUser instanceof Map<?, ?> c)) {
          continue;
        }
        Map<?, ?> kube = (Map<?, ?>) s.figures().get("kubeWritesByResource");
        long op = ((Number) s.figures().get("operatorKubeWrites")).longValue();
        Object users = s.figures().getOrDefault("usersChanged", s.figures().get("users"));
        out.printf(
            perUser,
            run.api() + " " + run.auth(),
            s.step(),
            f3(c.get("LIST")),
            f3(c.get("POST")),
            f3(c.get("PATCH")),
            f3(c.get("DELETE")),
            f3(c.get("CLUSTERS_LIST")),
            f3(c.get("FLEX_LIST")),
            f3(c.get("STATUS")),
            f3(c.get("429")),
            op,
            users instanceof Number n ? String.format("%.2f", op / n.doubleValue()) : "",
            kube.get("atlasdatabaseusers/status") == null
                ? 0
                : kube.get("atlasdatabaseusers/status"),
            kube.get("secrets") == null ? 0 : kube.get("secrets"),
            kube.get("events") == null ? 0 : kube.get("events"),
            s.figures().get("watchedUserChanges"),
            s.figures().get("watchedSecretChanges"));
      }
    }
  }

  private static String f3(Object value) {
    return value instanceof Number n ? String.format("%.3f", n.doubleValue()) : "";
  }

  static void json(Options o, String[] args, List<RunResult> runs, double wall) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("command", ("scripts/benchmark.sh " + String.join(" ", args)).trim());
    root.put("wallSeconds", wall);
    ObjectNode options = root.putObject("options");
    options.put("users", o.users());
    options.put("projects", o.projects());
    options.put("resyncSeconds", seconds(o.resync()));
    options.put("latencyMillis", o.latency().toMillis());
    options.put("atlasBucket", o.atlasBucket().text());
    options.put("operatorBucket", o.operatorBucket().text());
    options.put("intervals", o.intervals());
    options.put("changePercent", o.changePercent());
    options.put("jvmFlags", String.join(" ", o.jvmFlags()));
    options.put("clusters", o.clusters());
    options.put("flexClusters", o.flexClusters());
    options.put("applyDelaySeconds", seconds(o.applyDelay()));
    options.put("passwords", o.passwords());
    options.put("graceSeconds", seconds(o.grace()));
    root.put("floorFormula", Floors.formula());
    root.put("necessaryCalls", Floors.necessaryCalls());
    ArrayNode list = root.putArray("runs");
    for (RunResult run : runs) {
      ObjectNode r = list.addObject();
      r.put("api", run.api());
      r.put("auth", run.auth());
      r.put("outcome", run.outcome());
      r.put("wallSeconds", run.wallSeconds());
      r.set("notes", JSON.valueToTree(run.notes()));
      r.set("settings", JSON.valueToTree(run.settings()));
      ArrayNode steps = r.putArray("steps");
      for (StepResult s : run.steps()) {
        ObjectNode step = steps.addObject();
        step.put("step", s.step());
        step.put("seconds", s.time() == null ? null : seconds(s.time()));
        step.set("calls", s.calls() == null ? null : JSON.valueToTree(s.calls()));
        step.put("floorSeconds", s.floor() == null ? null : seconds(s.floor()));
        step.put("ratio", s.ratio());
        step.put("targetsMet", s.met());
        step.set("targets", JSON.valueToTree(s.targets()));
        step.set("figures", JSON.valueToTree(s.figures()));
      }
    }
    Path out = o.out().toAbsolutePath();
    Files.createDirectories(out.getParent());
    JSON.writeValue(out.toFile(), root);
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
