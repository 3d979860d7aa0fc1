package io.atlasoperator.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atlasoperator.atlas.AtlasClient;
import io.atlasoperator.atlas.AtlasClientConfig;
import io.atlasoperator.domain.ApiKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The three artifacts of the build: the operator without any test double, the Atlas emulator on its
 * own, runnable with {@code java -jar}, and the emulator's Testcontainers module on its own.
 */
class ArtifactsIT {

  static final Path OPERATOR = Path.of("target", "atlas-operator.jar");
  static final Path EMULATOR = Path.of("target", "atlas-emulator.jar");
  static final Path TESTCONTAINERS = Path.of("target", "atlas-emulator-testcontainers.jar");

  static final String MODULE = "io/atlasoperator/testcontainers/";

  static List<String> classes(Path jar) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.stream()
          .map(e -> e.getName())
          .filter(n -> n.startsWith("io/atlasoperator/") && n.endsWith(".class"))
          .toList();
    }
  }

  /** Every file in the jar but directories and META-INF/. */
  static List<String> files(Path jar) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.stream()
          .filter(e -> !e.isDirectory())
          .map(e -> e.getName())
          .filter(n -> !n.startsWith("META-INF/"))
          .toList();
    }
  }

  @Test
  void theOperatorJarHoldsNoEmulatorClass() throws IOException {
    List<String> classes = classes(OPERATOR);

    assertThat(classes).anyMatch(n -> n.startsWith("io/atlasoperator/reconciler/"));
    assertThat(classes).noneMatch(n -> n.startsWith("io/atlasoperator/emulator/"));
    assertThat(files(OPERATOR)).noneMatch(n -> n.startsWith(MODULE));
    assertThat(files(OPERATOR)).noneMatch(n -> n.startsWith("org/testcontainers/"));
  }

  @Test
  void theTestcontainersJarHoldsItsPackageAloneAndNoOtherJarHoldsIt() throws IOException {
    assertThat(files(TESTCONTAINERS))
        .contains(MODULE + "AtlasEmulatorContainer.class", MODULE + "version.properties")
        .allMatch(n -> n.startsWith(MODULE));
    Properties version = new Properties();
    try (ZipFile zip = new ZipFile(TESTCONTAINERS.toFile());
        InputStream in = zip.getInputStream(zip.getEntry(MODULE + "version.properties"))) {
      version.load(in);
    }
    assertThat(version.getProperty("version")).isEqualTo(AtlasClientConfig.VERSION);
    assertThat(files(EMULATOR)).noneMatch(n -> n.startsWith(MODULE));
  }

  @Test
  void theEmulatorJarHoldsTheEmulatorAloneAndRunsWithJavaDashJar() throws Exception {
    assertThat(classes(EMULATOR))
        .isNotEmpty()
        .allMatch(n -> n.startsWith("io/atlasoperator/emulator/"));
    assertThat(files(EMULATOR)).noneMatch(n -> n.startsWith("org/testcontainers/"));

    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String project = "5356823b3794dee37132bb7b";
    Path output = Files.createTempFile("emulator", ".log");
    Process emulator =
        Java.start(
            output,
            java.util.Map.of(),
            "-jar",
            EMULATOR.toString(),
            "--port",
            Integer.toString(port),
            "--api-key",
            "jar-public:jar-private-key",
            "--project",
            project);
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Files.readString(output).contains("listening on"));
      AtlasClient client =
          AtlasClient.create(
              AtlasClientConfig.defaults().withBaseUrl("http://127.0.0.1:" + port + "/"),
              new ApiKey("jar-public", "jar-private-key"));

      assertThat(client.listAll(project)).isEmpty();
    } finally {
      emulator.destroy();
      assertThat(emulator.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
