package io.atlasoperator.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Service accounts: OAuth 2.0 client credentials and Bearer tokens on v1.0 and v2. */
class ServiceAccountTest {

  static final String PROJECT = "5356823b3794dee37132bb7b";
  static final String CLIENT = "mdb_sa_id_ci";
  static final String SECRET = "mdb_sa_sk_placeholder";
  static final String FORM = "application/x-www-form-urlencoded";

  AtlasEmulator atlas;
  RawAtlasHttp http;

  @BeforeEach
  void start() {
    atlas =
        AtlasEmulator.builder()
            .apiKey("pub", "priv-key")
            .serviceAccount(CLIENT, SECRET)
            .serviceAccount("other-client", "other-secret")
            .project(PROJECT, CLIENT, "pub")
            .tokenEndpointRateLimit(5)
            .start();
    http = new RawAtlasHttp(atlas.baseUrl(), "pub", "priv-key", "MD5");
  }

  @AfterEach
  void stop() {
    atlas.close();
  }

  static String basic(String id, String secret) {
    return "Basic "
        + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  RawAtlasHttp.Answer token(String id, String secret, String form) throws Exception {
    return http.send(
        "POST",
        "/api/oauth/token",
        form,
        Map.of("Authorization", basic(id, secret), "Content-Type", FORM));
  }

  String accessToken() throws Exception {
    return token(CLIENT, SECRET, "grant_type=client_credentials")
        .json()
        .get("access_token")
        .asText();
  }

  RawAtlasHttp.Answer withBearer(String path, String token, Map<String, String> more)
      throws Exception {
    Map<String, String> headers = new java.util.HashMap<>(more);
    headers.put("Authorization", "Bearer " + token);
    return http.send("GET", path, null, headers);
  }

  @Test
  void theTokenEndpointIssuesAnHourLongBearerToken() throws Exception {
    RawAtlasHttp.Answer answer = token(CLIENT, SECRET, "grant_type=client_credentials");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Content-Type")).isEqualTo("application/json");
    assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
    JsonNode body = answer.json();
    assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
    assertThat(body.get("access_token").asText()).isNotBlank();
  }

  @Test
  void aBearerTokenWorksOnV1AndV2AndIsJournaledAsTheClient() throws Exception {
    String token = accessToken();
    assertThat(
            withBearer("/api/atlas/v1.0/groups/" + PROJECT + "/databaseUsers", token, Map.of())
                .status())
        .isEqualTo(200);
    assertThat(
            withBearer(
                    "/api/atlas/v2/groups/" + PROJECT + "/databaseUsers",
                    token,
                    Map.of("Accept", "application/vnd.atlas.2023-01-01+json"))
                .status())
        .isEqualTo(200);
    assertThat(atlas.journal())
        .filteredOn(JournalEntry::authenticated)
        .extracting(JournalEntry::principal)
        .containsExactly(CLIENT, CLIENT);
    assertThat(atlas.journal().toString()).doesNotContain(token).doesNotContain(SECRET);
  }

  @Test
  void aTokenExpiresByTheEmulatorClock() throws Exception {
    String token = accessToken();
    String path = "/api/atlas/v1.0/groups/" + PROJECT + "/databaseUsers";
    atlas.clock().advance(Duration.ofMinutes(59));
    assertThat(withBearer(path, token, Map.of()).status()).isEqualTo(200);
    atlas.clock().advance(Duration.ofMinutes(1));
    RawAtlasHttp.Answer expired = withBearer(path, token, Map.of());
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.header("Content-Type")).isEqualTo("application/json");
    assertThat(expired.header("WWW-Authenticate")).startsWith("Bearer ");
    assertThat(expired.json().get("errorCode").asText()).isEqualTo("USER_UNAUTHORIZED");
  }

  @Test
  void theTokenLifetimeIsConfigurable() throws Exception {
    try (AtlasEmulator shortLived =
        AtlasEmulator.builder()
            .serviceAccount(CLIENT, SECRET)
            .tokenLifetime(Duration.ofMinutes(5))
            .start()) {
      RawAtlasHttp other = new RawAtlasHttp(shortLived.baseUrl(), "x", "y", "MD5");
      JsonNode body =
          other
              .send(
                  "POST",
                  "/api/oauth/token",
                  "grant_type=client_credentials",
                  Map.of("Authorization", basic(CLIENT, SECRET), "Content-Type", FORM))
              .json();
      assertThat(body.get("expires_in").asLong()).isEqualTo(300);
    }
  }

  @Test
  void aRevokedOrUnknownTokenIsUnauthorized() throws Exception {
    String token = accessToken();
    String path = "/api/atlas/v1.0/groups/" + PROJECT + "/databaseUsers";
    RawAtlasHttp.Answer revoked =
        http.send(
            "POST",
            "/api/oauth/revoke",
            "token=" + token + "&token_type_hint=access_token",
            Map.of("Authorization", basic(CLIENT, SECRET), "Content-Type", FORM));
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(withBearer(path, token, Map.of()).status()).isEqualTo(401);
    assertThat(withBearer(path, "made-up", Map.of()).status()).isEqualTo(401);

    String another = accessToken();
    atlas.revokeAllTokens();
    assertThat(withBearer(path, another, Map.of()).status()).isEqualTo(401);
  }

  @Test
  void wrongCredentialsAreAnInvalidClientAndAWrongGrantABadRequest() throws Exception {
    RawAtlasHttp.Answer badSecret = token(CLIENT, "wrong", "grant_type=client_credentials");
    assertThat(badSecret.status()).isEqualTo(401);
    assertThat(badSecret.json().get("error").asText()).isEqualTo("invalid_client");
    assertThat(badSecret.body()).doesNotContain("wrong");
    assertThat(token("nobody", SECRET, "grant_type=client_credentials").status()).isEqualTo(401);

    RawAtlasHttp.Answer wrongGrant = token(CLIENT, SECRET, "grant_type=password");
    assertThat(wrongGrant.status()).isEqualTo(400);
    assertThat(wrongGrant.json().get("error").asText()).isEqualTo("unsupported_grant_type");
    RawAtlasHttp.Answer noGrant = token(CLIENT, SECRET, "scope=x");
    assertThat(noGrant.status()).isEqualTo(400);
    assertThat(noGrant.json().get("error").asText()).isEqualTo("invalid_request");
  }

  @Test
  void aServiceAccountOutsideTheProjectsListIsNotInGroup() throws Exception {
    String token =
        token("other-client", "other-secret", "grant_type=client_credentials")
            .json()
            .get("access_token")
            .asText();
    RawAtlasHttp.Answer refused =
        withBearer("/api/atlas/v1.0/groups/" + PROJECT + "/databaseUsers", token, Map.of());
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().get("errorCode").asText()).isEqualTo("NOT_IN_GROUP");
  }

  @Test
  void aRequestWithoutCredentialsStillGetsTheDigestChallenge() throws Exception {
    RawAtlasHttp.Answer challenge =
        http.anonymous("GET", "/api/atlas/v1.0/groups/" + PROJECT + "/databaseUsers", null);
    assertThat(challenge.status()).isEqualTo(401);
    assertThat(challenge.header("WWW-Authenticate")).startsWith("Digest ");
  }

  @Test
  void theTokenEndpointAnswers429AfterItsLimitAMinute() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(token(CLIENT, SECRET, "grant_type=client_credentials").status()).isEqualTo(200);
    }
    RawAtlasHttp.Answer limited = token(CLIENT, SECRET, "grant_type=client_credentials");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).isEqualTo("60");
    assertThat(limited.json())
        .isEqualTo(
            Responder.JSON.readTree(
                "{\"detail\":\"Resource /api/oauth/token is limited to 5 requests every 1"
                    + " minutes.\",\"error\":429,\"errorCode\":\"RATE_LIMITED\","
                    + "\"parameters\":[\"/api/oauth/token\",5,1],"
                    + "\"reason\":\"Too Many Requests\"}"));
    assertThat(token("other-client", "other-secret", "grant_type=client_credentials").status())
        .as("another client has its own count")
        .isEqualTo(200);
    atlas.clock().advance(Duration.ofMinutes(1));
    assertThat(token(CLIENT, SECRET, "grant_type=client_credentials").status()).isEqualTo(200);
  }
}
