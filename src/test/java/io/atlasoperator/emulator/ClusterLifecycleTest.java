package io.atlasoperator.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clusters and flex clusters as they change in Atlas: stateName, paused, and connection strings
 * (none while CREATING; the private ones only when configured), created, paused, resumed and
 * deleted while the emulator runs, on its clock.
 */
class ClusterLifecycleTest {

  static final String PROJECT = "5356823b3794dee37132bb7b";
  static final String V2 = "/api/atlas/v2/groups/" + PROJECT;
  static final Map<String, String> CLUSTERS =
      Map.of("Accept", "application/vnd.atlas.2024-08-05+json");
  static final Map<String, String> FLEX = Map.of("Accept", "application/vnd.atlas.2024-11-13+json");
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  AtlasEmulator atlas;
  RawAtlasHttp http;

  @BeforeEach
  void start() {
    atlas =
        AtlasEmulator.builder()
            .apiKey("pub", "priv-key")
            .project(PROJECT, "pub")
            .cluster(PROJECT, "Cluster0")
            .cluster(
                PROJECT,
                ClusterSpec.named("Private0")
                    .privateStrings(null, "mongodb+srv://private0-pri.example.net")
                    .privateEndpoint("vpce-0123", "AWS", "US_EAST_1"))
            .start();
    atlas.clock().set(NOW);
    http = new RawAtlasHttp(atlas.baseUrl(), "pub", "priv-key", "MD5");
  }

  @AfterEach
  void stop() {
    atlas.close();
  }

  JsonNode cluster(String name) throws Exception {
    RawAtlasHttp.Answer answer = http.call("GET", V2 + "/clusters/" + name, null, CLUSTERS);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  JsonNode flex(String name) throws Exception {
    RawAtlasHttp.Answer answer = http.call("GET", V2 + "/flexClusters/" + name, null, FLEX);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  List<String> listed(String path, Map<String, String> accept) throws Exception {
    return http.call("GET", V2 + path, null, accept).json().get("results").findValuesAsText("name");
  }

  @Test
  void anIdleClusterAnswersItsPublicStringsAndNoPrivateOnes() throws Exception {
    JsonNode cluster = cluster("Cluster0");
    assertThat(cluster.get("stateName").asText()).isEqualTo("IDLE");
    assertThat(cluster.get("paused").asBoolean()).isFalse();
    JsonNode strings = cluster.get("connectionStrings");
    assertThat(strings.get("standardSrv").asText())
        .isEqualTo("mongodb+srv://cluster0.emulator.mongodb.net");
    assertThat(strings.get("standard").asText()).startsWith("mongodb://cluster0-shard-00-00.");
    assertThat(strings.has("private")).isFalse();
    assertThat(strings.has("privateSrv")).isFalse();
    assertThat(strings.get("privateEndpoint").isArray()).isTrue();
    assertThat(strings.get("privateEndpoint")).isEmpty();
  }

  @Test
  void configuredPrivateStringsAndEndpointsAreAnsweredInTheSpecsShape() throws Exception {
    JsonNode strings = cluster("Private0").get("connectionStrings");
    assertThat(strings.get("private").asText()).startsWith("mongodb://private0-pri-shard-00-00.");
    assertThat(strings.get("privateSrv").asText())
        .isEqualTo("mongodb+srv://private0-pri.example.net");
    JsonNode endpoint = strings.get("privateEndpoint").get(0);
    assertThat(endpoint.get("type").asText()).isEqualTo("MONGOD");
    assertThat(endpoint.get("connectionString").asText()).startsWith("mongodb://private0-pl-0-");
    assertThat(endpoint.get("srvConnectionString").asText())
        .isEqualTo("mongodb+srv://private0-pl-0.emulator.mongodb.net");
    assertThat(endpoint.get("srvShardOptimizedConnectionString").asText())
        .isEqualTo("mongodb+srv://private0-pl-0-lb.emulator.mongodb.net");
    assertThat(endpoint.get("endpoints"))
        .containsExactly(
            Responder.JSON.readTree(
                "{\"endpointId\":\"vpce-0123\",\"providerName\":\"AWS\","
                    + "\"region\":\"US_EAST_1\"}"));

    atlas.addCluster(
        PROJECT,
        ClusterSpec.named("Custom0")
            .privateEndpoint(
                new ClusterSpec.PrivateEndpoint(
                    "mongodb://pl.example.net:1024/?ssl=true",
                    "mongodb+srv://pl.example.net",
                    "mongodb+srv://pl-lb.example.net",
                    "MONGOS",
                    List.of(new ClusterSpec.Endpoint("pe-1", "GCP", "CENTRAL_US")))));
    JsonNode custom = cluster("Custom0").get("connectionStrings").get("privateEndpoint").get(0);
    assertThat(custom.get("type").asText()).isEqualTo("MONGOS");
    assertThat(custom.get("srvConnectionString").asText())
        .isEqualTo("mongodb+srv://pl.example.net");
    assertThat(cluster("Custom0").get("connectionStrings").has("private")).isFalse();
  }

  @Test
  void aClusterIsCreatingWithoutConnectionStringsUntilItsTimeHasPassed() throws Exception {
    atlas.addCluster(PROJECT, "New0", Duration.ofMinutes(10));
    JsonNode creating = cluster("New0");
    assertThat(creating.get("stateName").asText()).isEqualTo("CREATING");
    assertThat(creating.get("connectionStrings"))
        .isEqualTo(Responder.JSON.readTree("{\"privateEndpoint\":[]}"));
    assertThat(listed("/clusters", CLUSTERS)).containsExactly("Cluster0", "Private0", "New0");

    atlas.clock().advance(Duration.ofMinutes(9));
    assertThat(cluster("New0").get("stateName").asText()).isEqualTo("CREATING");
    atlas.clock().advance(Duration.ofMinutes(1));
    JsonNode idle = cluster("New0");
    assertThat(idle.get("stateName").asText()).isEqualTo("IDLE");
    assertThat(idle.get("connectionStrings").get("standardSrv").asText())
        .isEqualTo("mongodb+srv://new0.emulator.mongodb.net");
  }

  @Test
  void pausingAndResumingFlipPausedAtOnceAndAreUpdatingForTheirTime() throws Exception {
    atlas.pauseCluster(PROJECT, "Cluster0");
    JsonNode paused = cluster("Cluster0");
    assertThat(paused.get("paused").asBoolean()).isTrue();
    assertThat(paused.get("stateName").asText()).isEqualTo("IDLE");
    assertThat(paused.get("connectionStrings").has("standard")).isTrue();

    atlas.resumeCluster(PROJECT, "Cluster0", Duration.ofMinutes(5));
    JsonNode resuming = cluster("Cluster0");
    assertThat(resuming.get("paused").asBoolean()).isFalse();
    assertThat(resuming.get("stateName").asText()).isEqualTo("UPDATING");
    atlas.clock().advance(Duration.ofMinutes(5));
    assertThat(cluster("Cluster0").get("stateName").asText()).isEqualTo("IDLE");

    atlas.pauseCluster(PROJECT, "Cluster0", Duration.ofSeconds(30));
    assertThat(cluster("Cluster0").get("stateName").asText()).isEqualTo("UPDATING");
    assertThat(cluster("Cluster0").get("paused").asBoolean()).isTrue();
  }

  @Test
  void aDeletedClusterIsGoneAtOnceOrAfterItsDeletingTime() throws Exception {
    atlas.deleteCluster(PROJECT, "Cluster0");
    RawAtlasHttp.Answer gone = http.call("GET", V2 + "/clusters/Cluster0", null, CLUSTERS);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().get("errorCode").asText()).isEqualTo("CLUSTER_NOT_FOUND");
    assertThat(listed("/clusters", CLUSTERS)).containsExactly("Private0");

    atlas.deleteCluster(PROJECT, "Private0", Duration.ofMinutes(2));
    assertThat(cluster("Private0").get("stateName").asText()).isEqualTo("DELETING");
    assertThat(
            http.call("GET", V2, null, Map.of("Accept", "application/vnd.atlas.2023-01-01+json"))
                .json()
                .get("clusterCount")
                .asInt())
        .isEqualTo(1);
    atlas.clock().advance(Duration.ofMinutes(2));
    assertThat(http.call("GET", V2 + "/clusters/Private0", null, CLUSTERS).status()).isEqualTo(404);
    assertThat(listed("/clusters", CLUSTERS)).isEmpty();
    assertThatThrownBy(() -> atlas.deleteCluster(PROJECT, "Private0"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFlexClusterAnswersOnlyItsStandardStringsAndCannotBePaused() throws Exception {
    atlas.addFlexCluster(PROJECT, "Flex0", Duration.ofMinutes(1));
    JsonNode creating = flex("Flex0");
    assertThat(creating.get("stateName").asText()).isEqualTo("CREATING");
    assertThat(creating.get("connectionStrings"))
        .isEqualTo(
            Responder.JSON.readTree(
                "{\"standardSrv\":\"mongodb+srv://flex0.emulator.mongodb.net\"}"));
    assertThat(creating.has("paused")).isFalse();

    atlas.clock().advance(Duration.ofMinutes(1));
    JsonNode idle = flex("Flex0");
    assertThat(idle.get("stateName").asText()).isEqualTo("IDLE");
    assertThat(idle.get("connectionStrings").fieldNames())
        .toIterable()
        .containsExactly("standard", "standardSrv");
    assertThat(listed("/flexClusters", FLEX)).containsExactly("Flex0");
    assertThat(listed("/clusters", CLUSTERS)).doesNotContain("Flex0");
    assertThatThrownBy(() -> atlas.pauseCluster(PROJECT, "Flex0")).hasMessageContaining("flex");

    atlas.deleteCluster(PROJECT, "Flex0", Duration.ofMinutes(1));
    assertThat(flex("Flex0").get("stateName").asText()).isEqualTo("DELETING");
    atlas.clock().advance(Duration.ofMinutes(1));
    assertThat(listed("/flexClusters", FLEX)).isEmpty();
  }

  @Test
  void builderClustersStayIdleWhateverTheClockDoes() throws Exception {
    atlas.clock().set(Instant.parse("2001-01-01T00:00:00Z"));
    assertThat(cluster("Cluster0").get("stateName").asText()).isEqualTo("IDLE");
  }

  @Test
  void aCreatingClusterFromTheBuilderCountsFromTheBuild() throws Exception {
    try (AtlasEmulator other =
        AtlasEmulator.builder()
            .apiKey("pub", "priv-key")
            .project(PROJECT)
            .cluster(PROJECT, ClusterSpec.named("Slow0").creatingFor(Duration.ofHours(1)))
            .start()) {
      RawAtlasHttp client = new RawAtlasHttp(other.baseUrl(), "pub", "priv-key", "MD5");
      assertThat(
              client
                  .call("GET", V2 + "/clusters/Slow0", null, CLUSTERS)
                  .json()
                  .get("stateName")
                  .asText())
          .isEqualTo("CREATING");
      other.clock().advance(Duration.ofHours(1));
      assertThat(
              client
                  .call("GET", V2 + "/clusters/Slow0", null, CLUSTERS)
                  .json()
                  .get("stateName")
                  .asText())
          .isEqualTo("IDLE");
    }
  }
}
