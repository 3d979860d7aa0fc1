package io.atlasoperator.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Federated database instances ({@code /dataFederation}, a plain array, 2023-01-01) and stream
 * instances ({@code /streams}, a page, 2023-02-01) as their own read-only resources.
 */
class FederatedDatabaseAndStreamTest {

  static final String PROJECT = "5356823b3794dee37132bb7b";
  static final String V2 = "/api/atlas/v2/groups/" + PROJECT;
  static final String TYPE_2023 = "application/vnd.atlas.2023-01-01+json";
  static final String TYPE_STREAMS = "application/vnd.atlas.2023-02-01+json";

  AtlasEmulator atlas;
  RawAtlasHttp http;

  @BeforeEach
  void start() {
    atlas =
        AtlasEmulator.builder()
            .apiKey("pub", "priv-key")
            .project(PROJECT, "pub")
            .federatedDatabase(PROJECT, "FederatedDatabase0")
            .streamInstance(PROJECT, "Stream0")
            .start();
    http = new RawAtlasHttp(atlas.baseUrl(), "pub", "priv-key", "MD5");
  }

  @AfterEach
  void stop() {
    atlas.close();
  }

  RawAtlasHttp.Answer get(String path, String type) throws Exception {
    return http.call("GET", V2 + path, null, Map.of("Accept", type));
  }

  @Test
  void federatedDatabasesAreAPlainArrayOfTheSpecsVersion() throws Exception {
    RawAtlasHttp.Answer list = get("/dataFederation", "application/vnd.atlas.2025-03-12+json");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.header("Content-Type")).isEqualTo(TYPE_2023 + ";charset=utf-8");
    JsonNode body = list.json();
    assertThat(body.isArray()).isTrue();
    JsonNode instance = body.get(0);
    assertThat(instance.get("name").asText()).isEqualTo("FederatedDatabase0");
    assertThat(instance.get("state").asText()).isEqualTo("ACTIVE");
    assertThat(instance.get("groupId").asText()).isEqualTo(PROJECT);
    assertThat(instance.get("hostnames").get(0).asText())
        .isEqualTo("federateddatabase0.a.query.emulator.mongodb.net");
    assertThat(instance.has("links")).isFalse();

    assertThat(get("/dataFederation/FederatedDatabase0", TYPE_2023).json()).isEqualTo(instance);
    RawAtlasHttp.Answer missing = get("/dataFederation/Nope", TYPE_2023);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("errorCode").asText())
        .isEqualTo("DATA_FEDERATION_TENANT_NOT_FOUND_FOR_NAME");
    assertThat(missing.json().get("detail").asText())
        .isEqualTo("Data Federation tenant for project " + PROJECT + " and name Nope not found.");
  }

  @Test
  void streamInstancesAreAPageOfTheSpecsVersion() throws Exception {
    RawAtlasHttp.Answer page = get("/streams", TYPE_STREAMS);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).isEqualTo(TYPE_STREAMS + ";charset=utf-8");
    JsonNode body = page.json();
    assertThat(body.get("totalCount").asInt()).isEqualTo(1);
    assertThat(body.get("links").get(0).get("href").asText())
        .isEqualTo(atlas.baseUrl() + V2.substring(1) + "/streams?pageNum=1&itemsPerPage=100");
    JsonNode instance = body.get("results").get(0);
    assertThat(instance.get("name").asText()).isEqualTo("Stream0");
    assertThat(instance.get("_id").asText()).matches("[a-f0-9]{24}");
    assertThat(instance.get("groupId").asText()).isEqualTo(PROJECT);
    assertThat(instance.get("hostnames").get(0).asText()).startsWith("atlas-stream-");

    assertThat(get("/streams", TYPE_2023).status())
        .as("streams have no 2023-01-01 version")
        .isEqualTo(406);
    assertThat(get("/streams/Stream0", TYPE_STREAMS).status())
        .as("a single stream instance is not served")
        .isEqualTo(404);
  }

  @Test
  void instancesAddedAtRuntimeAreListed() throws Exception {
    atlas.addFederatedDatabase(PROJECT, "FederatedDatabase1").addStreamInstance(PROJECT, "Stream1");
    assertThat(get("/dataFederation", TYPE_2023).json().findValuesAsText("name"))
        .containsExactly("FederatedDatabase0", "FederatedDatabase1");
    assertThat(
            get("/streams?itemsPerPage=1&pageNum=2", TYPE_STREAMS)
                .json()
                .get("results")
                .findValuesAsText("name"))
        .containsExactly("Stream1");
  }

  @Test
  void anotherKeysProjectIsNotInGroup() throws Exception {
    atlas.addApiKey("outsider", "outsider-key");
    RawAtlasHttp outsider = new RawAtlasHttp(atlas.baseUrl(), "outsider", "outsider-key", "MD5");
    assertThat(
            outsider
                .call("GET", V2 + "/dataFederation", null, Map.of("Accept", TYPE_2023))
                .json()
                .get("errorCode")
                .asText())
        .isEqualTo("NOT_IN_GROUP");
  }
}
