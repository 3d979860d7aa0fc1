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
import java.util.stream.Collectors;

/** The benchmark's output: a fixed-width table for people and a JSON file with every figure. */
final class Report {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String ROW = "%-22s %-19s %8s %5s %5s %5s %5s %5s %5s %5s %7s %6s %-4s %s%n";

  private Report() {}

  static void table(Options o, List<RunResult> runs, double wallSeconds, PrintStream out) {
    out.printf("%n=== atlas-operator benchmark ===%n");
    out.printf(
        "%d users in %d projects, resync %ds, Atlas latency %d ms, Atlas bucket %s, operator"
            + " bucket %s, %d%% changed in steps 3-4%n",
        o.users(),
        o.projects(),
        o.resync().toSeconds(),
        o.latency().toMillis(),
        o.atlasBucket().text(),
        o.operatorBucket().text(),
        o.changePercent());
    out.printf("operator: java %s -jar %s%n", String.join(" ", o.jvmFlags()), OperatorProcess.JAR);
    out.printf("%s%n", Bucket.formula());
    out.printf(
        "necessary calls n_p: step 1 one list + one POST per user, steps 3-4 one PATCH per changed"
            + " user, step 5 one DELETE per user%n");
    out.printf(
        "calls: authenticated and not 429 (list = GET .../databaseUsers, get = GET one user);"
            + " 429 counted apart%n%n");
    out.printf(
        ROW,
        "run",
        "step",
        "time s",
        "list",
        "get",
        "POST",
        "PATCH",
        "DEL",
        "other",
        "429",
        "floor s",
        "ratio",
        "met",
        "measured");
    for (RunResult run : runs) {
      String name = run.api() + " " + run.auth();
      if (run.steps().isEmpty()) {
        out.printf(ROW, name, run.outcome(), "", "", "", "", "", "", "", "", "", "", "", "");
      }
      for (StepResult s : run.steps()) {
        AtlasCalls.Counts c = s.calls();
        out.printf(
            ROW,
            name,
            s.step(),
            s.time() == null ? "" : String.format("%.1f", seconds(s.time())),
            c == null ? "" : c.list(),
            c == null ? "" : c.getOne(),
            c == null ? "" : c.post(),
            c == null ? "" : c.patch(),
            c == null ? "" : c.delete(),
            c == null ? "" : c.other(),
            c == null ? "" : c.tooMany(),
            s.floor() == null ? "" : String.format("%.0f", seconds(s.floor())),
            s.ratio() == null ? (s.floor() == null ? "" : "n/a") : String.format("%.2f", s.ratio()),
            s.met() ? "yes" : "NO",
            s.targets().stream()
                .map(t -> t.name() + " " + t.measured() + " (" + t.goal() + ")")
                .collect(Collectors.joining("; ")));
      }
      for (String note : run.notes()) {
        out.printf("%-22s note: %s%n", name, note);
      }
    }
    out.printf("%nwall time %.0f s%n", wallSeconds);
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
    root.put("floorFormula", Bucket.formula());
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
