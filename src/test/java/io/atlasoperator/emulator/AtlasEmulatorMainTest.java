package io.atlasoperator.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atlasoperator.atlas.AtlasClient;
import io.atlasoperator.atlas.AtlasClientConfig;
import io.atlasoperator.domain.ApiKey;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.Password;
import io.atlasoperator.testing.TestUsers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
          TestUsers.user("audit").project(PROJECT).role("auditor", "admin").build(),
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

  static final String USER_BODY =
      """
      {"databaseName": "admin", "username": "app", "password": "s3cret-pass",
       "roles": [{"roleName": "read", "databaseName": "orders"}]}
      """;

  @Test
  void faultFlagAnswersTheNextMatchingRequestsWithTheStatus() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AtlasEmulator emulator =
        AtlasEmulatorMain.configure(
            new String[] {
              "--port", "0",
              "--api-key", "ci-public:ci-private",
              "--project", PROJECT,
              "--fault", "503:POST:2",
              "--fault", "429:get:1"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8));

    try (AtlasEmulator running = emulator.start()) {
      RawAtlasHttp http = new RawAtlasHttp(running.baseUrl(), "ci-public", "ci-private", "MD5");
      String users = "/api/atlas/v1.0/groups/" + PROJECT + "/databaseUsers";

      RawAtlasHttp.Answer limited = http.get(users);
      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.header("Retry-After")).isEqualTo("1");
      assertThat(http.call("POST", users, USER_BODY).status()).isEqualTo(503);
      assertThat(http.call("POST", users, USER_BODY).status()).isEqualTo(503);
      assertThat(http.call("POST", users, USER_BODY).status()).isEqualTo(201);
      assertThat(http.get(users).json().path("totalCount").asInt()).isEqualTo(1);
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("fault 503:POST:2", "fault 429:get:1");
  }

  @Test
  void faultSpecsReadStatusMethodAndTimesInAnyCombination() {
    Fault any = AtlasEmulatorMain.parseFault("500");
    assertThat(any.status).isEqualTo(500);
    assertThat(any.retryAfter()).isNull();
    assertThat(any.fires("GET", "/x", PROJECT)).isTrue();
    assertThat(any.fires("DELETE", "/x", PROJECT)).isTrue();

    Fault onceForAnyMethod = AtlasEmulatorMain.parseFault("502:1");
    assertThat(onceForAnyMethod.fires("PATCH", "/x", PROJECT)).isTrue();
    assertThat(onceForAnyMethod.fires("PATCH", "/x", PROJECT)).isFalse();

    Fault patchOnly = AtlasEmulatorMain.parseFault("500:patch");
    assertThat(patchOnly.fires("GET", "/x", PROJECT)).isFalse();
    assertThat(patchOnly.fires("PATCH", "/x", PROJECT)).isTrue();

    Fault twiceForAnyMethod = AtlasEmulatorMain.parseFault("503::2");
    assertThat(twiceForAnyMethod.fires("GET", "/x", PROJECT)).isTrue();
    assertThat(twiceForAnyMethod.fires("POST", "/x", PROJECT)).isTrue();
    assertThat(twiceForAnyMethod.fires("POST", "/x", PROJECT)).isFalse();

    assertThat(AtlasEmulatorMain.parseFault("429").retryAfter()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void latencyFlagDelaysEveryAuthenticatedAnswer() throws Exception {
    assertThat(AtlasEmulatorMain.parseDuration("50ms")).isEqualTo(Duration.ofMillis(50));
    assertThat(AtlasEmulatorMain.parseDuration("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(AtlasEmulatorMain.parseDuration("1m")).isEqualTo(Duration.ofMinutes(1));

    AtlasEmulator emulator =
        AtlasEmulatorMain.configure(
            new String[] {
              "--port",
              "0",
              "--api-key",
              "ci-public:ci-private",
              "--project",
              PROJECT,
              "--latency",
              "300ms"
            },
            System.out);
    try (AtlasEmulator running = emulator.start()) {
      RawAtlasHttp http = new RawAtlasHttp(running.baseUrl(), "ci-public", "ci-private", "MD5");
      long started = System.nanoTime();
      RawAtlasHttp.Answer answer = http.get("/api/atlas/v1.0/groups/" + PROJECT + "/databaseUsers");

      assertThat(answer.status()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
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
    for (String bad : new String[] {"abc", "200", "503:POST:0", "503:POST:x", "503:1:POST", ""}) {
      assertThatThrownBy(
              () -> AtlasEmulatorMain.configure(new String[] {"--fault", bad}, System.out))
          .as(bad)
          .hasMessageStartingWith("--fault takes STATUS[:METHOD][:TIMES]");
    }
    for (String bad : new String[] {"50", "fast", "-5ms", "1h", "PT1S"}) {
      assertThatThrownBy(
              () -> AtlasEmulatorMain.configure(new String[] {"--latency", bad}, System.out))
          .as(bad)
          .hasMessage("--latency takes a duration such as 50ms, 2s or 1m");
    }
  }
}
