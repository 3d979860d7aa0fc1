package io.atlasoperator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.testing.KubeApiServerExtension;
import io.atlasoperator.testing.Kubectl;
import io.atlasoperator.testing.LocalHttp;
import io.atlasoperator.testing.LocalKubeApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.ToStringConsumer;

/**
 * End to end with the real images in containers: the chart installed (CRD, service account, RBAC)
 * into the tests' kube-apiserver, the emulator image as Atlas, the operator image run the way a pod
 * is, with the chart's service account's own token, so RBAC is the chart's. Figures (start-up, RSS,
 * failover) are printed as "E2E figure: ...".
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainersE2EIT {

  @RegisterExtension static final KubeApiServerExtension KUBE = new KubeApiServerExtension();

  static final String NAMESPACE = "atlas-system";
  static final String SERVICE_ACCOUNT = "atlas-operator";
  static final String PROJECT = "5356823b3794dee37132bb7b";

  /** The replicas' own project: the samples of the first test stay in the cluster. */
  static final String HA_PROJECT = "5356823b3794dee37132bb7c";

  static final String PUBLIC_KEY = "e2e-public";
  static final String PRIVATE_KEY = "e2e-private-canary";

  static int emulatorPort;

  @BeforeAll
  static void installChart() throws Exception {
    Pods.requireEngineAndImages("ContainersE2EIT");
    new Helm(Path.of("helm", "atlas-operator"))
        .install()
        .withName("atlas")
        .withNamespace(NAMESPACE)
        .createNamespace()
        .withKubeConfigContents(KUBE.server().kubeConfigYaml())
        .call();
    KUBE.server()
        .createSecret(
            NAMESPACE,
            "atlas-credentials",
            Map.of("publicApiKey", PUBLIC_KEY, "privateApiKey", PRIVATE_KEY),
            Map.of());
    emulatorPort = LocalHttp.freePort();
  }

  private static GenericContainer<?> operator(String name, int httpPort) throws Exception {
    GenericContainer<?> operator =
        Pods.operator(
            KUBE.client(),
            NAMESPACE,
            SERVICE_ACCOUNT,
            name,
            httpPort,
            Map.of(
                "ATLAS_BASE_URL",
                "http://127.0.0.1:" + emulatorPort + "/",
                "ATLAS_OPERATOR_DEFAULT_CREDENTIALS",
                NAMESPACE + "/atlas-credentials",
                "ATLAS_OPERATOR_LEADER_ELECTION",
                "true",
                "ATLAS_OPERATOR_RESYNC_INTERVAL",
                "1h"));
    // Kept after the container is gone, for a wait that times out (see WhyNotReady).
    ToStringConsumer log = new ToStringConsumer();
    KUBE.showLog("the operator container " + name, log::toUtf8String);
    return operator.withLogConsumer(log);
  }

  @Test
  @Order(1)
  void theSamplesReachReadyAndProbesMetricsAndShutdownWorkAsInAPod() throws Exception {
    int http = LocalHttp.freePort();
    try (GenericContainer<?> atlas = Pods.emulator(emulatorPort, PUBLIC_KEY, PRIVATE_KEY, PROJECT);
        GenericContainer<?> operator = operator("operator-solo", http)) {
      atlas.start();
      Instant started = Instant.now();
      operator.start();
      KUBE.server().createNamespace("shop");
      Kubectl.Result applied = new Kubectl(KUBE.server()).apply("shop", samples());
      assertThat(applied.succeeded()).as(applied.toString()).isTrue();

      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () ->
                  KUBE
                      .client()
                      .resources(AtlasDatabaseUser.class)
                      .inNamespace("shop")
                      .list()
                      .getItems()
                      .stream()
                      .allMatch(LocalKubeApiServer::ready));
      System.out.println(
          "E2E figure: operator container start to every sample Ready: "
              + Duration.between(started, Instant.now()).toMillis()
              + " ms");

      assertThat(Pods.writes(atlas, PROJECT)).hasSize(5).allMatch(w -> w.startsWith("POST "));
      // The chart's RBAC lets the operator create the generated password's Secret, which it owns.
      io.fabric8.kubernetes.api.model.Secret generated =
          KUBE.client().secrets().inNamespace("shop").withName("payments-app-password").get();
      assertThat(generated.getMetadata().getLabels())
          .containsEntry("atlasoperator.io/generated-password", "true");
      assertThat(generated.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(o -> assertThat(o.getName()).isEqualTo("payments-app"));
      assertThat(
              new String(
                  java.util.Base64.getDecoder().decode(generated.getData().get("password")),
                  java.nio.charset.StandardCharsets.UTF_8))
          .matches("[A-Za-z0-9]{40}");
      // The chart's RBAC lets the operator write each sample's connection Secret.
      assertThat(
              KUBE.client()
                  .secrets()
                  .inNamespace("shop")
                  .withLabel("atlasoperator.io/connection-secret", "true")
                  .list()
                  .getItems())
          .extracting(s -> s.getMetadata().getName())
          .containsExactlyInAnyOrder(
              "data-engineers-analytics-cluster",
              "incident-debug-analytics-cluster",
              "orders-app-analytics-cluster",
              "payments-app-analytics-cluster",
              "reporting-analytics-cluster");
      for (String probe : List.of("/startupz", "/livez", "/readyz")) {
        assertThat(LocalHttp.get(http, probe).statusCode()).as(probe).isEqualTo(200);
      }
      String metrics = LocalHttp.get(http, "/metrics").body();
      assertThat(metrics)
          .contains(
              "atlas_operator_resources{ready=\"True\",reason=\"Created\",state=\"Ready\"} 5.0")
          .contains(
              "atlas_operator_atlas_calls_total{operation=\"create\",outcome=\"answered\","
                  + "status=\"201\"} 5.0")
          .contains("operator_sdk_controllers_execution_reconcile_seconds");
      assertThat(operator.execInContainer("id", "-u").getStdout().trim()).isEqualTo("65532");
      assertThat(
              operator
                  .getDockerClient()
                  .inspectContainerCmd(operator.getContainerId())
                  .exec()
                  .getHostConfig()
                  .getReadonlyRootfs())
          .isTrue();
      String rss =
          operator.execInContainer("sh", "-c", "grep VmRSS /proc/1/status").getStdout().trim();
      System.out.println("E2E figure: operator " + rss + " (container memory limit 512 MiB)");
      assertThat(operator.getLogs()).doesNotContain(PRIVATE_KEY).doesNotContain("change-me");

      // SIGTERM, as the kubelet sends it: the operator stops well within the grace period.
      Instant term = Instant.now();
      operator
          .getDockerClient()
          .killContainerCmd(operator.getContainerId())
          .withSignal("TERM")
          .exec();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  !operator
                      .getDockerClient()
                      .inspectContainerCmd(operator.getContainerId())
                      .exec()
                      .getState()
                      .getRunning());
      System.out.println(
          "E2E figure: SIGTERM to exit: "
              + Duration.between(term, Instant.now()).toMillis()
              + " ms");
      assertThat(operator.getLogs()).contains("Stopping: SIGTERM", "Gave up the lease");
      assertThat(leaseHolder()).as("the lease is free for a standby at once").isNullOrEmpty();
      assertThat(
              operator
                  .getDockerClient()
                  .inspectContainerCmd(operator.getContainerId())
                  .exec()
                  .getState()
                  .getExitCodeLong())
          .as("exit code after SIGTERM (128 + 15)")
          .isEqualTo(143L);
    }
  }

  @Test
  @Order(2)
  void ofTwoReplicasOnlyTheLeaderWritesAndTheOtherTakesOverWhenItDies() throws Exception {
    KUBE.server().createNamespace("ha");
    KUBE.server().createSecret("ha", "app-password", Map.of("password", "replicated-s3cret"));
    int httpA = LocalHttp.freePort();
    int httpB = LocalHttp.freePort();
    try (GenericContainer<?> atlas =
            Pods.emulator(emulatorPort, PUBLIC_KEY, PRIVATE_KEY, PROJECT, HA_PROJECT);
        GenericContainer<?> a = operator("operator-a", httpA);
        GenericContainer<?> b = operator("operator-b", httpB)) {
      atlas.start();
      a.start();
      // The first test's operator gave the lease up when it stopped.
      await().atMost(Duration.ofSeconds(20)).until(() -> "operator-a".equals(leaseHolder()));
      b.start();
      for (int i = 0; i < 3; i++) {
        KUBE.client().resource(user("ha", "app-" + i)).create();
      }
      awaitReady("ha", 3);
      assertThat(Pods.writes(atlas, HA_PROJECT)).hasSize(3).allMatch(w -> w.startsWith("POST "));
      assertThat(b.getLogs()).as("the standby replica reconciles nothing").doesNotContain("Ready=");
      assertThat(LocalHttp.get(httpB, "/readyz").statusCode()).isEqualTo(200);

      // The leader dies without a word (SIGKILL): the standby takes the lease when it expires.
      Instant killed = Instant.now();
      a.getDockerClient().killContainerCmd(a.getContainerId()).withSignal("KILL").exec();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> "operator-b".equals(leaseHolder()));
      Duration failover = Duration.between(killed, Instant.now());
      KUBE.client().resource(user("ha", "app-3")).create();
      awaitReady("ha", 4);
      System.out.println(
          "E2E figure: leader SIGKILLed to lease held by the standby: "
              + failover.toMillis()
              + " ms; to the next user Ready: "
              + Duration.between(killed, Instant.now()).toMillis()
              + " ms");
      assertThat(failover).isLessThan(Duration.ofSeconds(30));
      // The new leader finds the three users as they are: no write but the new user's create.
      assertThat(Pods.writes(atlas, HA_PROJECT)).hasSize(4).allMatch(w -> w.startsWith("POST "));
    }
  }

  private static String leaseHolder() {
    var lease = KUBE.client().leases().inNamespace(NAMESPACE).withName("atlas-operator").get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  @Test
  @Order(3)
  void theImageRunsMigrateOnManifestsMountedIntoIt() {
    try (GenericContainer<?> migrate =
        new GenericContainer<>(
                org.testcontainers.utility.DockerImageName.parse(Pods.OPERATOR_IMAGE))
            .withImagePullPolicy(image -> false)
            .withCopyFileToContainer(
                org.testcontainers.utility.MountableFile.forHostPath(
                    "src/test/resources/migrate/ako-v1-external-project.yaml"),
                "/tmp/ako.yaml")
            .withCommand("migrate", "/tmp/ako.yaml")
            .withStartupCheckStrategy(
                new org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy()
                    .withTimeout(Duration.ofSeconds(60)))) {
      migrate.start(); // a one-shot: fails unless the command exits 0 (everything carried over)
      assertThat(migrate.getLogs())
          .contains("kind: AtlasDatabaseUser", "adoptExisting: true", "atlasoperator.io/dry-run");
    }
  }

  private static void awaitReady(String namespace, int count) {
    KubernetesClient client = KUBE.client();
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> {
              List<AtlasDatabaseUser> users =
                  client
                      .resources(AtlasDatabaseUser.class)
                      .inNamespace(namespace)
                      .list()
                      .getItems();
              return users.size() == count && users.stream().allMatch(LocalKubeApiServer::ready);
            });
  }

  private static AtlasDatabaseUser user(String namespace, String name) {
    AtlasDatabaseUser user =
        io.atlasoperator.testing.OperatorEnvironment.scramUser(namespace, name, HA_PROJECT, name);
    user.getSpec().getPasswordSecretRef().setName("app-password");
    return user;
  }

  private static String samples() throws Exception {
    StringBuilder yaml = new StringBuilder();
    try (Stream<Path> files = Files.list(Path.of("operator", "samples"))) {
      for (Path file : files.filter(f -> !f.endsWith("kustomization.yaml")).sorted().toList()) {
        yaml.append(Files.readString(file)).append("\n---\n");
      }
    }
    return yaml.toString();
  }
}
