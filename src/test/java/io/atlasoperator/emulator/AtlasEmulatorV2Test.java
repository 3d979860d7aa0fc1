package io.atlasoperator.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The versioned v2 API beside v1.0: databaseUsers on one state, projects, clusters, flex. */
class AtlasEmulatorV2Test {

  static final String PROJECT = "5356823b3794dee37132bb7b";
  static final String OTHER = "5356823b3794dee37132bb7c";
  static final String V1_USERS = "/api/atlas/v1.0/groups/" + PROJECT + "/databaseUsers";
  static final String V2 = "/api/atlas/v2/groups/";
  static final String V2_USERS = V2 + PROJECT + "/databaseUsers";
  static final String TYPE_2023 = "application/vnd.atlas.2023-01-01+json";
  static final Map<String, String> ACCEPT_2023 = Map.of("Accept", TYPE_2023);
  static final Map<String, String> WRITE_2023 =
      Map.of("Accept", TYPE_2023, "Content-Type", TYPE_2023);

  AtlasEmulator atlas;
  RawAtlasHttp http;

  @BeforeEach
  void start() {
    atlas =
        AtlasEmulator.builder()
            .apiKey("pub", "priv-key")
            .apiKey("outsider", "outsider-key")
            .project(PROJECT, "pub")
            .projectName(PROJECT, "payments-prod")
            .project(OTHER, "outsider")
            .cluster(PROJECT, "Cluster0")
            .flexCluster(PROJECT, "Flex0")
            .start();
    http = new RawAtlasHttp(atlas.baseUrl(), "pub", "priv-key", "MD5");
  }

  @AfterEach
  void stop() {
    atlas.close();
  }

  static String user(String name) {
    return """
        {"databaseName": "admin", "username": "%s", "password": "s3cret-pass",
         "description": "payments app",
         "roles": [{"roleName": "readWrite", "databaseName": "orders"}]}
        """
        .formatted(name);
  }

  @Test
  void aUserCreatedThroughV2IsReadThroughV1AndTheOtherWayRound() throws Exception {
    RawAtlasHttp.Answer created = http.call("POST", V2_USERS, user("v2-app"), WRITE_2023);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("links").get(0).get("href").asText())
        .isEqualTo(
            atlas.baseUrl() + "api/atlas/v2/groups/" + PROJECT + "/databaseUsers/admin/v2-app");
    assertThat(http.get(V1_USERS + "/admin/v2-app").status()).isEqualTo(200);

    assertThat(http.call("POST", V1_USERS, user("v1-app")).status()).isEqualTo(201);
    RawAtlasHttp.Answer read = http.call("GET", V2_USERS + "/admin/v1-app", null, ACCEPT_2023);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("description").asText()).isEqualTo("payments app");
    assertThat(http.call("GET", V2_USERS, null, ACCEPT_2023).json().get("totalCount").asInt())
        .isEqualTo(2);
  }

  @Test
  void v2AnswersTheFourAuthTypesAsNoneAndNeverThePassword() throws Exception {
    JsonNode created = http.call("POST", V2_USERS, user("app"), WRITE_2023).json();
    for (String field : new String[] {"awsIAMType", "ldapAuthType", "oidcAuthType", "x509Type"}) {
      assertThat(created.get(field).asText()).as(field).isEqualTo("NONE");
    }
    assertThat(created.has("password")).isFalse();
  }

  @Test
  void v2UpdatesAndDeletesWithPercentEncodedNames() throws Exception {
    String body =
        """
        {"databaseName": "$external", "username": "CN=ops,OU=groups", "x509Type": "CUSTOMER",
         "roles": [{"roleName": "read", "databaseName": "orders"}]}
        """;
    assertThat(http.call("POST", V2_USERS, body, WRITE_2023).status()).isEqualTo(201);
    String path = V2_USERS + "/%24external/CN%3Dops%2COU%3Dgroups";
    RawAtlasHttp.Answer patched =
        http.call(
            "PATCH",
            path,
            "{\"roles\":[{\"roleName\":\"readWrite\",\"databaseName\":\"x\"}]}",
            WRITE_2023);
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().get("roles").get(0).get("roleName").asText()).isEqualTo("readWrite");
    RawAtlasHttp.Answer deleted = http.call("DELETE", path, null, ACCEPT_2023);
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    RawAtlasHttp.Answer gone = http.call("GET", path, null, ACCEPT_2023);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().get("errorCode").asText()).isEqualTo("USERNAME_NOT_FOUND");
  }

  @Test
  void v2SuccessesAnswerTheVersionedTypeAndErrorsPlainJson() throws Exception {
    RawAtlasHttp.Answer created = http.call("POST", V2_USERS, user("app"), WRITE_2023);
    assertThat(created.header("Content-Type")).isEqualTo(TYPE_2023 + ";charset=utf-8");
    RawAtlasHttp.Answer missing = http.call("GET", V2_USERS + "/admin/nobody", null, ACCEPT_2023);
    assertThat(missing.header("Content-Type")).isEqualTo("application/json");
    RawAtlasHttp.Answer challenge = http.anonymous("GET", V2_USERS, null);
    assertThat(challenge.status()).isEqualTo(401);
    assertThat(challenge.header("Content-Type")).isEqualTo("application/json");
    RawAtlasHttp.Answer unknownPath = http.anonymous("GET", "/api/atlas/v2/nothing", null);
    assertThat(unknownPath.status()).isEqualTo(404);
    assertThat(unknownPath.header("Content-Type")).isEqualTo("application/json");
    assertThat(http.get(V1_USERS).header("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void v2WithoutAVersionedAcceptIsNotAcceptable() throws Exception {
    for (Map<String, String> headers :
        List.<Map<String, String>>of(
            Map.of(),
            Map.of("Accept", "application/json"),
            Map.of("Accept", "application/vnd.atlas.2022-12-31+json"),
            Map.of("Accept", "application/vnd.atlas.2023-13-45+json"))) {
      RawAtlasHttp.Answer refused = http.call("GET", V2_USERS, null, headers);
      assertThat(refused.status()).as("%s", headers).isEqualTo(406);
      assertThat(refused.header("Content-Type")).isEqualTo("application/json");
      assertThat(refused.json())
          .isEqualTo(
              Responder.JSON.readTree(
                  "{\"detail\":\"Invalid accept header or version date.\",\"error\":406,"
                      + "\"errorCode\":\"INVALID_VERSION_DATE\",\"parameters\":[],"
                      + "\"reason\":\"Not Acceptable\"}"));
    }
  }

  @Test
  void aLaterVersionDateResolvesToTheNewestVersionOnOrBeforeIt() throws Exception {
    RawAtlasHttp.Answer users =
        http.call("GET", V2_USERS, null, Map.of("Accept", "application/vnd.atlas.2025-03-12+json"));
    assertThat(users.status()).isEqualTo(200);
    assertThat(users.header("Content-Type")).isEqualTo(TYPE_2023 + ";charset=utf-8");
    RawAtlasHttp.Answer clusters =
        http.call(
            "GET",
            V2 + PROJECT + "/clusters",
            null,
            Map.of("Accept", "application/vnd.atlas.2025-03-12+json"));
    assertThat(clusters.header("Content-Type"))
        .isEqualTo("application/vnd.atlas.2024-08-05+json;charset=utf-8");
  }

  @Test
  void aWriteWithAVersionedContentTypeOfNoVersionIsNotAcceptable() throws Exception {
    RawAtlasHttp.Answer refused =
        http.call(
            "POST",
            V2_USERS,
            user("app"),
            Map.of("Accept", TYPE_2023, "Content-Type", "application/vnd.atlas.2020-01-01+json"));
    assertThat(refused.status()).isEqualTo(406);
    assertThat(http.call("POST", V2_USERS, user("app"), ACCEPT_2023).status())
        .as("application/json is accepted (unsourced, lenient)")
        .isEqualTo(201);
  }

  @Test
  void v1KeepsAnsweringWithoutAVersionHeader() throws Exception {
    RawAtlasHttp.Answer created = http.call("POST", V1_USERS, user("app"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("RateLimit-Limit")).isNull();
    assertThat(created.json().get("links").get(0).get("href").asText()).contains("/v1.0/");
  }

  @Test
  void theProjectIsFoundByIdAndByName() throws Exception {
    JsonNode byId = http.call("GET", V2 + PROJECT, null, ACCEPT_2023).json();
    assertThat(byId.get("id").asText()).isEqualTo(PROJECT);
    assertThat(byId.get("name").asText()).isEqualTo("payments-prod");
    assertThat(byId.get("orgId").asText()).matches("[a-f0-9]{24}");
    assertThat(byId.get("clusterCount").asInt()).isEqualTo(2);
    assertThat(byId.get("created").asText()).endsWith("Z");
    RawAtlasHttp.Answer byName = http.call("GET", V2 + "byName/payments-prod", null, ACCEPT_2023);
    assertThat(byName.status()).isEqualTo(200);
    assertThat(byName.json().get("id").asText()).isEqualTo(PROJECT);
    assertThat(byName.header("Content-Type")).isEqualTo(TYPE_2023 + ";charset=utf-8");
  }

  @Test
  void aProjectWithoutAConfiguredNameIsNamedAfterItsId() throws Exception {
    RawAtlasHttp outsider = new RawAtlasHttp(atlas.baseUrl(), "outsider", "outsider-key", "MD5");
    assertThat(outsider.call("GET", V2 + OTHER, null, ACCEPT_2023).json().get("name").asText())
        .isEqualTo("project-" + OTHER);
  }

  @Test
  void anUnknownProjectIsNotFoundAndAnotherKeysProjectIsNotInGroup() throws Exception {
    RawAtlasHttp.Answer unknownId =
        http.call("GET", V2 + "aaaaaaaaaaaaaaaaaaaaaaaa", null, ACCEPT_2023);
    assertThat(unknownId.status()).isEqualTo(404);
    assertThat(unknownId.json().get("errorCode").asText()).isEqualTo("GROUP_NOT_FOUND");
    RawAtlasHttp.Answer unknownName = http.call("GET", V2 + "byName/nope", null, ACCEPT_2023);
    assertThat(unknownName.status()).isEqualTo(404);
    assertThat(unknownName.json().get("detail").asText())
        .isEqualTo("No group with name \"nope\" exists.");
    RawAtlasHttp.Answer foreign = http.call("GET", V2 + OTHER, null, ACCEPT_2023);
    assertThat(foreign.status()).isEqualTo(401);
    assertThat(foreign.json().get("errorCode").asText()).isEqualTo("NOT_IN_GROUP");
  }

  @Test
  void clustersAreListedReadAndAlwaysApplied() throws Exception {
    JsonNode list = http.call("GET", V2 + PROJECT + "/clusters", null, ACCEPT_2023).json();
    assertThat(list.get("totalCount").asInt()).isEqualTo(1);
    JsonNode cluster = list.get("results").get(0);
    assertThat(cluster.get("name").asText()).isEqualTo("Cluster0");
    assertThat(cluster.get("stateName").asText()).isEqualTo("IDLE");
    assertThat(cluster.get("connectionStrings").get("standardSrv").asText())
        .isEqualTo("mongodb+srv://cluster0.emulator.mongodb.net");
    assertThat(cluster.get("connectionStrings").get("standard").asText())
        .startsWith("mongodb://cluster0-shard-00-00.emulator.mongodb.net:27017,");
    assertThat(
            http.call("GET", V2 + PROJECT + "/clusters/Cluster0", null, ACCEPT_2023)
                .json()
                .get("groupId")
                .asText())
        .isEqualTo(PROJECT);
    assertThat(
            http.call("GET", V2 + PROJECT + "/clusters/Cluster0/status", null, ACCEPT_2023)
                .json()
                .get("changeStatus")
                .asText())
        .isEqualTo("APPLIED");
  }

  @Test
  void flexClustersHaveTheirOwnApiAndTheCrossApiErrorsAtlasAnswers() throws Exception {
    Map<String, String> flexAccept = Map.of("Accept", "application/vnd.atlas.2024-11-13+json");
    JsonNode flexList = http.call("GET", V2 + PROJECT + "/flexClusters", null, flexAccept).json();
    assertThat(flexList.get("results").get(0).get("name").asText()).isEqualTo("Flex0");
    assertThat(
            http.call("GET", V2 + PROJECT + "/flexClusters/Flex0", null, flexAccept)
                .json()
                .get("providerSettings")
                .get("providerName")
                .asText())
        .isEqualTo("FLEX");
    assertThat(http.call("GET", V2 + PROJECT + "/flexClusters", null, ACCEPT_2023).status())
        .as("flex clusters have no 2023 version")
        .isEqualTo(406);

    RawAtlasHttp.Answer regularInFlex =
        http.call("GET", V2 + PROJECT + "/flexClusters/Cluster0", null, flexAccept);
    assertThat(regularInFlex.status()).isEqualTo(400);
    assertThat(regularInFlex.json().get("errorCode").asText())
        .isEqualTo("CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API");
    RawAtlasHttp.Answer flexInClusters =
        http.call("GET", V2 + PROJECT + "/clusters/Flex0", null, ACCEPT_2023);
    assertThat(flexInClusters.status()).isEqualTo(400);
    assertThat(flexInClusters.json().get("detail").asText())
        .isEqualTo("Flex cluster Flex0 cannot be used in the Cluster API.");
    RawAtlasHttp.Answer missing =
        http.call("GET", V2 + PROJECT + "/clusters/Nope", null, ACCEPT_2023);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("detail").asText())
        .isEqualTo("No cluster named Nope exists in group " + PROJECT + ".");
    assertThat(
            http.call("GET", V2 + PROJECT + "/flexClusters/Nope", null, flexAccept)
                .json()
                .get("errorCode")
                .asText())
        .isEqualTo("CLUSTER_NOT_FOUND");
  }
}
