package io.atlasoperator.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atlasoperator.atlas.AtlasClient;
import io.atlasoperator.atlas.AtlasClientConfig;
import io.atlasoperator.domain.ApiKey;
import io.atlasoperator.domain.AuthType;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.Password;
import io.atlasoperator.domain.UserRole;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone emulator's command line, as a user's CI would run it. */
class AtlasEmulatorMainTest {

  static final String PROJECT = "5356823b3794dee37132bb7b";

  @Test
  void flagsConfigureKeysProjectsAndCustomRoles() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    AtlasEmulator emulator =
        AtlasEmulatorMain.configure(
            new String[] {
              "--port",
              "0",
              "--api-key",
              "ci-public:ci-private-placeholder",
              "--project",
              PROJECT + "=ci-public",
              "--custom-role",
              PROJECT + ":auditor"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8));

    try (AtlasEmulator running = emulator.start()) {
      AtlasClient client =
          AtlasClient.create(
              AtlasClientConfig.defaults().withBaseUrl(running.baseUrl()),
              new ApiKey("ci-public", "ci-private-placeholder"));
      client.create(
          new DatabaseUser(
              PROJECT,
              "admin",
              "audit",
              List.of(new UserRole("auditor", "admin", null)),
              List.of(),
              List.of(),
              null,
              AuthType.SCRAM,
              null),
          new Password("s3cret-pass"));
      assertThat(client.listAll(PROJECT))
          .extracting(DatabaseUser::username)
          .containsExactly("audit");
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("API key ci-public", "project " + PROJECT)
        .doesNotContain("ci-private-placeholder");
  }

  @Test
  void configFileKeepsPrivateKeysOffTheCommandLine(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("emulator.json");
    Files.writeString(
        config,
        """
        {"port": 0,
         "apiKeys": [{"publicKey": "file-public", "privateKey": "file-private-placeholder"}],
         "projects": [{"id": "%s", "apiKeys": ["file-public"]}]}
        """
            .formatted(PROJECT));

    try (AtlasEmulator running =
        AtlasEmulatorMain.configure(new String[] {"--config", config.toString()}, System.out)
            .start()) {
      AtlasClient client =
          AtlasClient.create(
              AtlasClientConfig.defaults().withBaseUrl(running.baseUrl()),
              new ApiKey("file-public", "file-private-placeholder"));
      assertThat(client.listAll(PROJECT)).isEmpty();
    }
  }

  @Test
  void helpPrintsUsageAndStartsNothing() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    AtlasEmulator emulator =
        AtlasEmulatorMain.configure(
            new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8));

    assertThat(emulator).isNull();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--api-key PUBLIC:PRIVATE");
  }

  @Test
  void badFlagsAreRejectedWithAReason() {
    assertThatThrownBy(() -> AtlasEmulatorMain.configure(new String[] {"--bogus", "1"}, System.out))
        .hasMessage("unknown option --bogus");
    assertThatThrownBy(
            () -> AtlasEmulatorMain.configure(new String[] {"--api-key", "nocolon"}, System.out))
        .hasMessage("--api-key takes PUBLIC:PRIVATE");
    assertThatThrownBy(
            () -> AtlasEmulatorMain.configure(new String[] {"--port", "70000"}, System.out))
        .hasMessage("--port takes a number from 0 to 65535");
    assertThatThrownBy(() -> AtlasEmulatorMain.configure(new String[] {"--port"}, System.out))
        .hasMessage("--port needs a value");
  }
}
