package io.atlasoperator.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Atlas holds at most 100 database users a project ("Atlas Service Limits"; the Spec's
 * createDatabaseUser description) and answers a create beyond it with 403
 * GROUP_USERS_LIMIT_EXCEEDED "Groups can contain at most %d database users." (the Errors page).
 * Every user counts, whatever its authentication, temporary ones until they expire; a delete frees
 * a slot. The request's own 400s and the 409 for a taken name come first (the emulator's choice).
 */
class UserLimitTest {

  static final String PROJECT = "5356823b3794dee37132bb7b";
  static final String OTHER_PROJECT = "6356823b3794dee37132bb7c";
  static final String V1_USERS = "/api/atlas/v1.0/groups/" + PROJECT + "/databaseUsers";
  static final String V2_USERS = "/api/atlas/v2/groups/" + PROJECT + "/databaseUsers";
  static final String TYPE_2023 = "application/vnd.atlas.2023-01-01+json";
  static final Map<String, String> WRITE_2023 =
      Map.of("Accept", TYPE_2023, "Content-Type", TYPE_2023);
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  /** The body Atlas answers, as the Errors page documents code, status and message. */
  static String limitAnswer(int limit) {
    return ("{\"detail\":\"Groups can contain at most %d database users.\",\"error\":403,"
            + "\"errorCode\":\"GROUP_USERS_LIMIT_EXCEEDED\",\"parameters\":[\"%d\"],"
            + "\"reason\":\"Forbidden\"}")
        .formatted(limit, limit);
  }

  AtlasEmulator atlas;
  RawAtlasHttp http;

  @AfterEach
  void stop() {
    if (atlas != null) {
      atlas.close();
    }
  }

  /** An emulator with the default limit (Atlas's 100), or with {@code usersPerProject(limit)}. */
  void start(Integer limit) {
    EmulatorClock clock = new EmulatorClock();
    clock.set(NOW);
    AtlasEmulator.Builder builder =
        AtlasEmulator.builder()
            .apiKey("pub", "priv-key")
            .project(PROJECT, "pub")
            .project(OTHER_PROJECT, "pub")
            .clock(clock);
    if (limit != null) {
      builder.usersPerProject(limit);
    }
    atlas = builder.start();
    http = new RawAtlasHttp(atlas.baseUrl(), "pub", "priv-key", "MD5");
  }

  static String user(String name) {
    return """
        {"databaseName": "admin", "username": "%s", "password": "Zr8-kq2!vWm7",
         "roles": [{"roleName": "readWrite", "databaseName": "orders"}]}
        """
        .formatted(name);
  }

  static ObjectNode userNode(String name) throws Exception {
    return (ObjectNode) Responder.JSON.readTree(user(name));
  }

  /** POST through v1.0 (no version headers) or v2 (2023-01-01). */
  RawAtlasHttp.Answer create(boolean v2, String body) throws Exception {
    return create(v2, PROJECT, body);
  }

  RawAtlasHttp.Answer create(boolean v2, String project, String body) throws Exception {
    String path = "/api/atlas/" + (v2 ? "v2" : "v1.0") + "/groups/" + project + "/databaseUsers";
    return v2 ? http.call("POST", path, body, WRITE_2023) : http.call("POST", path, body);
  }

  static void assertCreated(RawAtlasHttp.Answer answer) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
  }

  static void assertLimitExceeded(RawAtlasHttp.Answer answer, int limit) throws Exception {
    assertThat(answer.status()).as(answer.body()).isEqualTo(403);
    assertThat(answer.json()).isEqualTo(Responder.JSON.readTree(limitAnswer(limit)));
    assertThat(answer.header("Content-Type")).startsWith("application/json");
  }

  /** Fills the project to {@code count} users past the API (as the Atlas UI would). */
  void fill(int count) throws Exception {
    for (int i = 0; i < count; i++) {
      atlas.createBehindTheBack(PROJECT, userNode("ui-" + i));
    }
  }

  @Test
  void theHundredAndFirstCreateIsRefusedOnV1AndV2AndNothingIsStored() throws Exception {
    start(null);
    for (int i = 0; i < 100; i++) {
      assertCreated(create(i % 2 == 1, user("app-" + i)));
    }
    Instant lastWrite = atlas.project(PROJECT).lastUserWrite;
    atlas.clock().advance(Duration.ofMinutes(1));

    for (boolean v2 : List.of(false, true)) {
      assertLimitExceeded(create(v2, user("app-100")), 100);
    }

    assertThat(atlas.storedUsers(PROJECT)).hasSize(100);
    assertThat(atlas.storedUser(PROJECT, "admin", "app-100")).isEmpty();
    assertThat(atlas.lastWrite(PROJECT, "admin", "app-100")).isEmpty();
    assertThat(atlas.project(PROJECT).lastUserWrite)
        .as("a refused create is no write")
        .isEqualTo(lastWrite);
    assertThat(http.get(V1_USERS).json().get("totalCount").asInt()).isEqualTo(100);
    assertThat(http.get(V1_USERS + "/admin/app-100").status()).isEqualTo(404);
  }

  @Test
  void deletingAUserFreesASlot() throws Exception {
    start(null);
    fill(100);
    assertLimitExceeded(create(false, user("app")), 100);

    assertThat(http.call("DELETE", V1_USERS + "/admin/ui-7", null).status()).isEqualTo(204);
    assertCreated(create(true, user("app")));
    assertLimitExceeded(create(true, user("app-2")), 100);

    assertThat(http.call("DELETE", V2_USERS + "/admin/app", null, WRITE_2023).status())
        .isEqualTo(204);
    assertCreated(create(false, user("app-2")));
    assertThat(atlas.storedUsers(PROJECT)).hasSize(100);
  }

  @Test
  void aConfiguredLimitIsHeldPerProject() throws Exception {
    start(2);
    assertCreated(create(false, user("a")));
    assertCreated(create(true, user("b")));

    assertLimitExceeded(create(false, user("c")), 2);
    assertLimitExceeded(create(true, user("c")), 2);

    // Another project has its own two.
    assertCreated(create(false, OTHER_PROJECT, user("c")));
    assertCreated(create(true, OTHER_PROJECT, user("d")));
    assertLimitExceeded(create(true, OTHER_PROJECT, user("e")), 2);
    assertThat(atlas.storedUsers(PROJECT)).hasSize(2);
    assertThat(atlas.storedUsers(OTHER_PROJECT)).hasSize(2);
  }

  @Test
  void everyUserCountsWhateverItsAuthenticationAndATemporaryOneUntilItExpires() throws Exception {
    start(4);
    assertCreated(create(false, user("scram")));
    assertCreated(
        create(
            true,
            """
            {"databaseName": "$external", "username": "CN=cert,O=shop", "x509Type": "CUSTOMER",
             "roles": [{"roleName": "read", "databaseName": "orders"}]}
            """));
    assertCreated(
        create(
            false,
            """
            {"databaseName": "admin", "username": "CN=readers,OU=groups,DC=shop",
             "ldapAuthType": "GROUP", "roles": [{"roleName": "read", "databaseName": "orders"}]}
            """));
    assertCreated(
        create(
            true,
            """
            {"databaseName": "admin", "username": "temp", "password": "Zr8-kq2!vWm7",
             "deleteAfterDate": "2026-11-24T13:00:00Z",
             "roles": [{"roleName": "read", "databaseName": "orders"}]}
            """));

    assertLimitExceeded(create(false, user("fifth")), 4);
    atlas.clock().advance(Duration.ofMinutes(59));
    assertLimitExceeded(create(true, user("fifth")), 4);

    atlas.clock().advance(Duration.ofMinutes(1));
    assertCreated(create(false, user("fifth")));
    assertThat(atlas.storedUser(PROJECT, "admin", "temp")).isEmpty();
    assertThat(atlas.storedUsers(PROJECT)).hasSize(4);
  }

  @Test
  void aCreateThatBreaksARuleStillGetsItsOwn400() throws Exception {
    start(1);
    assertCreated(create(false, user("app")));

    for (boolean v2 : List.of(false, true)) {
      RawAtlasHttp.Answer noRoles =
          create(
              v2, "{\"databaseName\": \"admin\", \"username\": \"x\", \"password\": \"pw-12345\"}");
      assertThat(noRoles.status()).as(noRoles.body()).isEqualTo(400);
      assertThat(noRoles.json().get("errorCode").asText()).isEqualTo("MISSING_ATTRIBUTE");
      assertThat(noRoles.json().get("parameters").get(0).asText()).isEqualTo("roles");

      RawAtlasHttp.Answer unknownRole =
          create(
              v2,
              "{\"databaseName\": \"admin\", \"username\": \"x\", \"password\": \"pw-12345\","
                  + " \"roles\": [{\"roleName\": \"readEverything\", \"databaseName\": \"o\"}]}");
      assertThat(unknownRole.json().get("errorCode").asText()).isEqualTo("ATLAS_INVALID_ROLE");

      RawAtlasHttp.Answer common = create(v2, user("x").replace("Zr8-kq2!vWm7", "password"));
      assertThat(common.json().get("errorCode").asText()).isEqualTo("COMMON_PASSWORD");

      RawAtlasHttp.Answer malformed = create(v2, "{\"databaseName\": ");
      assertThat(malformed.json().get("errorCode").asText()).isEqualTo("MALFORMED_JSON");
    }
    assertThat(atlas.storedUsers(PROJECT)).hasSize(1);
  }

  @Test
  void aDuplicateStillGets409() throws Exception {
    start(1);
    assertCreated(create(false, user("app")));

    for (boolean v2 : List.of(false, true)) {
      RawAtlasHttp.Answer again = create(v2, user("app"));
      assertThat(again.status()).as(again.body()).isEqualTo(409);
      assertThat(again.json().get("errorCode").asText()).isEqualTo("USER_ALREADY_EXISTS");
    }
    assertLimitExceeded(create(false, user("other")), 1);
  }

  @Test
  void anUpdateInAFullProjectIsNotCounted() throws Exception {
    start(1);
    assertCreated(create(false, user("app")));

    RawAtlasHttp.Answer v1 =
        http.call("PATCH", V1_USERS + "/admin/app", "{\"description\": \"orders\"}");
    assertThat(v1.status()).as(v1.body()).isEqualTo(200);
    RawAtlasHttp.Answer v2 =
        http.call("PATCH", V2_USERS + "/admin/app", "{\"description\": \"shop\"}", WRITE_2023);
    assertThat(v2.status()).as(v2.body()).isEqualTo(200);
  }

  @Test
  void aUserCreatedBehindTheBackIsHeldToTheSameLimit() throws Exception {
    start(2);
    atlas.createBehindTheBack(PROJECT, userNode("ui-1"));
    assertCreated(create(true, user("app")));

    assertThatThrownBy(() -> atlas.createBehindTheBack(PROJECT, userNode("ui-2")))
        .isInstanceOfSatisfying(
            AtlasError.class,
            e -> {
              assertThat(e.code).isEqualTo(ErrorCode.GROUP_USERS_LIMIT_EXCEEDED);
              assertThat(e.detail()).isEqualTo("Groups can contain at most 2 database users.");
            });
    assertThat(atlas.storedUser(PROJECT, "admin", "ui-2")).isEmpty();

    // Creating a user that is there again replaces it: no new user, so nothing to refuse.
    ObjectNode changed = userNode("ui-1");
    changed.put("description", "from the UI");
    atlas.createBehindTheBack(PROJECT, changed);
    assertThat(atlas.storedUser(PROJECT, "admin", "ui-1").orElseThrow().get("description").asText())
        .isEqualTo("from the UI");
    assertThat(atlas.storedUsers(PROJECT)).hasSize(2);
  }

  @Test
  void zeroLiftsTheLimitAndANegativeOneIsRefused() throws Exception {
    start(0);
    fill(150);
    assertCreated(create(false, user("app")));
    assertThat(atlas.storedUsers(PROJECT)).hasSize(151);

    assertThatThrownBy(() -> AtlasEmulator.builder().usersPerProject(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("usersPerProject");
  }

  @Test
  void theCommandLineFlagSetsTheLimit() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    atlas =
        AtlasEmulatorMain.configure(
                new String[] {
                  "--port",
                  "0",
                  "--api-key",
                  "pub:priv-key",
                  "--project",
                  PROJECT,
                  "--users-per-project",
                  "1"
                },
                new PrintStream(out, true, StandardCharsets.UTF_8))
            .start();
    http = new RawAtlasHttp(atlas.baseUrl(), "pub", "priv-key", "MD5");

    assertCreated(create(false, user("a")));
    assertLimitExceeded(create(true, user("b")), 1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("users per project 1");

    for (String bad : List.of("-1", "many", "")) {
      assertThatThrownBy(
              () ->
                  AtlasEmulatorMain.configure(
                      new String[] {"--users-per-project", bad},
                      new PrintStream(out, true, StandardCharsets.UTF_8)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("--users-per-project");
    }
    assertThat(AtlasEmulatorMain.USAGE).contains("--users-per-project N");
  }

  @Test
  void theConfigFileSetsTheLimit(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("emulator.json");
    Files.writeString(
        config,
        """
        {"port": 0, "apiKeys": [{"publicKey": "pub", "privateKey": "priv-key"}],
         "usersPerProject": 1, "projects": [{"id": "%s"}]}
        """
            .formatted(PROJECT));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    atlas =
        AtlasEmulatorMain.configure(
                new String[] {"--config", config.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8))
            .start();
    http = new RawAtlasHttp(atlas.baseUrl(), "pub", "priv-key", "MD5");

    assertCreated(create(true, user("a")));
    assertLimitExceeded(create(false, user("b")), 1);

    for (String bad : List.of("-1", "\"ten\"", "1.5")) {
      Files.writeString(config, "{\"usersPerProject\": " + bad + "}");
      assertThatThrownBy(
              () ->
                  AtlasEmulatorMain.configure(
                      new String[] {"--config", config.toString()},
                      new PrintStream(out, true, StandardCharsets.UTF_8)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("usersPerProject");
    }
  }
}
