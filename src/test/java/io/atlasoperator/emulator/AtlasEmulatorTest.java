package io.atlasoperator.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The emulator's wire behaviour, held to the Atlas Administration API v1.0 reference for
 * databaseUsers ("API reference") and Atlas's documented error codes ("error codes page").
 */
class AtlasEmulatorTest {

  static final String PROJECT = "5356823b3794dee37132bb7b";
  static final String USERS = "/api/atlas/v1.0/groups/" + PROJECT + "/databaseUsers";
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  static AtlasEmulator atlas;
  RawAtlasHttp http;

  @BeforeAll
  static void start() {
    atlas =
        AtlasEmulator.builder()
            .apiKey("pubkeyaa", "placeholder-private-a")
            .apiKey("pubkeybb", "placeholder-private-b")
            .project(PROJECT, "pubkeyaa")
            .customRole(PROJECT, "ordersAuditor")
            .start();
  }

  @AfterAll
  static void stop() {
    atlas.stop();
  }

  @BeforeEach
  void fresh() {
    atlas.reset();
    atlas.clock().set(NOW);
    http = new RawAtlasHttp(atlas.baseUrl(), "pubkeyaa", "placeholder-private-a", "MD5");
  }

  static String scram(String username) {
    return """
        {"databaseName": "admin", "username": "%s", "password": "s3cret-pass",
         "roles": [{"databaseName": "orders", "roleName": "readWrite"}]}"""
        .formatted(username);
  }

  @Test
  void seedUserEllenRoundTripsExactly() throws Exception {
    JsonNode recorded =
        JSON.readTree(Files.readString(Path.of("src/test/resources/atlas/get-user-ellen.json")));
    ObjectNode create = JSON.createObjectNode();
    create.put("databaseName", "admin");
    create.put("username", "ellen");
    create.put("password", "s3cret-pass");
    create.set("roles", recorded.get("roles"));

    assertThat(http.call("POST", USERS, create.toString()).status()).isEqualTo(201);
    JsonNode answered = http.get(USERS + "/admin/ellen").json();

    assertThat(answered.get("links"))
        .singleElement()
        .satisfies(
            link -> {
              assertThat(link.get("rel").asText()).isEqualTo("self");
              assertThat(link.get("href").asText())
                  .isEqualTo(atlas.baseUrl() + USERS.substring(1) + "/admin/ellen");
            });
    ((ObjectNode) answered).set("links", JSON.createArrayNode());
    // The reference's example predates the auth fields; the OpenAPI specification gives each a
    // default of NONE, and Atlas answers with them.
    for (String field : List.of("ldapAuthType", "x509Type", "awsIAMType", "oidcAuthType")) {
      assertThat(answered.get(field).asText()).as(field).isEqualTo("NONE");
      ((ObjectNode) answered).remove(field);
    }
    assertThat(answered).isEqualTo(recorded);
    assertThat(fieldNames(answered)).containsExactlyElementsOf(fieldNames(recorded));
  }

  @Test
  void createAnswers201WithTheUserAndNeverThePassword() throws Exception {
    RawAtlasHttp.Answer created = http.call("POST", USERS, scram("orders-app"));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("username").asText()).isEqualTo("orders-app");
    assertThat(created.body()).doesNotContain("s3cret-pass").doesNotContain("password");
    assertThat(http.get(USERS).body()).doesNotContain("s3cret-pass");
    assertThat(
            atlas.lastWrite(PROJECT, "admin", "orders-app").orElseThrow().get("password").asText())
        .isEqualTo("s3cret-pass");
  }

  /** Each rule of Atlas's databaseUsers create, with the error code Atlas documents for it. */
  static Stream<Arguments> invalidCreates() {
    String roles = "\"roles\": [{\"databaseName\": \"app\", \"roleName\": \"read\"}]";
    String inAWeek = "2026-11-30T11:00:00Z";
    return Stream.of(
        // API reference: username, databaseName and roles are required on create.
        Arguments.of(
            "no username",
            "{\"databaseName\": \"admin\", \"password\": \"pw-123456\", " + roles + "}",
            "MISSING_ATTRIBUTE",
            "username"),
        Arguments.of(
            "no databaseName",
            "{\"username\": \"a\", \"password\": \"pw-123456\", " + roles + "}",
            "MISSING_ATTRIBUTE",
            "databaseName"),
        Arguments.of(
            "no roles",
            "{\"databaseName\": \"admin\", \"username\": \"a\", \"password\": \"pw-123456\"}",
            "MISSING_ATTRIBUTE",
            "roles"),
        Arguments.of(
            "unknown attribute",
            "{\"databaseName\": \"admin\", \"username\": \"a\", \"password\": \"pw-123456\", \"superuser\": true, "
                + roles
                + "}",
            "INVALID_ATTRIBUTE",
            "superuser"),
        Arguments.of("malformed JSON", "{\"databaseName\": ", "MALFORMED_JSON", null),
        Arguments.of(
            "roles not a list",
            "{\"databaseName\": \"admin\", \"username\": \"a\", \"password\": \"pw-123456\", \"roles\": \"read\"}",
            "INVALID_JSON_ATTRIBUTE",
            "roles"),
        // API reference: admin SCRAM users authenticate with a password.
        Arguments.of(
            "SCRAM user without password",
            "{\"databaseName\": \"admin\", \"username\": \"a\", " + roles + "}",
            "MISSING_ATTRIBUTE",
            "password"),
        // API reference: $external users authenticate outside MongoDB, so have no password.
        Arguments.of(
            "external user with password",
            "{\"databaseName\": \"$external\", \"username\": \"CN=a\", \"x509Type\": \"CUSTOMER\", \"password\": \"pw-123456\", "
                + roles
                + "}",
            "INVALID_ATTRIBUTE",
            "password"),
        // OpenAPI databaseName: LDAP users on $external; its LDAP example puts a GROUP on admin.
        Arguments.of(
            "LDAP user on admin",
            "{\"databaseName\": \"admin\", \"username\": \"CN=a\", \"ldapAuthType\": \"USER\", "
                + roles
                + "}",
            "DATABASE_NAME_INVALID_EXTERNAL",
            null),
        Arguments.of(
            "LDAP group on $external",
            "{\"databaseName\": \"$external\", \"username\": \"CN=g\", \"ldapAuthType\": \"GROUP\", "
                + roles
                + "}",
            "DATABASE_NAME_INVALID_ADMIN",
            "LDAP groups"),
        // OpenAPI password minLength 8 (no documented code: INVALID_ATTRIBUTE, see README).
        Arguments.of(
            "password shorter than 8",
            "{\"databaseName\": \"admin\", \"username\": \"a\", \"password\": \"short\", "
                + roles
                + "}",
            "INVALID_ATTRIBUTE",
            "password"),
        Arguments.of(
            "description longer than 100",
            "{\"databaseName\": \"admin\", \"username\": \"a\", \"password\": \"pw-123456\", \"description\": \""
                + "d".repeat(101)
                + "\", "
                + roles
                + "}",
            "INVALID_ATTRIBUTE",
            "description"),
        Arguments.of(
            "SCRAM user on $external",
            "{\"databaseName\": \"$external\", \"username\": \"a\", \"password\": \"pw-123456\", "
                + roles
                + "}",
            "DATABASE_NAME_INVALID_ADMIN",
            "SCRAM users"),
        Arguments.of(
            "two auth types",
            "{\"databaseName\": \"$external\", \"username\": \"CN=a\", \"ldapAuthType\": \"USER\", \"x509Type\": \"CUSTOMER\", "
                + roles
                + "}",
            "INVALID_ATTRIBUTE",
            "x509Type"),
        Arguments.of(
            "unknown ldapAuthType",
            "{\"databaseName\": \"$external\", \"username\": \"CN=a\", \"ldapAuthType\": \"TEAM\", "
                + roles
                + "}",
            "INVALID_ENUM_VALUE",
            "TEAM"),
        Arguments.of(
            "unknown scope type",
            "{\"databaseName\": \"admin\", \"username\": \"a\", \"password\": \"pw-123456\", \"scopes\": [{\"name\": \"c0\", \"type\": \"SERVERLESS\"}], "
                + roles
                + "}",
            "INVALID_ENUM_VALUE",
            "SERVERLESS"),
        // API reference roles.roleName: built-in roles, or a custom role of the project.
        Arguments.of(
            "unknown role",
            "{\"databaseName\": \"admin\", \"username\": \"a\", \"password\": \"pw-123456\", \"roles\": [{\"databaseName\": \"app\", \"roleName\": \"readWriteEverything\"}]}",
            "ATLAS_INVALID_ROLE",
            "readWriteEverything"),
        Arguments.of(
            "any-database role off admin",
            "{\"databaseName\": \"admin\", \"username\": \"a\", \"password\": \"pw-123456\", \"roles\": [{\"databaseName\": \"app\", \"roleName\": \"readAnyDatabase\"}]}",
            "ATLAS_INVALID_ROLE_DATABASE",
            "readAnyDatabase"),
        // API reference: "If a database user is assigned a custom role, they cannot be assigned any
        // other roles."
        Arguments.of(
            "custom role with another role",
            "{\"databaseName\": \"admin\", \"username\": \"a\", \"password\": \"pw-123456\", \"roles\": [{\"databaseName\": \"admin\", \"roleName\": \"ordersAuditor\"}, {\"databaseName\": \"app\", \"roleName\": \"read\"}]}",
            "ATLAS_INVALID_CUSTOM_ROLE_ASSIGNMENT",
            null),
        Arguments.of(
            "same role twice",
            "{\"databaseName\": \"admin\", \"username\": \"a\", \"password\": \"pw-123456\", \"roles\": [{\"databaseName\": \"app\", \"roleName\": \"read\"}, {\"databaseName\": \"app\", \"roleName\": \"read\"}]}",
            "DUPLICATE_DATABASE_ROLES",
            "a"),
        // API reference: temporary users expire "within a user-configurable 7-day period".
        Arguments.of(
            "expiry in the past",
            "{\"databaseName\": \"admin\", \"username\": \"a\", \"password\": \"pw-123456\", \"deleteAfterDate\": \"2026-11-22T00:00:00Z\", "
                + roles
                + "}",
            "EXPIRATION_DATE_IN_PAST",
            null),
        Arguments.of(
            "expiry more than a week ahead",
            "{\"databaseName\": \"admin\", \"username\": \"a\", \"password\": \"pw-123456\", \"deleteAfterDate\": \"2026-12-01T12:00:01Z\", "
                + roles
                + "}",
            "EXPIRATION_DATE_EXCEEDS_MAX",
            "7"),
        Arguments.of(
            "expiry not a date",
            "{\"databaseName\": \"admin\", \"username\": \"a\", \"password\": \"pw-123456\", \"deleteAfterDate\": \"next week\", "
                + roles
                + "}",
            "INVALID_DATE_FORMAT",
            "next week"),
        Arguments.of(
            "temporary X.509 user",
            "{\"databaseName\": \"$external\", \"username\": \"CN=a\", \"x509Type\": \"MANAGED\", \"deleteAfterDate\": \""
                + inAWeek
                + "\", "
                + roles
                + "}",
            "ATLAS_X509_USER_CANNOT_BE_TEMPORARY",
            null),
        Arguments.of(
            "groupId of another project",
            "{\"groupId\": \"000000000000000000000001\", \"databaseName\": \"admin\", \"username\": \"a\", \"password\": \"pw-123456\", "
                + roles
                + "}",
            "GROUP_MISMATCH",
            "000000000000000000000001"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCreates")
  void invalidCreateIsRejectedWithTheDocumentedCode(
      String rule, String body, String errorCode, String parameter) throws Exception {
    RawAtlasHttp.Answer answer = http.call("POST", USERS, body);

    assertThat(answer.status()).isEqualTo(400);
    JsonNode error = answer.json();
    assertThat(error.get("errorCode").asText()).isEqualTo(errorCode);
    assertThat(documentedCodes()).contains(errorCode);
    assertThat(fieldNames(error))
        .containsExactly("detail", "error", "errorCode", "parameters", "reason");
    assertThat(error.get("error").asInt()).isEqualTo(400);
    assertThat(error.get("reason").asText()).isEqualTo("Bad Request");
    if (parameter != null) {
      assertThat(error.get("parameters").get(0).asText()).isEqualTo(parameter);
    }
    assertThat(atlas.storedUsers(PROJECT)).isEmpty();
  }

  @Test
  void validUsersOfEveryAuthTypeAreAccepted() throws Exception {
    List<String> bodies =
        List.of(
            scram("scram"),
            "{\"databaseName\": \"$external\", \"username\": \"CN=ldap\", \"ldapAuthType\": \"USER\", \"roles\": [{\"databaseName\": \"app\", \"roleName\": \"read\"}]}",
            "{\"databaseName\": \"admin\", \"username\": \"CN=group\", \"ldapAuthType\": \"GROUP\", \"roles\": [{\"databaseName\": \"app\", \"roleName\": \"read\"}]}",
            "{\"databaseName\": \"$external\", \"username\": \"CN=x509\", \"x509Type\": \"CUSTOMER\", \"roles\": [{\"databaseName\": \"app\", \"roleName\": \"read\"}]}",
            "{\"databaseName\": \"$external\", \"username\": \"arn:aws:iam::123456789012:role/app\", \"awsIAMType\": \"ROLE\", \"roles\": [{\"databaseName\": \"app\", \"roleName\": \"read\"}]}",
            "{\"databaseName\": \"admin\", \"username\": \"idp/group\", \"oidcAuthType\": \"IDP_GROUP\", \"roles\": [{\"databaseName\": \"app\", \"roleName\": \"read\"}]}",
            "{\"databaseName\": \"$external\", \"username\": \"idp/user\", \"oidcAuthType\": \"USER\", \"roles\": [{\"databaseName\": \"app\", \"roleName\": \"read\"}]}",
            "{\"databaseName\": \"admin\", \"username\": \"auditor\", \"password\": \"pw-123456\", \"roles\": [{\"databaseName\": \"admin\", \"roleName\": \"ordersAuditor\"}]}");

    for (String body : bodies) {
      assertThat(http.call("POST", USERS, body).status()).as(body).isEqualTo(201);
    }
    assertThat(atlas.storedUsers(PROJECT)).hasSize(bodies.size());
  }

  @Test
  void duplicateCreateIsAConflict() throws Exception {
    http.call("POST", USERS, scram("orders-app"));

    RawAtlasHttp.Answer answer = http.call("POST", USERS, scram("orders-app"));

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.json().get("errorCode").asText()).isEqualTo("USER_ALREADY_EXISTS");
    assertThat(answer.json().get("detail").asText())
        .isEqualTo("A user with username orders-app already exists.");
  }

  @Test
  void missingUserIsNotFoundForGetPatchAndDelete() throws Exception {
    for (String method : List.of("GET", "PATCH", "DELETE")) {
      RawAtlasHttp.Answer answer =
          http.call(method, USERS + "/admin/nobody", method.equals("PATCH") ? "{}" : null);

      assertThat(answer.status()).as(method).isEqualTo(404);
      assertThat(answer.json().get("errorCode").asText()).isEqualTo("USERNAME_NOT_FOUND");
      assertThat(answer.json().get("detail").asText())
          .isEqualTo("No user with username nobody exists.");
    }
  }

  @Test
  void patchChangesOnlyTheFieldsSent() throws Exception {
    http.call(
        "POST",
        USERS,
        "{\"databaseName\": \"admin\", \"username\": \"app\", \"password\": \"pw-123456\", \"description\": \"orders\","
            + " \"labels\": [{\"key\": \"team\", \"value\": \"a\"}], \"scopes\": [{\"name\": \"c0\", \"type\": \"CLUSTER\"}],"
            + " \"roles\": [{\"databaseName\": \"app\", \"roleName\": \"read\"}]}");

    RawAtlasHttp.Answer patched =
        http.call(
            "PATCH",
            USERS + "/admin/app",
            "{\"roles\": [{\"databaseName\": \"app\", \"roleName\": \"readWrite\"}]}");

    assertThat(patched.status()).isEqualTo(200);
    JsonNode user = atlas.storedUser(PROJECT, "admin", "app").orElseThrow();
    assertThat(user.get("roles").get(0).get("roleName").asText()).isEqualTo("readWrite");
    assertThat(user.get("description").asText()).isEqualTo("orders");
    assertThat(user.get("labels").get(0).get("value").asText()).isEqualTo("a");
    assertThat(user.get("scopes").get(0).get("name").asText()).isEqualTo("c0");
  }

  @Test
  void emptyDescriptionAndEmptyListsClearWhatTheyName() throws Exception {
    http.call(
        "POST",
        USERS,
        "{\"databaseName\": \"admin\", \"username\": \"app\", \"password\": \"pw-123456\", \"description\": \"orders\","
            + " \"labels\": [{\"key\": \"team\", \"value\": \"a\"}], \"scopes\": [{\"name\": \"c0\", \"type\": \"CLUSTER\"}],"
            + " \"roles\": [{\"databaseName\": \"app\", \"roleName\": \"read\"}]}");

    RawAtlasHttp.Answer cleared =
        http.call(
            "PATCH",
            USERS + "/admin/app",
            "{\"description\": \"\", \"labels\": [], \"scopes\": []}");

    assertThat(cleared.status()).isEqualTo(200);
    assertThat(cleared.json().has("description")).isFalse();
    assertThat(cleared.json().get("labels")).isEmpty();
    assertThat(cleared.json().get("scopes")).isEmpty();
    assertThat(http.get(USERS + "/admin/app").json().has("description")).isFalse();
  }

  @Test
  void nullFieldsAsMongoDbsGoClientSendsThemMeanAbsent() throws Exception {
    // go.mongodb.org/atlas's DatabaseUser has `json:"scopes"` without omitempty: an unset list
    // goes out as null.
    RawAtlasHttp.Answer created =
        http.call(
            "POST",
            USERS,
            "{\"databaseName\": \"admin\", \"username\": \"go\", \"password\": \"pw-123456\", \"scopes\": null,"
                + " \"labels\": null, \"description\": null, \"deleteAfterDate\": null,"
                + " \"roles\": [{\"databaseName\": \"app\", \"roleName\": \"read\", \"collectionName\": null}]}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("roles").get(0).has("collectionName")).isFalse();

    RawAtlasHttp.Answer patched =
        http.call("PATCH", USERS + "/admin/go", "{\"scopes\": null, \"roles\": null}");

    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().get("roles")).hasSize(1);
  }

  @Test
  void ignoreOnWriteAcceptsAFieldButDoesNotApplyIt() throws Exception {
    http.call("POST", USERS, scram("app"));
    atlas.ignoreOnWrite(PROJECT, "description");

    RawAtlasHttp.Answer patched =
        http.call("PATCH", USERS + "/admin/app", "{\"description\": \"new text\"}");

    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().has("description")).isFalse();
    assertThat(atlas.lastWrite(PROJECT, "admin", "app").orElseThrow().get("description").asText())
        .isEqualTo("new text");
  }

  static Stream<Arguments> forbiddenPatches() {
    return Stream.of(
        Arguments.of("{\"username\": \"renamed\"}", 409, "DATABASE_USERNAME_CANNOT_BE_CHANGED"),
        Arguments.of("{\"databaseName\": \"$external\"}", 409, "DATABASE_NAME_CANNOT_BE_CHANGED"),
        Arguments.of("{\"ldapAuthType\": \"USER\"}", 409, "AUTH_TYPE_CANNOT_BE_CHANGED"),
        Arguments.of(
            "{\"deleteAfterDate\": \"2026-11-25T00:00:00Z\"}",
            400,
            "PERMANENT_ENTITY_CANNOT_BE_MADE_TEMPORARY"),
        Arguments.of(
            "{\"roles\": [{\"databaseName\": \"app\", \"roleName\": \"nope\"}]}",
            400,
            "ATLAS_INVALID_ROLE"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("forbiddenPatches")
  void forbiddenPatchIsRejectedAndChangesNothing(String body, int status, String errorCode)
      throws Exception {
    http.call("POST", USERS, scram("app"));
    JsonNode before = atlas.storedUser(PROJECT, "admin", "app").orElseThrow();

    RawAtlasHttp.Answer answer = http.call("PATCH", USERS + "/admin/app", body);

    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.json().get("errorCode").asText()).isEqualTo(errorCode);
    assertThat(atlas.storedUser(PROJECT, "admin", "app")).contains(before);
  }

  @Test
  void deleteAnswers204AndTheUserIsGone() throws Exception {
    http.call("POST", USERS, scram("app"));

    RawAtlasHttp.Answer answer = http.call("DELETE", USERS + "/admin/app", null);

    assertThat(answer.status()).isEqualTo(204);
    assertThat(answer.body()).isEmpty();
    assertThat(http.get(USERS + "/admin/app").status()).isEqualTo(404);
  }

  @Test
  void temporaryUserDisappearsOnItsDate() throws Exception {
    String body =
        "{\"databaseName\": \"admin\", \"username\": \"tmp\", \"password\": \"pw-123456\", \"deleteAfterDate\": \"2026-11-23T13:00:00+00:00\", \"roles\": [{\"databaseName\": \"app\", \"roleName\": \"read\"}]}";
    assertThat(http.call("POST", USERS, body).json().get("deleteAfterDate").asText())
        .isEqualTo("2026-11-23T13:00:00Z");

    atlas.clock().advance(Duration.ofMinutes(59));
    assertThat(http.get(USERS + "/admin/tmp").status()).isEqualTo(200);

    atlas.clock().advance(Duration.ofMinutes(2));
    assertThat(http.get(USERS + "/admin/tmp").status()).isEqualTo(404);
    assertThat(http.get(USERS).json().get("totalCount").asInt()).isZero();
  }

  @Test
  void listPagesWithTotalCountAndLinks() throws Exception {
    for (int i = 1; i <= 5; i++) {
      http.call("POST", USERS, scram("user-" + i));
    }

    JsonNode page2 = http.get(USERS + "?pageNum=2&itemsPerPage=2").json();

    assertThat(page2.get("totalCount").asInt()).isEqualTo(5);
    assertThat(page2.get("results"))
        .extracting(u -> u.get("username").asText())
        .containsExactly("user-3", "user-4");
    assertThat(page2.get("links"))
        .extracting(l -> l.get("rel").asText())
        .containsExactly("self", "previous", "next");
    JsonNode page3 = http.get(USERS + "?pageNum=3&itemsPerPage=2&includeCount=false").json();
    assertThat(page3.has("totalCount")).isFalse();
    assertThat(page3.get("links"))
        .extracting(l -> l.get("rel").asText())
        .containsExactly("self", "previous");
    assertThat(http.get(USERS).json().get("results")).hasSize(5);
  }

  @Test
  void itemsPerPageAbove500IsRejected() throws Exception {
    RawAtlasHttp.Answer answer = http.get(USERS + "?itemsPerPage=501");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("errorCode").asText()).isEqualTo("INVALID_QUERY_PARAMETER");
  }

  @Test
  void envelopeCarriesTheStatusInTheBody() throws Exception {
    http.call("POST", USERS, scram("app"));

    JsonNode one = http.get(USERS + "/admin/app?envelope=true").json();
    RawAtlasHttp.Answer missing = http.get(USERS + "/admin/nobody?envelope=true");
    JsonNode list = http.get(USERS + "?envelope=true").json();

    assertThat(one.get("status").asInt()).isEqualTo(200);
    assertThat(one.get("content").get("username").asText()).isEqualTo("app");
    assertThat(missing.status()).isEqualTo(200);
    assertThat(missing.json().get("status").asInt()).isEqualTo(404);
    assertThat(missing.json().get("content").get("errorCode").asText())
        .isEqualTo("USERNAME_NOT_FOUND");
    assertThat(list.get("status").asInt()).isEqualTo(200);
    assertThat(list.get("results")).hasSize(1);
  }

  @Test
  void prettyPrintsTheBody() throws Exception {
    http.call("POST", USERS, scram("app"));

    assertThat(http.get(USERS + "/admin/app?pretty=true").body())
        .contains("\n  \"databaseName\" : \"admin\"");
    assertThat(http.get(USERS + "/admin/app").body()).doesNotContain("\n");
  }

  @Test
  void digestWorksWithSha256AsWellAsMd5() throws Exception {
    RawAtlasHttp sha256 =
        new RawAtlasHttp(atlas.baseUrl(), "pubkeyaa", "placeholder-private-a", "SHA-256");

    assertThat(sha256.get(USERS).status()).isEqualTo(200);
    assertThat(http.get(USERS).status()).isEqualTo(200);
  }

  @Test
  void unauthenticatedRequestGetsBothChallenges() throws Exception {
    RawAtlasHttp.Answer answer = http.anonymous("GET", USERS, null);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.headers().get("www-authenticate"))
        .hasSize(2)
        .allSatisfy(
            h ->
                assertThat(h)
                    .startsWith("Digest realm=\"MMS Public API\"")
                    .contains("qop=\"auth\"", "stale=false"))
        .anySatisfy(h -> assertThat(h).contains("algorithm=MD5"))
        .anySatisfy(h -> assertThat(h).contains("algorithm=SHA-256"));
  }

  @Test
  void wrongPrivateKeyIsChallengedAgain() throws Exception {
    RawAtlasHttp wrong = new RawAtlasHttp(atlas.baseUrl(), "pubkeyaa", "wrong", "MD5");

    RawAtlasHttp.Answer answer = wrong.get(USERS);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.header("WWW-Authenticate")).startsWith("Digest");
    assertThat(answer.json().get("errorCode").asText()).isEqualTo("USER_UNAUTHORIZED");
  }

  @Test
  void expiredNonceIsAnsweredStale() throws Exception {
    RawAtlasHttp.Answer first = http.anonymous("GET", USERS, null);
    String challenge = first.headers().get("www-authenticate").get(0);
    atlas.clock().advance(Duration.ofMinutes(6));

    RawAtlasHttp.Answer answer = http.anonymous("GET", USERS, null);
    String authorization = http.authorization(challenge, "GET", USERS, 1);
    RawAtlasHttp.Answer stale = sendWith(authorization);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(stale.status()).isEqualTo(401);
    assertThat(stale.header("WWW-Authenticate")).contains("stale=true");
  }

  private RawAtlasHttp.Answer sendWith(String authorization) throws Exception {
    java.net.http.HttpResponse<String> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(atlas.baseUrl() + USERS.substring(1)))
                    .header("Authorization", authorization)
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    return new RawAtlasHttp.Answer(
        response.statusCode(), response.headers().map(), response.body());
  }

  @Test
  void keyWithoutAccessToTheProjectIsNotInGroup() throws Exception {
    RawAtlasHttp other =
        new RawAtlasHttp(atlas.baseUrl(), "pubkeybb", "placeholder-private-b", "MD5");

    RawAtlasHttp.Answer answer = other.get(USERS);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.header("WWW-Authenticate")).isNull();
    assertThat(answer.json().get("errorCode").asText()).isEqualTo("NOT_IN_GROUP");
    assertThat(
            http.get("/api/atlas/v1.0/groups/000000000000000000000009/databaseUsers")
                .json()
                .get("errorCode")
                .asText())
        .isEqualTo("NOT_IN_GROUP");
  }

  @Test
  void unknownPathIsResourceNotFound() throws Exception {
    RawAtlasHttp.Answer answer = http.get("/api/atlas/v1.0/groups/" + PROJECT + "/clusters");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.json().get("errorCode").asText()).isEqualTo("RESOURCE_NOT_FOUND");
  }

  @Test
  void journalRecordsEveryRequestWithItsKeyAndStatus() throws Exception {
    http.call("POST", USERS, scram("app"));
    http.get(USERS + "/admin/app");

    assertThat(atlas.journal())
        .extracting(JournalEntry::method, JournalEntry::status, JournalEntry::publicKey)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("POST", 401, null),
            org.assertj.core.groups.Tuple.tuple("POST", 201, "pubkeyaa"),
            org.assertj.core.groups.Tuple.tuple("GET", 401, null),
            org.assertj.core.groups.Tuple.tuple("GET", 200, "pubkeyaa"));
    assertThat(atlas.countRequests(e -> e.authenticated() && e.isWrite())).isEqualTo(1);
  }

  @Test
  void statusFaultAnswersWithRetryAfterForItsScopeOnly() throws Exception {
    atlas.inject(Fault.status(429).retryAfter(Duration.ofSeconds(30)).onMethod("POST").times(2));

    RawAtlasHttp.Answer limited = http.call("POST", USERS, scram("app"));
    RawAtlasHttp.Answer read = http.get(USERS);

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).isEqualTo("30");
    assertThat(limited.json().get("errorCode").asText()).isEqualTo("RATE_LIMITED");
    assertThat(read.status()).isEqualTo(200);
    assertThat(http.call("POST", USERS, scram("app")).status()).isEqualTo(429);
    assertThat(http.call("POST", USERS, scram("app")).status()).isEqualTo(201);
  }

  @Test
  void serverErrorFaultForOneProjectOnly() throws Exception {
    atlas.inject(Fault.status(500).forProject("000000000000000000000009"));
    atlas.inject(Fault.status(503).onPath("/admin/app"));

    assertThat(http.get(USERS).status()).isEqualTo(200);
    RawAtlasHttp.Answer unavailable = http.get(USERS + "/admin/app");
    assertThat(unavailable.status()).isEqualTo(503);
    assertThat(unavailable.json().get("reason").asText()).isEqualTo("Service Unavailable");
  }

  @Test
  void droppedConnectionGivesNoAnswer() throws Exception {
    // Dropped until cleared: HTTP clients retry an idempotent GET once on a dropped connection.
    atlas.inject(Fault.dropConnection());

    assertThatThrownBy(() -> http.get(USERS)).isInstanceOf(IOException.class);
    atlas.clearFaults();
    assertThat(http.get(USERS).status()).isEqualTo(200);
    assertThat(atlas.journal()).extracting(JournalEntry::status).contains(0);
  }

  @Test
  void latencyFaultDelaysTheAnswer() throws Exception {
    atlas.inject(Fault.latency(Duration.ofMillis(400)).times(1));

    long start = System.nanoTime();
    RawAtlasHttp.Answer answer = http.get(USERS);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void behindTheBackChangesAreVisibleAndNotJournaled() throws Exception {
    http.call("POST", USERS, scram("app"));
    atlas.clearJournal();
    ObjectNode change = JSON.createObjectNode();
    change.putArray("roles").addObject().put("databaseName", "app").put("roleName", "dbAdmin");

    atlas.changeBehindTheBack(PROJECT, "admin", "app", change);

    assertThat(atlas.journal()).isEmpty();
    assertThat(http.get(USERS + "/admin/app").json().get("roles").get(0).get("roleName").asText())
        .isEqualTo("dbAdmin");
    assertThat(atlas.deleteBehindTheBack(PROJECT, "admin", "app")).isTrue();
    assertThat(http.get(USERS + "/admin/app").status()).isEqualTo(404);
  }

  static Set<String> documentedCodes() throws IOException {
    Set<String> codes = new HashSet<>();
    for (String line :
        Files.readAllLines(Path.of("src/test/resources/atlas/api-error-codes.tsv"))
            .subList(1, 30)) {
      codes.add(line.split("\t")[0]);
    }
    return codes;
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
