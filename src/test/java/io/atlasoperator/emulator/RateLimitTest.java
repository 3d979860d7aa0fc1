package io.atlasoperator.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-project token buckets of the v2 API, as Atlas's "API Rate Limit" page describes them. */
class RateLimitTest {

  static final String PROJECT = "5356823b3794dee37132bb7b";
  static final String OTHER = "5356823b3794dee37132bb7c";
  static final Map<String, String> ACCEPT =
      Map.of("Accept", "application/vnd.atlas.2023-01-01+json");

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
            .rateLimit(3, 2, Duration.ofSeconds(60))
            .start();
    atlas.clock().set(Instant.parse("2026-01-01T00:00:00Z"));
    http = new RawAtlasHttp(atlas.baseUrl(), "pub", "priv-key", "MD5");
  }

  @AfterEach
  void stop() {
    atlas.close();
  }

  RawAtlasHttp.Answer users(String project) throws Exception {
    return http.call("GET", "/api/atlas/v2/groups/" + project + "/databaseUsers", null, ACCEPT);
  }

  @Test
  void everyAnswerCarriesTheCapacityAndTheTokensLeft() throws Exception {
    for (int remaining = 2; remaining >= 0; remaining--) {
      RawAtlasHttp.Answer answer = users(PROJECT);
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.header("RateLimit-Limit")).isEqualTo("3");
      assertThat(answer.header("RateLimit-Remaining")).isEqualTo(Integer.toString(remaining));
    }
  }

  @Test
  void anEmptyBucketAnswersTheDocumented429WithRetryAfter() throws Exception {
    for (int i = 0; i < 3; i++) {
      users(PROJECT);
    }
    atlas.clock().advance(Duration.ofSeconds(5));
    RawAtlasHttp.Answer limited = users(PROJECT);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).isEqualTo("55");
    assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");
    assertThat(limited.header("Content-Type")).isEqualTo("application/json");
    String path = "api/atlas/v2/groups/" + PROJECT + "/databaseUsers";
    assertThat(limited.json())
        .isEqualTo(
            Responder.JSON.readTree(
                "{\"detail\":\"Rate limit exceeded for "
                    + path
                    + ". Please retry after 55 seconds. Request capacity: 3. Refill rate: 2 per 60"
                    + " seconds.\",\"error\":429,\"errorCode\":\"RATE_LIMITED_TOKEN_BUCKET\","
                    + "\"parameters\":[\""
                    + path
                    + "\",55,3,2,60],\"reason\":\"Too Many Requests\"}"));
  }

  @Test
  void theBucketRefillsInWholeStepsByTheEmulatorClock() throws Exception {
    for (int i = 0; i < 3; i++) {
      users(PROJECT);
    }
    atlas.clock().advance(Duration.ofSeconds(59));
    assertThat(users(PROJECT).status()).isEqualTo(429);
    atlas.clock().advance(Duration.ofSeconds(1));
    assertThat(users(PROJECT).header("RateLimit-Remaining")).isEqualTo("1");
    assertThat(users(PROJECT).header("RateLimit-Remaining")).isEqualTo("0");
    assertThat(users(PROJECT).status()).isEqualTo(429);
    atlas.clock().advance(Duration.ofMinutes(10));
    assertThat(users(PROJECT).header("RateLimit-Remaining"))
        .as("refills stop at the capacity")
        .isEqualTo("2");
  }

  @Test
  void oneProjectsEmptyBucketLeavesAnotherProjectAlone() throws Exception {
    for (int i = 0; i < 4; i++) {
      users(PROJECT);
    }
    assertThat(users(PROJECT).status()).isEqualTo(429);
    assertThat(users(OTHER).status()).isEqualTo(200);
    assertThat(users(OTHER).header("RateLimit-Remaining")).isEqualTo("1");
  }

  @Test
  void v1AndUnauthenticatedRequestsTakeNoTokens() throws Exception {
    for (int i = 0; i < 5; i++) {
      RawAtlasHttp.Answer v1 = http.get("/api/atlas/v1.0/groups/" + PROJECT + "/databaseUsers");
      assertThat(v1.status()).isEqualTo(200);
      assertThat(v1.header("RateLimit-Limit")).isNull();
      http.anonymous("GET", "/api/atlas/v2/groups/" + PROJECT + "/databaseUsers", null);
    }
    assertThat(users(PROJECT).header("RateLimit-Remaining")).isEqualTo("2");
  }

  @Test
  void otherEndpointSetsAreUnlimitedUnlessConfigured() throws Exception {
    String clusters = "/api/atlas/v2/groups/" + PROJECT + "/clusters";
    assertThat(http.call("GET", clusters, null, ACCEPT).header("RateLimit-Limit")).isNull();
    atlas.rateLimit(EndpointSet.CLUSTERS, 1, 1, Duration.ofSeconds(30));
    assertThat(http.call("GET", clusters, null, ACCEPT).header("RateLimit-Limit")).isEqualTo("1");
    RawAtlasHttp.Answer limited = http.call("GET", clusters + "/Cluster0", null, ACCEPT);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).isEqualTo("30");
    assertThat(users(PROJECT).status()).as("databaseUsers has its own bucket").isEqualTo(200);
  }

  @Test
  void resetRefillsEveryBucket() throws Exception {
    for (int i = 0; i < 4; i++) {
      users(PROJECT);
    }
    atlas.reset();
    assertThat(users(PROJECT).header("RateLimit-Remaining")).isEqualTo("2");
  }
}
