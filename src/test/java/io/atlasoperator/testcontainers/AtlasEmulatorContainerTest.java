package io.atlasoperator.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

/** The container's settings as the emulator's command line; no Docker engine needed. */
class AtlasEmulatorContainerTest {

  @Test
  void theDefaultImageIsTheEmulatorOfThisBuildsVersion() throws Exception {
    Matcher version =
        Pattern.compile("<artifactId>atlas-operator</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(Files.readString(Path.of("pom.xml")));
    assertThat(version.find()).isTrue();

    assertThat(AtlasEmulatorContainer.VERSION).isEqualTo(version.group(1));
    assertThat(AtlasEmulatorContainer.DEFAULT_IMAGE_NAME.withTag(AtlasEmulatorContainer.VERSION))
        .hasToString("atlas-emulator:" + version.group(1));
    try (AtlasEmulatorContainer atlas = new AtlasEmulatorContainer()) {
      assertThat(atlas.getExposedPorts()).containsExactly(8090);
    }
  }

  @Test
  void settingsBecomeTheEmulatorsFlags() {
    try (AtlasEmulatorContainer atlas =
        new AtlasEmulatorContainer()
            .withApiKey("ci-public", "ci-private:with-colon")
            .withApiKey("other-public", "other-private")
            .withProject("5356823b3794dee37132bb7b")
            .withProject("5356823b3794dee37132bb7c", "ci-public", "other-public")
            .withCustomRole("5356823b3794dee37132bb7b", "auditor")
            .withFault(503, "POST", 2)
            .withFault(429, null, 1)
            .withFault(500)
            .withLatency(Duration.ofMillis(50))
            .withServiceAccount("mdb_sa_id_ci", "mdb_sa_sk_placeholder")
            .withCluster("5356823b3794dee37132bb7b", "Cluster0")
            .withRateLimit(100, 50, Duration.ofMinutes(1))
            .withRequestLog()) {

      assertThat(String.join(" ", atlas.commandLine()))
          .isEqualTo(
              "--host 0.0.0.0 --port 8090"
                  + " --api-key ci-public:ci-private:with-colon"
                  + " --api-key other-public:other-private"
                  + " --project 5356823b3794dee37132bb7b"
                  + " --project 5356823b3794dee37132bb7c=ci-public,other-public"
                  + " --custom-role 5356823b3794dee37132bb7b:auditor"
                  + " --fault 503:POST:2 --fault 429::1 --fault 500"
                  + " --latency 50ms"
                  + " --service-account mdb_sa_id_ci:mdb_sa_sk_placeholder"
                  + " --cluster 5356823b3794dee37132bb7b:Cluster0"
                  + " --rate-limit 100:50/60s --log-requests");
      assertThat(atlas.getPublicKey()).isEqualTo("ci-public");
      assertThat(atlas.getPrivateKey()).isEqualTo("ci-private:with-colon");
    }
  }

  @Test
  void deploymentsAndTheApplyDelayBecomeTheEmulatorsFlags() {
    try (AtlasEmulatorContainer atlas =
        new AtlasEmulatorContainer()
            .withProject("5356823b3794dee37132bb7b")
            .withCluster("5356823b3794dee37132bb7b", "Cluster0")
            .withFlexCluster("5356823b3794dee37132bb7b", "Flex0")
            .withFederatedDatabase("5356823b3794dee37132bb7b", "FederatedDatabase0")
            .withStreamInstance("5356823b3794dee37132bb7b", "Stream0")
            .withApplyDelay(Duration.ofSeconds(5))
            .withUsersPerProject(200)) {
      assertThat(String.join(" ", atlas.commandLine()))
          .endsWith(
              " --project 5356823b3794dee37132bb7b"
                  + " --cluster 5356823b3794dee37132bb7b:Cluster0"
                  + " --flex-cluster 5356823b3794dee37132bb7b:Flex0"
                  + " --federated-database 5356823b3794dee37132bb7b:FederatedDatabase0"
                  + " --stream-instance 5356823b3794dee37132bb7b:Stream0"
                  + " --apply-delay 5000ms"
                  + " --users-per-project 200");
      assertThatThrownBy(() -> atlas.withApplyDelay(Duration.ofMillis(-1)))
          .hasMessageContaining("apply delay");
      assertThatThrownBy(() -> atlas.withUsersPerProject(-1))
          .hasMessageContaining("users per project");
      assertThatThrownBy(() -> atlas.withFlexCluster("p", "a:b"))
          .hasMessageContaining("flex cluster name");
      assertThatThrownBy(() -> atlas.withStreamInstance("p=q", "s"))
          .hasMessageContaining("project id");
    }
  }

  @Test
  void withoutAKeyTheDefaultOneServes() {
    try (AtlasEmulatorContainer atlas = new AtlasEmulatorContainer().withProject("p1")) {
      assertThat(atlas.commandLine())
          .containsSubsequence("--api-key", "emulator-public:emulator-private-key");
      assertThat(atlas.getPublicKey()).isEqualTo(AtlasEmulatorContainer.DEFAULT_PUBLIC_KEY);
      assertThat(atlas.getPrivateKey()).isEqualTo(AtlasEmulatorContainer.DEFAULT_PRIVATE_KEY);
    }
  }

  @Test
  void badSettingsAreRefusedAtOnce() {
    try (AtlasEmulatorContainer atlas = new AtlasEmulatorContainer()) {
      assertThatThrownBy(() -> atlas.withFault(200)).hasMessageContaining("400 to 599");
      assertThatThrownBy(() -> atlas.withFault(503, "POST", 0)).hasMessageContaining("at least 1");
      assertThatThrownBy(() -> atlas.withFault(503, "PO ST", 1)).hasMessageContaining("method");
      assertThatThrownBy(() -> atlas.withProject("a=b")).hasMessageContaining("project id");
      assertThatThrownBy(() -> atlas.withProject("p", "k,l")).hasMessageContaining("public key");
      assertThatThrownBy(() -> atlas.withApiKey("pub:lic", "x")).hasMessageContaining("public key");
      assertThatThrownBy(() -> atlas.withApiKey("pub", "")).hasMessageContaining("private key");
      assertThatThrownBy(() -> atlas.withServiceAccount("a:b", "s"))
          .hasMessageContaining("client id");
      assertThatThrownBy(() -> atlas.withRateLimit(0, 1, Duration.ofSeconds(60)))
          .hasMessageContaining("capacity");
      assertThatThrownBy(() -> atlas.withLatency(Duration.ofMillis(-1)))
          .hasMessageContaining("latency");
    }
    assertThatThrownBy(() -> new AtlasEmulatorContainer("mongo:7"))
        .isInstanceOf(IllegalStateException.class);
    try (AtlasEmulatorContainer mirrored =
        new AtlasEmulatorContainer(
            DockerImageName.parse("registry.example.com/team/atlas-emulator:0.1.0")
                .asCompatibleSubstituteFor("atlas-emulator"))) {
      assertThat(mirrored.getExposedPorts()).containsExactly(8090);
    }
  }
}
