package io.atlasoperator.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * getClusterStatus: PENDING for every cluster of a project until its latest database-user write is
 * applied (applyDelay on the emulator clock), APPLIED otherwise; flex clusters answer it too.
 */
class ChangeStatusTest {

  static final String PROJECT = "5356823b3794dee37132bb7b";
  static final String OTHER = "5356823b3794dee37132bb7c";
  static final String V2 = "/api/atlas/v2/groups/";
  static final Map<String, String> ACCEPT =
      Map.of("Accept", "application/vnd.atlas.2023-01-01+json");
  static final Map<String, String> WRITE =
      Map.of(
          "Accept",
          "application/vnd.atlas.2023-01-01+json",
          "Content-Type",
          "application/vnd.atlas.2023-01-01+json");
  static final String USER =
      """
      {"databaseName": "admin", "username": "app", "password": "s3cret-pass",
       "roles": [{"roleName": "read", "databaseName": "orders"}]}
      """;

  AtlasEmulator atlas;
  RawAtlasHttp http;

  @BeforeEach
  void start() {
    atlas =
        AtlasEmulator.builder()
            .apiKey("pub", "priv-key")
            .project(PROJECT)
            .project(OTHER)
            .cluster(PROJECT, "Cluster0")
            .cluster(PROJECT, "Cluster1")
            .flexCluster(PROJECT, "Flex0")
            .cluster(OTHER, "Elsewhere0")
            .applyDelay(Duration.ofSeconds(30))
            .start();
    atlas.clock().set(Instant.parse("2026-03-01T12:00:00Z"));
    http = new RawAtlasHttp(atlas.baseUrl(), "pub", "priv-key", "MD5");
  }

  @AfterEach
  void stop() {
    atlas.close();
  }

  String status(String project, String cluster) throws Exception {
    RawAtlasHttp.Answer answer =
        http.call("GET", V2 + project + "/clusters/" + cluster + "/status", null, ACCEPT);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.header("Content-Type"))
        .isEqualTo("application/vnd.atlas.2023-01-01+json;charset=utf-8");
    return answer.json().get("changeStatus").asText();
  }

  String users(String project) {
    return V2 + project + "/databaseUsers";
  }

  @Test
  void withoutUserWritesEveryClusterIsApplied() throws Exception {
    assertThat(status(PROJECT, "Cluster0")).isEqualTo("APPLIED");
    assertThat(status(PROJECT, "Flex0")).isEqualTo("APPLIED");
  }

  @Test
  void aCreatedUserIsPendingOnEveryClusterOfItsProjectUntilTheDelayHasPassed() throws Exception {
    assertThat(http.call("POST", users(PROJECT), USER, WRITE).status()).isEqualTo(201);

    assertThat(status(PROJECT, "Cluster0")).isEqualTo("PENDING");
    assertThat(status(PROJECT, "Cluster1")).isEqualTo("PENDING");
    assertThat(status(PROJECT, "Flex0")).isEqualTo("PENDING");
    assertThat(status(OTHER, "Elsewhere0")).as("another project").isEqualTo("APPLIED");

    atlas.clock().advance(Duration.ofSeconds(29));
    assertThat(status(PROJECT, "Cluster0")).isEqualTo("PENDING");
    atlas.clock().advance(Duration.ofSeconds(1));
    assertThat(status(PROJECT, "Cluster0")).isEqualTo("APPLIED");
    assertThat(status(PROJECT, "Flex0")).isEqualTo("APPLIED");
  }

  @Test
  void anUpdateOrADeleteIsPendingFromItsOwnTime() throws Exception {
    http.call("POST", users(PROJECT), USER, WRITE);
    atlas.clock().advance(Duration.ofSeconds(20));
    assertThat(
            http.call(
                    "PATCH", users(PROJECT) + "/admin/app", "{\"description\":\"changed\"}", WRITE)
                .status())
        .isEqualTo(200);
    atlas.clock().advance(Duration.ofSeconds(20));
    assertThat(status(PROJECT, "Cluster0"))
        .as("30s after the create, 20s after the update")
        .isEqualTo("PENDING");
    atlas.clock().advance(Duration.ofSeconds(10));
    assertThat(status(PROJECT, "Cluster0")).isEqualTo("APPLIED");

    assertThat(http.call("DELETE", users(PROJECT) + "/admin/app", null, ACCEPT).status())
        .isEqualTo(204);
    assertThat(status(PROJECT, "Cluster0")).isEqualTo("PENDING");
    atlas.clock().advance(Duration.ofSeconds(30));
    assertThat(status(PROJECT, "Cluster0")).isEqualTo("APPLIED");
  }

  @Test
  void aRefusedWriteChangesNothing() throws Exception {
    RawAtlasHttp.Answer refused =
        http.call("POST", users(PROJECT), "{\"username\": \"no-roles\"}", WRITE);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(status(PROJECT, "Cluster0")).isEqualTo("APPLIED");
  }

  @Test
  void v1WritesAndChangesBehindTheBackArePendingToo() throws Exception {
    assertThat(
            http.call("POST", "/api/atlas/v1.0/groups/" + PROJECT + "/databaseUsers", USER)
                .status())
        .isEqualTo(201);
    assertThat(status(PROJECT, "Cluster0")).isEqualTo("PENDING");

    ObjectNode change = Responder.JSON.createObjectNode().put("description", "from the UI");
    atlas.clock().advance(Duration.ofSeconds(30));
    atlas.changeBehindTheBack(PROJECT, "admin", "app", change);
    assertThat(status(PROJECT, "Cluster0")).isEqualTo("PENDING");
  }

  @Test
  void theDelayIsChangedAtRuntimeAndAResetForgetsPendingChanges() throws Exception {
    http.call("POST", users(PROJECT), USER, WRITE);
    assertThat(atlas.applyDelay()).isEqualTo(Duration.ofSeconds(30));
    atlas.applyDelay(Duration.ZERO);
    assertThat(status(PROJECT, "Cluster0")).isEqualTo("APPLIED");
    atlas.applyDelay(Duration.ofMinutes(5));
    assertThat(status(PROJECT, "Cluster0")).isEqualTo("PENDING");
    atlas.reset();
    assertThat(status(PROJECT, "Cluster0")).isEqualTo("APPLIED");
  }

  @Test
  void byDefaultAWriteIsAppliedAtOnce() throws Exception {
    try (AtlasEmulator plain =
        AtlasEmulator.builder()
            .apiKey("pub", "priv-key")
            .project(PROJECT)
            .cluster(PROJECT, "Cluster0")
            .start()) {
      RawAtlasHttp client = new RawAtlasHttp(plain.baseUrl(), "pub", "priv-key", "MD5");
      assertThat(plain.applyDelay()).isZero();
      client.call("POST", users(PROJECT), USER, WRITE);
      assertThat(
              client
                  .call("GET", V2 + PROJECT + "/clusters/Cluster0/status", null, ACCEPT)
                  .json()
                  .get("changeStatus")
                  .asText())
          .isEqualTo("APPLIED");
    }
  }

  @Test
  void aFlexClusterAnswersItsStatusButNotTheClustersApisOtherReads() throws Exception {
    RawAtlasHttp.Answer status =
        http.call("GET", V2 + PROJECT + "/clusters/Flex0/status", null, ACCEPT);
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.json().get("links").get(0).get("href").asText())
        .endsWith("/api/atlas/v2/groups/" + PROJECT + "/clusters/Flex0/status");
    RawAtlasHttp.Answer read = http.call("GET", V2 + PROJECT + "/clusters/Flex0", null, ACCEPT);
    assertThat(read.status()).isEqualTo(400);
    assertThat(read.json().get("errorCode").asText())
        .isEqualTo("CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API");
    assertThat(http.call("GET", V2 + PROJECT + "/clusters/Nope/status", null, ACCEPT).status())
        .isEqualTo(404);
  }
}
