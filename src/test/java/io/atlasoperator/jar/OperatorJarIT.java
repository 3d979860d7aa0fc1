package io.atlasoperator.jar;

import static io.atlasoperator.testing.OperatorEnvironment.scramUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.emulator.AtlasEmulator;
import io.atlasoperator.emulator.Fault;
import io.atlasoperator.monitoring.MonitoringFiles;
import io.atlasoperator.testing.KubeApiServerExtension;
import io.atlasoperator.testing.LocalHttp;
import io.atlasoperator.testing.LocalKubeApiServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The built artifact, run as users run it: java -jar, the current kubeconfig, flags. */
class OperatorJarIT {

  @RegisterExtension static final KubeApiServerExtension KUBE = new KubeApiServerExtension();

  static final String PROJECT = "5356823b3794dee37132bb7b";

  @Test
  void javaDashJarRunsTheOperatorAgainstTheCurrentKubeconfig() throws Exception {
    Path jar = Path.of("target", "atlas-operator.jar");
    assertThat(jar).as("built by mvn package before the integration tests").exists();
    KUBE.server().installCrd();
    KUBE.server().createNamespace("ops");
    KUBE.server().createNamespace("apps");
    KUBE.server()
        .createSecret(
            "ops",
            "keys",
            Map.of("publicApiKey", "jar-public", "privateApiKey", "jar-private-canary"));
    KUBE.server().createSecret("apps", "app-password", Map.of("password", "password-canary"));
    Path kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
    Files.writeString(kubeconfig, KUBE.server().kubeConfigYaml());
    Path output = Files.createTempFile("operator", ".log");

    try (AtlasEmulator atlas =
        AtlasEmulator.builder()
            .apiKey("jar-public", "jar-private-canary")
            .project(PROJECT)
            .start()) {
      // Atlas fails the first two creates: each failed call must leave one WARN line.
      atlas.inject(Fault.status(503).onMethod("POST").times(1));
      atlas.inject(Fault.dropConnection().onMethod("POST").times(1));
      int httpPort = LocalHttp.freePort();
      Process operator =
          Java.start(
              output,
              Map.of(
                  "KUBECONFIG", kubeconfig.toString(), "ATLAS_OPERATOR_WATCH_NAMESPACES", "apps"),
              "-jar",
              jar.toString(),
              "--default-credentials",
              "ops/keys",
              "--atlas-url",
              atlas.baseUrl(),
              "--resync-interval",
              "2s",
              "--http-port",
              Integer.toString(httpPort));
      try {
        KUBE.client().resource(scramUser("apps", "app", PROJECT, "app")).create();

        await()
            .atMost(Duration.ofSeconds(90))
            .until(
                () ->
                    LocalKubeApiServer.ready(
                        KUBE.client()
                            .resources(AtlasDatabaseUser.class)
                            .inNamespace("apps")
                            .withName("app")
                            .get()));
        assertThat(atlas.storedUser(PROJECT, "admin", "app")).isPresent();
        Thread.sleep(5000); // two resyncs or more of a steady resource
        assertThat(operator.isAlive()).as("keeps running once started, until SIGTERM").isTrue();
        String metrics = LocalHttp.get(httpPort, "/metrics").body();
        assertThat(MonitoringFiles.metricsAndLabels())
            .as("what the alerts and dashboard read, as found in them")
            .containsKeys(
                "atlas_operator_resources",
                "atlas_operator_atlas_calls_total",
                "operator_sdk_controllers_execution_reconcile_seconds_bucket")
            .hasEntrySatisfying(
                "atlas_operator_resources", l -> assertThat(l).contains("state", "reason"));
        assertThat(MonitoringFiles.notServedBy(metrics))
            .as("every metric and label the shipped alerts and dashboard read is served")
            .isEmpty();
        assertThat(metrics)
            .contains(
                "atlas_operator_resources{ready=\"True\",reason=\"Created\",state=\"Ready\"} 1.0")
            .contains(
                "atlas_operator_atlas_calls_total{operation=\"create\",outcome=\"no_answer\"");
      } finally {
        operator.destroy();
        assertThat(operator.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
      }
    }
    String log = Files.readString(output);
    assertThat(log).contains("Starting atlas-operator", "namespaces: [apps]");
    String post = "operation=POST /api/atlas/v2/groups/" + PROJECT + "/databaseUsers";
    assertThat(log.lines().filter(l -> l.contains(" WARN ") && l.contains(post)))
        .as("one WARN line per failed Atlas call")
        .hasSize(2)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("apps/app", "project " + PROJECT, "status=503")
                    .contains("errorCode=UNEXPECTED_ERROR", "retried"))
        .anySatisfy(l -> assertThat(l).contains("status=none", "retried"))
        .anySatisfy(l -> assertThat(l).contains("attempt 1)", "retried in 1s (backoff)"))
        .anySatisfy(l -> assertThat(l).contains("attempt 2)", "retried in 1s (backoff)"));
    assertThat(log).doesNotContain("Uncaught error");
    assertThat(log.lines())
        .as("a failure the operator classified has no stack trace: every line is a log line")
        .allMatch(l -> l.startsWith("["));
    assertThat(log.lines().filter(l -> l.contains(" INFO ") && l.contains("apps/app")))
        .as("one INFO line per change of outcome: a steady resource says nothing at its resyncs")
        .satisfiesExactly(
            l -> assertThat(l).contains("apps/app Ready=False AtlasUnavailable: "),
            l ->
                assertThat(l)
                    .contains(
                        "apps/app Ready=True Created: Created user app in project " + PROJECT));
    assertThat(log).doesNotContain("jar-private-canary").doesNotContain("password-canary");
    new File(kubeconfig.toString()).deleteOnExit();
  }

  @Test
  void aProbePortThatIsTakenStopsTheOperatorBeforeItTouchesAnyResource() throws Exception {
    KUBE.server().installCrd();
    KUBE.server().createNamespace("taken");
    KUBE.client().resource(scramUser("taken", "app", PROJECT, "app")).create();
    Path kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
    Files.writeString(kubeconfig, KUBE.server().kubeConfigYaml());
    Path output = Files.createTempFile("operator", ".log");

    try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
      Process operator =
          Java.start(
              output,
              Map.of(
                  "KUBECONFIG",
                  kubeconfig.toString(),
                  "ATLAS_OPERATOR_HTTP_PORT",
                  Integer.toString(taken.getLocalPort())),
              "-jar",
              Path.of("target", "atlas-operator.jar").toString(),
              "--atlas-url",
              "http://127.0.0.1:9/");

      assertThat(operator.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(operator.exitValue()).isEqualTo(1);
      assertThat(Files.readString(output))
          .contains(
              "Cannot serve probes and metrics on port " + taken.getLocalPort(),
              "nothing was changed")
          .doesNotContain("\tat ");
    }
    AtlasDatabaseUser untouched =
        KUBE.client().resources(AtlasDatabaseUser.class).inNamespace("taken").withName("app").get();
    assertThat(untouched.getMetadata().getFinalizers()).as("no finalizer added").isEmpty();
    assertThat(untouched.getStatus()).as("no status written").isNull();
    new File(kubeconfig.toString()).deleteOnExit();
  }

  @Test
  void anHttpAtlasUrlOffLoopbackIsRefusedAtStart() throws Exception {
    Path jar = Path.of("target", "atlas-operator.jar");
    Path output = Files.createTempFile("operator", ".log");
    Process operator =
        Java.start(
            output,
            Map.of(),
            "-jar",
            jar.toString(),
            "--atlas-url",
            "http://atlas-proxy.example.internal:8080/");

    assertThat(operator.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(operator.exitValue()).isEqualTo(2);
    assertThat(Files.readString(output))
        .contains("refusing to send database user passwords in clear text")
        .contains("ATLAS_OPERATOR_ALLOW_INSECURE_HTTP=true");
  }

  @Test
  void helpAndVersionPrintAndExitWithoutAKubernetesCluster() throws Exception {
    for (String flag : new String[] {"--help", "--version"}) {
      Path output = Files.createTempFile("operator", ".out");
      Process process =
          Java.start(
              output, Map.of(), "-jar", Path.of("target", "atlas-operator.jar").toString(), flag);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isZero();
      String text = Files.readString(output);
      if (flag.equals("--help")) {
        assertThat(text)
            .contains("--atlas-url VALUE", "ATLAS_BASE_URL", "default: https://cloud.mongodb.com/")
            .contains("--default-credentials-policy", "ATLAS_OPERATOR_CA_BUNDLE");
      } else {
        assertThat(text).startsWith("atlas-operator ").doesNotContain("unknown");
      }
    }
  }

  @Test
  void theJarsMigrateSubcommandConvertsTerraformStateWithoutACluster() throws Exception {
    Path output = Files.createTempFile("migrate", ".out");
    Process process =
        Java.start(
            output,
            Map.of(),
            "-jar",
            Path.of("target", "atlas-operator.jar").toString(),
            "migrate",
            "--namespace",
            "data",
            "src/test/resources/migrate/terraform-state.json");
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String text = Files.readString(output);
    // 1: the corpus holds a user with a scope Atlas would refuse, which is reported, not written.
    assertThat(process.exitValue()).as(text).isEqualTo(1);
    assertThat(text)
        .contains("kind: AtlasDatabaseUser", "adoptExisting: true", "atlasoperator.io/dry-run")
        .contains("FILL IN the password of Atlas user etl")
        .contains(
            "NOT CARRIED OVER", "scope name Team B cluster is not a cluster or data lake name");
  }
}
