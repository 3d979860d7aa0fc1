package io.atlasoperator.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three places where clients found the emulator unlike Atlas: a malformed project id (404
 * INVALID_GROUP_ID, as the Errors page documents), the token endpoint asked for with a doubled
 * slash, and a flex cluster's status through the clusters API (see ChangeStatusTest).
 */
class PublishedDifferencesTest {

  static final String PROJECT = "5356823b3794dee37132bb7b";
  static final Map<String, String> ACCEPT =
      Map.of("Accept", "application/vnd.atlas.2023-01-01+json");

  AtlasEmulator atlas;
  RawAtlasHttp http;

  @BeforeEach
  void start() {
    atlas =
        AtlasEmulator.builder()
            .apiKey("pub", "priv-key")
            .serviceAccount("sa-client", "sa-secret")
            .project(PROJECT)
            .cluster(PROJECT, "Cluster0")
            .start();
    http = new RawAtlasHttp(atlas.baseUrl(), "pub", "priv-key", "MD5");
  }

  @AfterEach
  void stop() {
    atlas.close();
  }

  @Test
  void aProjectIdThatIsNotTwentyFourLowercaseHexDigitsIsAnInvalidGroupId() throws Exception {
    for (String bad :
        List.of("my-project", "5356823b3794dee37132bb7", "5356823B3794DEE37132BB7B", "x")) {
      for (String path :
          List.of(
              "/api/atlas/v2/groups/" + bad + "/databaseUsers",
              "/api/atlas/v2/groups/" + bad + "/clusters/Cluster0/status",
              "/api/atlas/v2/groups/" + bad)) {
        RawAtlasHttp.Answer answer = http.call("GET", path, null, ACCEPT);
        assertThat(answer.status()).as(path).isEqualTo(404);
        assertThat(answer.json())
            .isEqualTo(
                Responder.JSON.readTree(
                    "{\"detail\":\"An invalid group ID "
                        + bad
                        + " was specified.\",\"error\":404,\"errorCode\":\"INVALID_GROUP_ID\","
                        + "\"parameters\":[\""
                        + bad
                        + "\"],\"reason\":\"Not Found\"}"));
      }
      RawAtlasHttp.Answer v1 = http.get("/api/atlas/v1.0/groups/" + bad + "/databaseUsers");
      assertThat(v1.status()).isEqualTo(404);
      assertThat(v1.json().get("errorCode").asText()).isEqualTo("INVALID_GROUP_ID");
    }
  }

  @Test
  void authenticationStillComesFirstAndAWellFormedUnknownIdIsStillNotInGroup() throws Exception {
    RawAtlasHttp.Answer anonymous =
        http.anonymous("GET", "/api/atlas/v1.0/groups/my-project/databaseUsers", null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("WWW-Authenticate")).startsWith("Digest ");
    RawAtlasHttp.Answer unknown =
        http.get("/api/atlas/v1.0/groups/000000000000000000000009/databaseUsers");
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.json().get("errorCode").asText()).isEqualTo("NOT_IN_GROUP");
  }

  static String basic(String id, String secret) {
    return "Basic "
        + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theTokenEndpointIsServedWithADoubledSlashAsTheOperatorAsksForIt() throws Exception {
    String domain = atlas.baseUrl(); // ends with "/", like https://cloud.mongodb.com/
    URI tokenUrl = URI.create(domain + "/api/oauth/token");
    assertThat(tokenUrl.getRawPath()).isEqualTo("//api/oauth/token");
    Map<String, String> form =
        Map.of(
            "Authorization",
            basic("sa-client", "sa-secret"),
            "Content-Type",
            "application/x-www-form-urlencoded");

    RawAtlasHttp.Answer token =
        http.send("POST", "//api/oauth/token", "grant_type=client_credentials", form);
    assertThat(token.status()).as(token.body()).isEqualTo(200);
    String accessToken = token.json().get("access_token").asText();
    assertThat(token.json().get("token_type").asText()).isEqualTo("Bearer");
    assertThat(atlas.journal().get(atlas.journal().size() - 1).path())
        .isEqualTo("//api/oauth/token");

    RawAtlasHttp.Answer users =
        http.send(
            "GET",
            "/api/atlas/v2/groups/" + PROJECT + "/databaseUsers",
            null,
            Map.of("Authorization", "Bearer " + accessToken, "Accept", ACCEPT.get("Accept")));
    assertThat(users.status()).isEqualTo(200);

    RawAtlasHttp.Answer revoked =
        http.send("POST", "///api//oauth/revoke", "token=" + accessToken, form);
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(
            http.send(
                    "GET",
                    "/api/atlas/v2/groups/" + PROJECT + "/databaseUsers",
                    null,
                    Map.of(
                        "Authorization", "Bearer " + accessToken, "Accept", ACCEPT.get("Accept")))
                .status())
        .isEqualTo(401);
  }

  @Test
  void theAdministrationApiIsNotServedWithADoubledSlash() throws Exception {
    RawAtlasHttp.Answer answer =
        http.call("GET", "//api/atlas/v2/groups/" + PROJECT + "/databaseUsers", null, ACCEPT);
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.json().get("errorCode").asText()).isEqualTo("RESOURCE_NOT_FOUND");
  }
}
