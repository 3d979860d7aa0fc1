package io.atlasoperator.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's and config file's apply delay, federated databases, stream instances, and
 * clusters with private connection strings and a CREATING time.
 */
class AtlasEmulatorMainDeploymentFlagsTest {

  static final String PROJECT = "5356823b3794dee37132bb7b";
  static final String V2 = "/api/atlas/v2/groups/" + PROJECT;
  static final Map<String, String> ACCEPT =
      Map.of("Accept", "application/vnd.atlas.2025-03-12+json");
  static final String USER =
      """
      {"databaseName": "admin", "username": "app", "password": "s3cret-pass",
       "roles": [{"roleName": "read", "databaseName": "orders"}]}
      """;

  @Test
  void flagsSetTheApplyDelayFederatedDatabasesAndStreamInstances() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AtlasEmulator emulator =
        AtlasEmulatorMain.configure(
            new String[] {
              "--port",
              "0",
              "--api-key",
              "ci-public:ci-private",
              "--project",
              PROJECT,
              "--cluster",
              PROJECT + ":Cluster0",
              "--federated-database",
              PROJECT + ":FederatedDatabase0",
              "--stream-instance",
              PROJECT + ":Stream0",
              "--apply-delay",
              "5s"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(emulator.applyDelay()).isEqualTo(Duration.ofSeconds(5));
    try (AtlasEmulator running = emulator.start()) {
      RawAtlasHttp http = new RawAtlasHttp(running.baseUrl(), "ci-public", "ci-private", "MD5");
      assertThat(http.call("POST", V2 + "/databaseUsers", USER, ACCEPT).status()).isEqualTo(201);
      assertThat(
              http.call("GET", V2 + "/clusters/Cluster0/status", null, ACCEPT)
                  .json()
                  .get("changeStatus")
                  .asText())
          .isEqualTo("PENDING");
      running.clock().advance(Duration.ofSeconds(5));
      assertThat(
              http.call("GET", V2 + "/clusters/Cluster0/status", null, ACCEPT)
                  .json()
                  .get("changeStatus")
                  .asText())
          .isEqualTo("APPLIED");
      assertThat(
              http.call("GET", V2 + "/dataFederation", null, ACCEPT)
                  .json()
                  .findValuesAsText("name"))
          .containsExactly("FederatedDatabase0");
      assertThat(
              http.call("GET", V2 + "/streams", null, ACCEPT)
                  .json()
                  .get("results")
                  .findValuesAsText("name"))
          .containsExactly("Stream0");
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "federated-database " + PROJECT + ":FederatedDatabase0",
            "stream-instance " + PROJECT + ":Stream0",
            "apply delay 5s");
  }

  @Test
  void theConfigFileSetsTheSameAndClustersWithPrivateStringsAndACreatingTime(@TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("emulator.json");
    Files.writeString(
        config,
        """
        {"port": 0,
         "apiKeys": [{"publicKey": "file-public", "privateKey": "file-private"}],
         "applyDelay": "1500ms",
         "projects": [{"id": "%s",
           "clusters": [
             "Cluster0",
             {"name": "Peered0", "private": true, "privateSrv": "mongodb+srv://peered0.example.net",
              "privateEndpoint": [{"endpointId": "vpce-1", "providerName": "AWS",
                                   "region": "US_EAST_1"}]},
             {"name": "Linked0",
              "privateEndpoint": [{"endpointId": "pe-2", "providerName": "AZURE",
                                   "region": "EUROPE_WEST", "type": "MONGOS",
                                   "connectionString": "mongodb://pl.example.net:1024",
                                   "srvConnectionString": "mongodb+srv://pl.example.net",
                                   "srvShardOptimizedConnectionString":
                                     "mongodb+srv://pl-lb.example.net"}]},
             {"name": "Slow0", "creatingFor": "2m", "private": false}],
           "federatedDatabases": ["FederatedDatabase0"],
           "streamInstances": ["Stream0", "Stream1"]}]}
        """
            .formatted(PROJECT));
    AtlasEmulator emulator =
        AtlasEmulatorMain.configure(new String[] {"--config", config.toString()}, System.out);
    assertThat(emulator.applyDelay()).isEqualTo(Duration.ofMillis(1500));
    try (AtlasEmulator running = emulator.start()) {
      RawAtlasHttp http = new RawAtlasHttp(running.baseUrl(), "file-public", "file-private", "MD5");
      JsonNode peered =
          http.call("GET", V2 + "/clusters/Peered0", null, ACCEPT).json().get("connectionStrings");
      assertThat(peered.get("private").asText()).startsWith("mongodb://peered0-pri-shard-00-00.");
      assertThat(peered.get("privateSrv").asText()).isEqualTo("mongodb+srv://peered0.example.net");
      assertThat(peered.get("privateEndpoint").get(0).get("endpoints").get(0).get("endpointId"))
          .hasToString("\"vpce-1\"");

      JsonNode linked =
          http.call("GET", V2 + "/clusters/Linked0", null, ACCEPT).json().get("connectionStrings");
      assertThat(linked.has("private")).isFalse();
      JsonNode endpoint = linked.get("privateEndpoint").get(0);
      assertThat(endpoint.get("type").asText()).isEqualTo("MONGOS");
      assertThat(endpoint.get("connectionString").asText())
          .isEqualTo("mongodb://pl.example.net:1024");
      assertThat(endpoint.get("srvShardOptimizedConnectionString").asText())
          .isEqualTo("mongodb+srv://pl-lb.example.net");
      assertThat(endpoint.get("endpoints").get(0).get("providerName").asText()).isEqualTo("AZURE");

      JsonNode slow = http.call("GET", V2 + "/clusters/Slow0", null, ACCEPT).json();
      assertThat(slow.get("stateName").asText()).isEqualTo("CREATING");
      assertThat(slow.get("connectionStrings").has("standard")).isFalse();
      running.clock().advance(Duration.ofMinutes(2));
      JsonNode ready = http.call("GET", V2 + "/clusters/Slow0", null, ACCEPT).json();
      assertThat(ready.get("stateName").asText()).isEqualTo("IDLE");
      assertThat(ready.get("connectionStrings").has("private")).isFalse();

      assertThat(
              http.call("GET", V2 + "/streams", null, ACCEPT)
                  .json()
                  .get("results")
                  .findValuesAsText("name"))
          .containsExactly("Stream0", "Stream1");
      assertThat(http.call("GET", V2 + "/dataFederation/FederatedDatabase0", null, ACCEPT).status())
          .isEqualTo(200);
    }
  }

  @Test
  void badValuesAreRejectedWithAReason() {
    assertThatThrownBy(
            () -> AtlasEmulatorMain.configure(new String[] {"--apply-delay", "5"}, System.out))
        .hasMessage("--apply-delay takes a duration such as 50ms, 2s or 1m");
    assertThatThrownBy(
            () ->
                AtlasEmulatorMain.configure(
                    new String[] {"--federated-database", "no-colon"}, System.out))
        .hasMessage("--federated-database takes PROJECT:NAME");
    assertThatThrownBy(
            () -> AtlasEmulatorMain.configure(new String[] {"--stream-instance", ":x"}, System.out))
        .hasMessage("--stream-instance takes PROJECT:NAME");
  }

  @Test
  void helpNamesTheNewFlags() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AtlasEmulatorMain.configure(
        new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "--federated-database PROJECT:NAME",
            "--stream-instance PROJECT:NAME",
            "--apply-delay DURATION",
            "(default 0: APPLIED at once; e.g. 5s)");
  }
}
