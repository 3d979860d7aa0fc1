package io.atlasoperator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasoperator.testing.GoPrograms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts and the Grafana dashboard the chart ships, checked by Prometheus's own promtool (built
 * from the Go module proxy, pinned by {@code src/test/resources/promtool/go.sum}, cached in {@code
 * ~/.cache/atlas-operator/promtool}; NOT RUN without Go): the rule file is valid, every dashboard
 * query parses, and each alert fires when it should and not before (the rule unit tests in {@code
 * src/test/resources/monitoring/alerts-test.yaml}). That the operator serves every metric and label
 * they read is checked against a running operator in {@code OperatorJarIT}.
 */
class PrometheusRulesIT {

  static Path promtool;

  @TempDir Path work;

  @BeforeAll
  static void buildPromtool() throws IOException, InterruptedException {
    Path go = GoPrograms.toolchain("PrometheusRulesIT");
    Path dir = GoPrograms.workingCopy("promtool");
    promtool = dir.resolve("promtool");
    long started = System.nanoTime();
    // remove_all_sd leaves out the cloud service discoveries, which rule checks do not use.
    GoPrograms.build(
        go,
        dir,
        promtool,
        "-mod=readonly",
        "-tags",
        "remove_all_sd",
        "github.com/prometheus/prometheus/cmd/promtool");
    System.err.printf(
        "PrometheusRulesIT: promtool built in %d ms (%s)%n",
        Duration.ofNanos(System.nanoTime() - started).toMillis(), promtool);
  }

  @Test
  void theShippedAlertsAreAValidPrometheusRuleFile() throws Exception {
    String output = promtool("check", "rules", MonitoringFiles.ALERTS.toAbsolutePath().toString());

    assertThat(output).contains("SUCCESS: " + MonitoringFiles.alerts().size() + " rules found");
    assertThat(MonitoringFiles.alerts())
        .containsKeys("AtlasDatabaseUserStalled", "AtlasApiFailing", "AtlasOperatorAbsent");
  }

  @Test
  void eachAlertFiresWhenItShouldAndNotBefore() throws Exception {
    Files.copy(MonitoringFiles.ALERTS, work.resolve("alerts.yaml"));
    Files.copy(
        Path.of("src/test/resources/monitoring/alerts-test.yaml"),
        work.resolve("alerts-test.yaml"),
        StandardCopyOption.REPLACE_EXISTING);

    String output = promtool("test", "rules", work.resolve("alerts-test.yaml").toString());

    assertThat(output).contains("SUCCESS");
  }

  @Test
  void everyDashboardQueryIsPromqlPrometheusParses() throws Exception {
    // promtool parses expressions when it checks rules: each query becomes a recording rule.
    Map<String, String> queries = MonitoringFiles.dashboardQueries();
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    int i = 0;
    for (String query : queries.values()) {
      rules
          .append("      - record: dashboard:query_")
          .append(i++)
          .append("\n        expr: '")
          .append(query.replace("'", "''"))
          .append("'\n");
    }
    Path file = Files.writeString(work.resolve("dashboard-queries.yaml"), rules);

    String output = promtool("check", "rules", file.toString());

    assertThat(queries).hasSizeGreaterThan(10);
    assertThat(output).contains("SUCCESS: " + queries.size() + " rules found");
  }

  /** Runs promtool; fails with its output unless it exits 0. */
  static String promtool(String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = promtool.toString();
    System.arraycopy(args, 0, command, 1, args.length);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("promtool %s: %s", String.join(" ", args), output).isZero();
    return output;
  }
}
