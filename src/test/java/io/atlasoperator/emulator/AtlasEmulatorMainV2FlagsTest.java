package io.atlasoperator.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's service-account, project, cluster and rate-limit flags and config keys. */
class AtlasEmulatorMainV2FlagsTest {

  static final String PROJECT = "5356823b3794dee37132bb7b";
  static final Map<String, String> ACCEPT =
      Map.of("Accept", "application/vnd.atlas.2025-03-12+json");

  static String bearer(RawAtlasHttp http, String id, String secret) throws Exception {
    String basic =
        Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return http.send(
            "POST",
            "/api/oauth/token",
            "grant_type=client_credentials",
            Map.of(
                "Authorization",
                "Basic " + basic,
                "Content-Type",
                "application/x-www-form-urlencoded"))
        .json()
        .get("access_token")
        .asText();
  }

  @Test
  void flagsAddServiceAccountsNamedProjectsClustersAndARateLimit() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AtlasEmulator emulator =
        AtlasEmulatorMain.configure(
            new String[] {
              "--port",
              "0",
              "--service-account",
              "sa-client:sa-secret:with-colon",
              "--project",
              PROJECT + "=sa-client",
              "--project-name",
              PROJECT + "=payments",
              "--cluster",
              PROJECT + ":Cluster0",
              "--flex-cluster",
              PROJECT + ":Flex0",
              "--rate-limit",
              "2:1/1m",
              "--token-lifetime",
              "10m"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8));
    try (AtlasEmulator running = emulator.start()) {
      RawAtlasHttp http = new RawAtlasHttp(running.baseUrl(), "x", "y", "MD5");
      String token = bearer(http, "sa-client", "sa-secret:with-colon");
      Map<String, String> headers =
          Map.of("Authorization", "Bearer " + token, "Accept", ACCEPT.get("Accept"));
      String v2 = "/api/atlas/v2/groups/";
      assertThat(http.send("GET", v2 + "byName/payments", null, headers).status()).isEqualTo(200);
      assertThat(http.send("GET", v2 + PROJECT + "/clusters/Cluster0", null, headers).status())
          .isEqualTo(200);
      Map<String, String> flex =
          Map.of(
              "Authorization",
              "Bearer " + token,
              "Accept",
              "application/vnd.atlas.2024-11-13+json");
      assertThat(http.send("GET", v2 + PROJECT + "/flexClusters/Flex0", null, flex).status())
          .isEqualTo(200);
      String users = v2 + PROJECT + "/databaseUsers";
      assertThat(http.send("GET", users, null, headers).header("RateLimit-Limit")).isEqualTo("2");
      http.send("GET", users, null, headers);
      RawAtlasHttp.Answer limited = http.send("GET", users, null, headers);
      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.header("Retry-After")).isEqualTo("60");
      running.clock().advance(java.time.Duration.ofMinutes(10));
      assertThat(http.send("GET", v2 + PROJECT, null, headers).status())
          .as("the token lived 10 minutes")
          .isEqualTo(401);
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("service account sa-client")
        .doesNotContain("sa-secret");
  }

  @Test
  void aConfigFileSetsTheSameWithoutSecretsOnTheCommandLine(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("emulator.json");
    Files.writeString(
        config,
        """
        {"port": 0,
         "serviceAccounts": [{"clientId": "sa-client", "clientSecret": "sa-secret"}],
         "rateLimit": {"capacity": 1, "refillRate": 1, "refillDurationSeconds": 30},
         "projects": [{"id": "%s", "name": "payments", "principals": ["sa-client"],
                       "clusters": ["Cluster0", {"name": "Cluster1",
                                                 "standardSrv": "mongodb+srv://c1.example.net"}],
                       "flexClusters": ["Flex0"]}]}
        """
            .formatted(PROJECT));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (AtlasEmulator running =
        AtlasEmulatorMain.configure(
                new String[] {"--config", config.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8))
            .start()) {
      RawAtlasHttp http = new RawAtlasHttp(running.baseUrl(), "x", "y", "MD5");
      Map<String, String> headers =
          Map.of(
              "Authorization",
              "Bearer " + bearer(http, "sa-client", "sa-secret"),
              "Accept",
              ACCEPT.get("Accept"));
      RawAtlasHttp.Answer group =
          http.send("GET", "/api/atlas/v2/groups/byName/payments", null, headers);
      assertThat(group.json().get("clusterCount").asInt()).isEqualTo(3);
      RawAtlasHttp.Answer cluster =
          http.send("GET", "/api/atlas/v2/groups/" + PROJECT + "/clusters/Cluster1", null, headers);
      assertThat(cluster.json().get("connectionStrings").get("standardSrv").asText())
          .isEqualTo("mongodb+srv://c1.example.net");
      String users = "/api/atlas/v2/groups/" + PROJECT + "/databaseUsers";
      assertThat(http.send("GET", users, null, headers).status()).isEqualTo(200);
      assertThat(http.send("GET", users, null, headers).status()).isEqualTo(429);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("sa-secret");
  }

  @Test
  void badNewFlagsAreRejectedWithAReason() {
    assertThatThrownBy(
            () -> AtlasEmulatorMain.configure(new String[] {"--service-account", "x"}, System.out))
        .hasMessage("--service-account takes CLIENT_ID:CLIENT_SECRET");
    assertThatThrownBy(
            () -> AtlasEmulatorMain.configure(new String[] {"--cluster", "p"}, System.out))
        .hasMessage("--cluster takes PROJECT:NAME");
    assertThatThrownBy(
            () -> AtlasEmulatorMain.configure(new String[] {"--project-name", "p"}, System.out))
        .hasMessage("--project-name takes ID=NAME");
    for (String bad : new String[] {"10", "10:5", "0:5/60s", "10:5/1h", "x=1:1/1s"}) {
      assertThatThrownBy(
              () -> AtlasEmulatorMain.configure(new String[] {"--rate-limit", bad}, System.out))
          .as(bad)
          .hasMessageStartingWith("--rate-limit");
    }
    assertThatThrownBy(
            () -> AtlasEmulatorMain.configure(new String[] {"--token-lifetime", "1h"}, System.out))
        .hasMessage("--token-lifetime takes a duration such as 50ms, 2s or 1m");
  }

  @Test
  void helpNamesTheNewFlagsAndSaysRateLimitsAreOffByDefault() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AtlasEmulatorMain.configure(
        new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "--service-account CLIENT_ID:CLIENT_SECRET",
            "--project-name ID=NAME",
            "--cluster PROJECT:NAME",
            "--flex-cluster PROJECT:NAME",
            "--rate-limit [SET=]CAPACITY:REFILL/PERIOD",
            "--token-lifetime DURATION",
            "Atlas publishes no numbers: without this, no limit");
  }
}
