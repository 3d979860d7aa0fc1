package io.atlasoperator.jar;

import static io.atlasoperator.testing.OperatorEnvironment.scramUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.emulator.AtlasEmulator;
import io.atlasoperator.testing.KubeApiServerExtension;
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
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  jar.toString(),
                  "--default-credentials",
                  "ops/keys",
                  "--atlas-url",
                  atlas.baseUrl(),
                  "--resync-interval",
                  "10s")
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      builder.environment().put("KUBECONFIG", kubeconfig.toString());
      builder.environment().put("ATLAS_OPERATOR_WATCH_NAMESPACES", "apps");
      Process operator = builder.start();
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
      } finally {
        operator.destroy();
        assertThat(operator.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
      }
    }
    String log = Files.readString(output);
    assertThat(log).contains("Starting atlas-operator", "namespaces: [apps]");
    assertThat(log).doesNotContain("jar-private-canary").doesNotContain("password-canary");
    new File(kubeconfig.toString()).deleteOnExit();
  }
}
