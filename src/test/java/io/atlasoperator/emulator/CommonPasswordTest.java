package io.atlasoperator.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Atlas refuses a database-user password found in a common-password list: 400 COMMON_PASSWORD with
 * the Errors page's message, on create and on an update that sends a password, through v1.0 and v2
 * alike. Atlas's own list is unpublished; the emulator's is a small stand-in
 * (CommonPasswords.BUILT_IN), matched ignoring case.
 */
class CommonPasswordTest {

  static final String PROJECT = "5356823b3794dee37132bb7b";
  static final String V1_USERS = "/api/atlas/v1.0/groups/" + PROJECT + "/databaseUsers";
  static final String V2_USERS = "/api/atlas/v2/groups/" + PROJECT + "/databaseUsers";
  static final String TYPE_2023 = "application/vnd.atlas.2023-01-01+json";
  static final Map<String, String> WRITE_2023 =
      Map.of("Accept", TYPE_2023, "Content-Type", TYPE_2023);

  /** The body Atlas answers, as the Errors page and the recorded answer (Atlas CLI #689) show. */
  static final String COMMON_PASSWORD_ANSWER =
      "{\"detail\":\"The password provided is too weak, as it can be found in most commonly used"
          + " password lists.\",\"error\":400,\"errorCode\":\"COMMON_PASSWORD\","
          + "\"parameters\":[],\"reason\":\"Bad Request\"}";

  AtlasEmulator atlas;
  RawAtlasHttp http;

  @BeforeEach
  void start() {
    atlas =
        AtlasEmulator.builder()
            .apiKey("pub", "priv-key")
            .project(PROJECT, "pub")
            .commonPassword("Orders-Winter-2026")
            .start();
    http = new RawAtlasHttp(atlas.baseUrl(), "pub", "priv-key", "MD5");
  }

  @AfterEach
  void stop() {
    atlas.close();
  }

  static String user(String name, String password) {
    return """
        {"databaseName": "admin", "username": "%s", "password": "%s",
         "roles": [{"roleName": "readWrite", "databaseName": "orders"}]}
        """
        .formatted(name, password);
  }

  /** POST through v1.0 (no version headers) or v2 (2023-01-01). */
  RawAtlasHttp.Answer create(boolean v2, String body) throws Exception {
    return v2 ? http.call("POST", V2_USERS, body, WRITE_2023) : http.call("POST", V1_USERS, body);
  }

  /** PATCH of admin/{name} through v1.0 or v2. */
  RawAtlasHttp.Answer update(boolean v2, String name, String body) throws Exception {
    return v2
        ? http.call("PATCH", V2_USERS + "/admin/" + name, body, WRITE_2023)
        : http.call("PATCH", V1_USERS + "/admin/" + name, body);
  }

  static void assertCommonPassword(RawAtlasHttp.Answer answer) throws Exception {
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.json()).isEqualTo(Responder.JSON.readTree(COMMON_PASSWORD_ANSWER));
    assertThat(answer.header("Content-Type")).startsWith("application/json");
  }

  @Test
  void aCommonPasswordIsRefusedOnCreateThroughV1AndV2AndNoUserIsMade() throws Exception {
    for (boolean v2 : List.of(false, true)) {
      for (String common : List.of("password", "12345678", "qwertyuiop", "iloveyou")) {
        assertCommonPassword(create(v2, user("app", common)));
      }
    }
    assertThat(atlas.storedUsers(PROJECT)).isEmpty();
    assertThat(atlas.lastWrite(PROJECT, "admin", "app")).isEmpty();
    assertThat(http.get(V1_USERS).json().get("totalCount").asInt()).isZero();
  }

  @Test
  void aCommonPasswordIsRefusedOnUpdateAndTheUserKeepsItsPassword() throws Exception {
    assertThat(create(false, user("app", "Zr8-kq2!vWm7")).status()).isEqualTo(201);
    JsonNode before = atlas.storedUser(PROJECT, "admin", "app").orElseThrow();

    for (boolean v2 : List.of(false, true)) {
      assertCommonPassword(
          update(v2, "app", "{\"password\": \"password1\", \"description\": \"rotated\"}"));
      assertCommonPassword(update(v2, "app", "{\"password\": \"sunshine\"}"));
    }

    assertThat(atlas.storedUser(PROJECT, "admin", "app").orElseThrow()).isEqualTo(before);
    assertThat(atlas.lastWrite(PROJECT, "admin", "app").orElseThrow().get("password").asText())
        .isEqualTo("Zr8-kq2!vWm7");
  }

  @Test
  void anUpdateWithoutAPasswordOrWithAStrongOneIsAccepted() throws Exception {
    assertThat(create(true, user("app", "Zr8-kq2!vWm7")).status()).isEqualTo(201);

    RawAtlasHttp.Answer described = update(false, "app", "{\"description\": \"orders\"}");
    assertThat(described.status()).as(described.body()).isEqualTo(200);
    RawAtlasHttp.Answer rotated = update(true, "app", "{\"password\": \"Hc4-ttw9!Qe2\"}");
    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);

    assertThat(atlas.lastWrite(PROJECT, "admin", "app").orElseThrow().get("password").asText())
        .isEqualTo("Hc4-ttw9!Qe2");
  }

  @Test
  void theMatchIgnoresCase() throws Exception {
    for (String common : List.of("PASSWORD", "Password1", "iLoveYou", "QwertyUIOP", "SunShine")) {
      assertCommonPassword(create(false, user("app", common)));
      assertCommonPassword(create(true, user("app", common)));
    }
    assertThat(atlas.storedUsers(PROJECT)).isEmpty();
  }

  @Test
  void strongRandomPasswordsAreAccepted() throws Exception {
    Random random = new Random(20261124L); // fixed seed: a failure is reproducible
    for (int i = 0; i < 20; i++) {
      byte[] bytes = new byte[18];
      random.nextBytes(bytes);
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      RawAtlasHttp.Answer created = create(i % 2 == 1, user("app-" + i, password));
      assertThat(created.status()).as(password + ": " + created.body()).isEqualTo(201);
    }
    assertThat(atlas.storedUsers(PROJECT)).hasSize(20);
  }

  @Test
  void onlyTheWholePasswordIsCompared() throws Exception {
    // The emulator's choice: a common password inside a longer one is not refused.
    for (String password : List.of("password!21212!!!", "my-sunshine-2026", "12345678x")) {
      RawAtlasHttp.Answer created = create(false, user("app-" + password.length(), password));
      assertThat(created.status()).as(password + ": " + created.body()).isEqualTo(201);
    }
  }

  @Test
  void aCommonPasswordShorterThanEightIsStillTooShort() throws Exception {
    // "123456" and "qwerty" top every list, but minLength 8 refuses them first.
    for (String shortCommon : List.of("123456", "qwerty")) {
      RawAtlasHttp.Answer answer = create(false, user("app", shortCommon));
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.json().get("errorCode").asText()).isEqualTo("INVALID_ATTRIBUTE");
      assertThat(answer.json().get("parameters").get(0).asText()).isEqualTo("password");
    }
  }

  @Test
  void theOtherRulesOfTheRequestComeFirstAndTheConflictAfter() throws Exception {
    RawAtlasHttp.Answer unknownRole =
        create(
            false,
            "{\"databaseName\": \"admin\", \"username\": \"app\", \"password\": \"password\","
                + " \"roles\": [{\"roleName\": \"readEverything\", \"databaseName\": \"orders\"}]}");
    assertThat(unknownRole.json().get("errorCode").asText()).isEqualTo("ATLAS_INVALID_ROLE");

    RawAtlasHttp.Answer x509WithPassword =
        create(
            false,
            "{\"databaseName\": \"$external\", \"username\": \"CN=app\", \"x509Type\": \"CUSTOMER\","
                + " \"password\": \"password\","
                + " \"roles\": [{\"roleName\": \"read\", \"databaseName\": \"orders\"}]}");
    assertThat(x509WithPassword.json().get("errorCode").asText()).isEqualTo("INVALID_ATTRIBUTE");
    assertThat(x509WithPassword.json().get("parameters").get(0).asText()).isEqualTo("password");

    // A 400 for the request itself comes before the 409 for a username already taken.
    assertThat(create(false, user("app", "Zr8-kq2!vWm7")).status()).isEqualTo(201);
    assertCommonPassword(create(false, user("app", "password")));
    assertThat(create(false, user("app", "Hc4-ttw9!Qe2")).status()).isEqualTo(409);
  }

  @Test
  void theBuilderAddsToTheListAndTheBuiltInEntriesStay() throws Exception {
    assertCommonPassword(create(false, user("app", "orders-winter-2026")));
    assertCommonPassword(create(true, user("app", "ORDERS-WINTER-2026")));
    assertCommonPassword(create(false, user("app", "trustno1")));
    assertThat(atlas.storedUsers(PROJECT)).isEmpty();

    try (AtlasEmulator plain =
        AtlasEmulator.builder().apiKey("pub", "priv-key").project(PROJECT, "pub").start()) {
      RawAtlasHttp plainHttp = new RawAtlasHttp(plain.baseUrl(), "pub", "priv-key", "MD5");
      assertThat(plainHttp.call("POST", V1_USERS, user("app", "Orders-Winter-2026")).status())
          .isEqualTo(201);
    }
  }

  @Test
  void aUserCreatedBehindTheBackIsHeldToTheSameList() throws Exception {
    ObjectNode body = (ObjectNode) Responder.JSON.readTree(user("ui-user", "Football"));

    assertThatThrownBy(() -> atlas.createBehindTheBack(PROJECT, body))
        .isInstanceOfSatisfying(
            AtlasError.class, e -> assertThat(e.code).isEqualTo(ErrorCode.COMMON_PASSWORD));
    assertThat(atlas.storedUsers(PROJECT)).isEmpty();
  }
}
