package io.atlasoperator.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Holds the emulator to Atlas's v1.0 OpenAPI specification, row by row: every constraint of the
 * database-user schemas in {@code src/test/resources/atlas/openapi-v1-database-users.tsv} (copied
 * from the specification, with its source) becomes requests that break it, which must be refused,
 * and requests at its edge, which must be accepted. The few places where the emulator follows other
 * published sources instead are listed in {@link #DEVIATIONS} with the reason.
 */
class OpenApiContractTest {

  static final Path TABLE = Path.of("src/test/resources/atlas/openapi-v1-database-users.tsv");
  static final String PROJECT = "5356823b3794dee37132bb7b";
  static final String USERS = "/api/atlas/v1.0/groups/" + PROJECT + "/databaseUsers";
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  /** Request schemas and where their one example item sits in a valid user. */
  static final Map<String, String> SCHEMAS =
      Map.of(
          "CloudDatabaseUser", "",
          "DatabaseUserRole", "roles",
          "UserScope", "scopes",
          "ComponentLabel", "labels");

  /**
   * Checks the emulator does not make, with the published reason (also in the emulator's README).
   */
  static final Map<String, String> DEVIATIONS =
      Map.of(
          "CloudDatabaseUser.groupId required",
          "the URL names the project; Atlas's clients (MongoDB's v1.0 Go client) leave groupId out"
              + " when unset, and a groupId that differs from the URL is refused (GROUP_MISMATCH)",
          "CloudDatabaseUser.groupId writeOnly",
          "the API reference's example answer (Get a Single Database User) carries groupId",
          "CloudDatabaseUser.databaseName default",
          "databaseName is also in the schema's required list; a create without it is refused",
          "DatabaseUserRole.roleName enum",
          "the enum ends with the placeholder '<a custom role name>': any custom role of the"
              + " project is accepted, an unknown name is ATLAS_INVALID_ROLE");

  static AtlasEmulator atlas;
  static RawAtlasHttp http;

  record Row(Map<String, String> cells) {
    String get(String column) {
      return cells.getOrDefault(column, "");
    }

    String name() {
      return get("schema") + "." + get("field");
    }
  }

  @BeforeAll
  static void start() {
    atlas =
        AtlasEmulator.builder()
            .apiKey("contract-public", "contract-private")
            .project(PROJECT)
            .customRole(PROJECT, "ordersAuditor")
            .start();
    http = new RawAtlasHttp(atlas.baseUrl(), "contract-public", "contract-private", "MD5");
  }

  @AfterAll
  static void stop() {
    atlas.stop();
  }

  static List<Row> rows() throws IOException {
    List<String> lines =
        Files.readAllLines(TABLE).stream().filter(l -> !l.startsWith("#")).toList();
    String[] header = lines.get(0).split("\t", -1);
    List<Row> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split("\t", -1);
      Map<String, String> row = new java.util.LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], i < cells.length ? cells[i] : "");
      }
      rows.add(new Row(row));
    }
    return rows;
  }

  /** A user every rule accepts: the base every check changes one field of. */
  static ObjectNode validUser(String username) {
    ObjectNode user = JSON.createObjectNode();
    user.put("databaseName", "admin");
    user.put("username", username);
    user.put("password", "pw-123456");
    user.putArray("roles").addObject().put("databaseName", "app").put("roleName", "read");
    user.putArray("scopes").addObject().put("name", "c0").put("type", "CLUSTER");
    user.putArray("labels").addObject().put("key", "k").put("value", "v");
    return user;
  }

  /**
   * A valid user whose field {@code name} is {@code value}: an authentication type brings the
   * database and password rules it needs (external users on $external without a password, LDAP and
   * OIDC groups on admin without one).
   */
  static ObjectNode validUserWith(Row row, String name, String value) {
    ObjectNode user = validUser("u");
    holder(user, row).put(name, value);
    boolean authField = UserSchema.AUTH_FIELD_ORDER.contains(name);
    if (authField && !value.equals("NONE")) {
      user.remove("password");
      boolean group = value.equals("GROUP") || value.equals("IDP_GROUP");
      user.put("databaseName", group ? "admin" : "$external");
    }
    if (name.equals("databaseName") && value.equals("$external")) {
      user.remove("password");
      user.put("x509Type", "CUSTOMER");
    }
    return user;
  }

  /** The object that holds the row's field: the user, or the first item of its list. */
  static ObjectNode holder(ObjectNode user, Row row) {
    String list = SCHEMAS.get(row.get("schema"));
    return list.isEmpty() ? user : (ObjectNode) user.get(list).get(0);
  }

  static RawAtlasHttp.Answer create(ObjectNode user) throws Exception {
    atlas.reset();
    atlas.clock().set(NOW);
    return http.call("POST", USERS, user.toString());
  }

  static void assertRefused(RawAtlasHttp.Answer answer, String... codes) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.json().get("errorCode").asText()).isIn((Object[]) codes);
  }

  @TestFactory
  Stream<DynamicTest> everyRequestSchemaRowIsEnforced() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Row row : rows()) {
      if (!SCHEMAS.containsKey(row.get("schema"))) {
        continue;
      }
      tests.addAll(checks(row));
    }
    return tests.stream();
  }

  private List<DynamicTest> checks(Row row) {
    List<DynamicTest> tests = new ArrayList<>();
    String field = row.get("field");
    boolean item = field.endsWith("[]");
    String name = item ? field.substring(0, field.length() - 2) : field;
    String attribute =
        SCHEMAS.get(row.get("schema")).isEmpty()
            ? name
            : SCHEMAS.get(row.get("schema")) + "." + name;
    String type = row.get("type");
    if (name.equals("links")) {
      // readOnly: a request's links are ignored, so neither type nor items apply.
      if (row.get("readOnly").equals("true")) {
        tests.add(readOnlyCheck(row, name));
      }
      return tests;
    }
    if (item) {
      tests.add(
          dynamicTest(
              row.name() + " items must be objects",
              () -> {
                ObjectNode user = validUser("u");
                ((ArrayNode) user.get(name)).insert(0, "not-an-object");
                assertRefused(create(user), "INVALID_JSON_ATTRIBUTE");
              }));
      return tests;
    }
    if (type.equals("array")) {
      tests.add(
          dynamicTest(
              row.name() + " must be an array",
              () -> {
                ObjectNode user = validUser("u");
                user.putObject(name);
                assertRefused(create(user), "INVALID_JSON_ATTRIBUTE");
              }));
    }
    if (type.equals("string")) {
      tests.add(
          dynamicTest(
              row.name() + " must be a string",
              () -> {
                ObjectNode user = validUser("u");
                holder(user, row).put(name, 42);
                assertRefused(create(user), "INVALID_JSON_ATTRIBUTE");
              }));
    }
    if (!row.get("enum").isEmpty()) {
      tests.add(enumCheck(row, name, attribute));
    }
    if (!row.get("maxLength").isEmpty()) {
      int max = Integer.parseInt(row.get("maxLength"));
      tests.add(
          dynamicTest(
              row.name() + " maxLength " + max,
              () -> {
                ObjectNode atMax = validUser("u");
                holder(atMax, row).put(name, "x".repeat(max));
                assertThat(create(atMax).status()).isEqualTo(201);
                ObjectNode over = validUser("u");
                holder(over, row).put(name, "x".repeat(max + 1));
                RawAtlasHttp.Answer refused = create(over);
                assertRefused(refused, "INVALID_ATTRIBUTE");
                assertThat(refused.json().get("parameters").get(0).asText()).isEqualTo(attribute);
              }));
    }
    if (!row.get("minLength").isEmpty()) {
      int min = Integer.parseInt(row.get("minLength"));
      tests.add(
          dynamicTest(
              row.name() + " minLength " + min,
              () -> {
                ObjectNode atMin = validUser("u");
                holder(atMin, row).put(name, "y".repeat(min));
                assertThat(create(atMin).status()).isEqualTo(201);
                ObjectNode under = validUser("u");
                holder(under, row).put(name, "y".repeat(min - 1));
                assertRefused(create(under), "INVALID_ATTRIBUTE", "MISSING_ATTRIBUTE");
              }));
    }
    if (!row.get("pattern").isEmpty()) {
      tests.add(
          dynamicTest(
              row.name() + " pattern " + row.get("pattern"),
              () -> {
                ObjectNode matching = validUser("u");
                holder(matching, row).put(name, "Cluster-0");
                assertThat(create(matching).status()).isEqualTo(201);
                for (String bad : List.of("-cluster", "cluster_0", "cluster 0")) {
                  ObjectNode breaking = validUser("u");
                  holder(breaking, row).put(name, bad);
                  assertRefused(create(breaking), "INVALID_ATTRIBUTE");
                }
              }));
    }
    if (row.get("required").equals("true")) {
      tests.add(requiredCheck(row, name, attribute));
    }
    if (!row.get("default").isEmpty()) {
      tests.add(
          dynamicTest(
              row.name() + " default " + row.get("default"),
              () -> {
                if (deviation(row, "default")) {
                  return;
                }
                ObjectNode user = validUser("u");
                holder(user, row).remove(name);
                RawAtlasHttp.Answer created = create(user);
                assertThat(created.status()).isEqualTo(201);
                assertThat(created.json().get(name).asText()).isEqualTo(row.get("default"));
              }));
    }
    if (row.get("writeOnly").equals("true")) {
      tests.add(
          dynamicTest(
              row.name() + " writeOnly: never in an answer",
              () -> {
                if (deviation(row, "writeOnly")) {
                  return;
                }
                RawAtlasHttp.Answer created = create(validUser("u"));
                assertThat(created.json().has(name)).isFalse();
                assertThat(http.get(USERS + "/admin/u").json().has(name)).isFalse();
                assertThat(http.get(USERS).body()).doesNotContain("\"" + name + "\"");
              }));
    }
    if (row.get("format").equals("date-time")) {
      tests.add(
          dynamicTest(
              row.name() + " format date-time",
              () -> {
                ObjectNode user = validUser("u");
                user.put(name, "tomorrow");
                assertRefused(create(user), "INVALID_DATE_FORMAT");
                ObjectNode offset = validUser("u");
                offset.put(name, "2026-11-24T14:00:00+02:00");
                RawAtlasHttp.Answer created = create(offset);
                assertThat(created.status()).isEqualTo(201);
                assertThat(created.json().get(name).asText()).isEqualTo("2026-11-24T12:00:00Z");
              }));
    }
    return tests;
  }

  private DynamicTest readOnlyCheck(Row row, String name) {
    return dynamicTest(
        row.name() + " readOnly: ignored in a request, set in the answer",
        () -> {
          ObjectNode user = validUser("u");
          user.putArray(name)
              .addObject()
              .put("href", "https://example.invalid/")
              .put("rel", "self");
          RawAtlasHttp.Answer created = create(user);
          assertThat(created.status()).isEqualTo(201);
          assertThat(created.json().get(name).get(0).get("href").asText())
              .startsWith(atlas.baseUrl());
        });
  }

  private DynamicTest enumCheck(Row row, String name, String attribute) {
    return dynamicTest(
        row.name() + " enum " + row.get("enum"),
        () -> {
          ObjectNode bad = validUser("u");
          holder(bad, row).put(name, "NOT_IN_THE_ENUM");
          if (deviation(row, "enum")) {
            assertRefused(create(bad), "ATLAS_INVALID_ROLE");
            return;
          }
          assertRefused(create(bad), "INVALID_ENUM_VALUE");
          for (String value : row.get("enum").split("\\|")) {
            ObjectNode good = validUserWith(row, name, value);
            RawAtlasHttp.Answer created = create(good);
            assertThat(created.status())
                .as("%s=%s: %s", name, value, created.body())
                .isEqualTo(201);
            assertThat(holder((ObjectNode) created.json(), row).get(name).asText())
                .isEqualTo(value);
          }
        });
  }

  private DynamicTest requiredCheck(Row row, String name, String attribute) {
    return dynamicTest(
        row.name() + " required",
        () -> {
          if (deviation(row, "required")) {
            ObjectNode user = validUser("u");
            user.remove(name);
            assertThat(create(user).status()).isEqualTo(201);
            return;
          }
          ObjectNode user = validUser("u");
          holder(user, row).remove(name);
          RawAtlasHttp.Answer refused = create(user);
          assertRefused(refused, "MISSING_ATTRIBUTE");
          assertThat(refused.json().get("parameters").get(0).asText()).isEqualTo(attribute);
        });
  }

  private static boolean deviation(Row row, String check) {
    return DEVIATIONS.containsKey(row.name() + " " + check);
  }

  @Test
  void everyDeviationNamesARowOfTheTableAndIsInTheEmulatorReadme() throws IOException {
    List<String> names = rows().stream().map(Row::name).toList();
    String readme = Files.readString(Path.of("src/main/java/io/atlasoperator/emulator/README.md"));
    for (String deviation : DEVIATIONS.keySet()) {
      String row = deviation.substring(0, deviation.lastIndexOf(' '));
      assertThat(names).contains(row);
      assertThat(readme).contains("`" + row + "`");
    }
  }

  @Test
  void operationsAnswerWithTheDocumentedStatusesAndShapes() throws Exception {
    RawAtlasHttp.Answer created = create(validUser("shape"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(http.get(USERS + "/admin/shape").status()).isEqualTo(200);
    assertThat(http.call("PATCH", USERS + "/admin/shape", "{\"description\": \"d\"}").status())
        .isEqualTo(200);

    JsonNode page = http.get(USERS).json();
    assertThat(fieldNames(page)).contains("links", "results", "totalCount");
    assertThat(page.get("totalCount").asInt()).isEqualTo(1);
    assertThat(http.get(USERS + "?includeCount=false").json().has("totalCount")).isFalse();
    for (String query : List.of("itemsPerPage=0", "itemsPerPage=501", "pageNum=0")) {
      assertRefused(http.get(USERS + "?" + query), "INVALID_QUERY_PARAMETER");
    }

    RawAtlasHttp.Answer missing = http.get(USERS + "/admin/nobody");
    assertThat(missing.status()).isEqualTo(404);
    // ApiError: error and errorCode required; detail, parameters and reason documented.
    assertThat(fieldNames(missing.json()))
        .containsExactly("detail", "error", "errorCode", "parameters", "reason");
    assertThat(missing.json().get("error").isInt()).isTrue();
    assertThat(http.call("DELETE", USERS + "/admin/shape", null).status()).isEqualTo(204);
  }

  @Test
  void listDefaultsToPagesOf100() throws Exception {
    // A second page needs 101 users: more than Atlas's default limit of 100 a project, which a
    // project can have raised (atlas.project.security.databaseAccess.users).
    try (AtlasEmulator raised =
        AtlasEmulator.builder()
            .apiKey("contract-public", "contract-private")
            .project(PROJECT)
            .usersPerProject(101)
            .start()) {
      RawAtlasHttp raisedHttp =
          new RawAtlasHttp(raised.baseUrl(), "contract-public", "contract-private", "MD5");
      for (int i = 0; i < 101; i++) {
        raised.createBehindTheBack(PROJECT, validUser("user-" + i));
      }

      JsonNode first = raisedHttp.get(USERS).json();

      assertThat(first.get("results")).hasSize(100);
      assertThat(first.get("totalCount").asInt()).isEqualTo(101);
      assertThat(raisedHttp.get(USERS + "?pageNum=2").json().get("results")).hasSize(1);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void theTableCoversEveryPropertyTheEmulatorAccepts() throws IOException {
    List<String> fields =
        rows().stream()
            .filter(r -> r.get("schema").equals("CloudDatabaseUser"))
            .map(r -> r.get("field"))
            .filter(f -> !f.endsWith("[]"))
            .sorted()
            .toList();
    assertThat(fields).containsExactlyElementsOf(UserSchema.USER_FIELDS.stream().sorted().toList());
  }
}
