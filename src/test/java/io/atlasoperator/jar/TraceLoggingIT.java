package io.atlasoperator.jar;

import static io.atlasoperator.testing.OperatorEnvironment.scramUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.emulator.AtlasEmulator;
import io.atlasoperator.testing.KubeApiServerExtension;
import io.fabric8.kubernetes.api.model.Condition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The built jar at the most verbose log level (TRACE for every logger, the Kubernetes client's HTTP
 * logging included) through a whole lifecycle: create, password rotation, delete. No line may hold
 * a password or the private API key, neither plain nor base64 as Secrets carry them.
 */
class TraceLoggingIT {

  @RegisterExtension static final KubeApiServerExtension KUBE = new KubeApiServerExtension();

  static final String PROJECT = "5356823b3794dee37132bb7b";
  static final String PRIVATE_KEY = "trace-private-key-canary";
  static final String FIRST_PASSWORD = "first-password-canary";
  static final String SECOND_PASSWORD = "second-password-canary";

  @Test
  void noSecretValueReachesTheLogAtTrace() throws Exception {
    Path jar = Path.of("target", "atlas-operator.jar");
    KUBE.server().installCrd();
    KUBE.server().createNamespace("ops");
    KUBE.server().createNamespace("apps");
    KUBE.server()
        .createSecret(
            "ops", "keys", Map.of("publicApiKey", "trace-public", "privateApiKey", PRIVATE_KEY));
    KUBE.server().createSecret("apps", "app-password", Map.of("password", FIRST_PASSWORD));
    Path kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
    Files.writeString(kubeconfig, KUBE.server().kubeConfigYaml());
    Path output = Files.createTempFile("operator-trace", ".log");

    try (AtlasEmulator atlas =
        AtlasEmulator.builder().apiKey("trace-public", PRIVATE_KEY).project(PROJECT).start()) {
      Process operator =
          Java.start(
              output,
              Map.of("KUBECONFIG", kubeconfig.toString()),
              "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
              "-Dorg.slf4j.simpleLogger.log.io.fabric8.kubernetes.client.http.HttpLoggingInterceptor=trace",
              "-jar",
              jar.toString(),
              "--default-credentials",
              "ops/keys",
              "--atlas-url",
              atlas.baseUrl(),
              "--watch-namespaces",
              "apps");
      try {
        KUBE.client().resource(scramUser("apps", "app", PROJECT, "app")).create();
        awaitReason("Created");
        KUBE.client()
            .secrets()
            .inNamespace("apps")
            .withName("app-password")
            .edit(
                s -> {
                  s.setData(
                      Map.of(
                          "password",
                          Base64.getEncoder()
                              .encodeToString(SECOND_PASSWORD.getBytes(StandardCharsets.UTF_8))));
                  return s;
                });
        awaitReason("PasswordRotated");
        assertThat(atlas.lastWrite(PROJECT, "admin", "app").orElseThrow().get("password").asText())
            .isEqualTo(SECOND_PASSWORD);
        KUBE.client()
            .resources(AtlasDatabaseUser.class)
            .inNamespace("apps")
            .withName("app")
            .delete();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    KUBE.client()
                            .resources(AtlasDatabaseUser.class)
                            .inNamespace("apps")
                            .withName("app")
                            .get()
                        == null);
      } finally {
        operator.destroy();
        assertThat(operator.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
    }

    List<String> lines = Files.readAllLines(output);
    assertThat(lines).as("the log really is at TRACE").anyMatch(l -> l.contains(" TRACE "));
    assertThat(lines)
        .as("the password Secret's events were logged")
        .anyMatch(l -> l.contains(" DEBUG ") && l.contains("app-password"));
    List<String> forbidden = new ArrayList<>();
    for (String secret : List.of(PRIVATE_KEY, FIRST_PASSWORD, SECOND_PASSWORD)) {
      forbidden.add(secret);
      forbidden.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
    }
    for (String line : lines) {
      for (String secret : forbidden) {
        assertThat(line).as("a log line holds a secret value").doesNotContain(secret);
      }
    }
  }

  private static void awaitReason(String reason) {
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> {
              AtlasDatabaseUser r =
                  KUBE.client()
                      .resources(AtlasDatabaseUser.class)
                      .inNamespace("apps")
                      .withName("app")
                      .get();
              return r != null
                  && r.getStatus() != null
                  && r.getStatus().getConditions().stream()
                      .filter(c -> "Ready".equals(c.getType()))
                      .map(Condition::getReason)
                      .anyMatch(reason::equals);
            });
  }
}
