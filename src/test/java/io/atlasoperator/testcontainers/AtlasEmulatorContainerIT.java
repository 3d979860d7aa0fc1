package io.atlasoperator.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import com.burgstaller.okhttp.digest.Credentials;
import com.burgstaller.okhttp.digest.DigestAuthenticator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import okhttp3.Authenticator;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * The example in docs/emulator.md of {@link AtlasEmulatorContainer}, as a user's CI would run it:
 * the emulator image with a key, a project and a fault, called with Digest authentication (OkHttp
 * and okhttp-digest). Only {@code withImagePullPolicy} is ours: the image is built here, not
 * pulled.
 */
class AtlasEmulatorContainerIT {

  static final String PROJECT = "5356823b3794dee37132bb7b";
  static final MediaType JSON = MediaType.get("application/json");
  static final String USER =
      """
      {"databaseName": "admin", "username": "app", "password": "s3cret-pass",
       "roles": [{"roleName": "readWrite", "databaseName": "orders"}]}
      """;

  /** atlas-emulator:VERSION, or the tag the build was told to test (-Dimage.tag). */
  static final DockerImageName IMAGE =
      AtlasEmulatorContainer.DEFAULT_IMAGE_NAME.withTag(
          System.getProperty("atlas.image.tag", AtlasEmulatorContainer.VERSION));

  @BeforeAll
  static void requireEngineAndImage() {
    String missing = null;
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      missing = "no Docker engine is reachable";
    } else {
      try {
        DockerClientFactory.instance().client().inspectImageCmd(IMAGE.toString()).exec();
      } catch (RuntimeException e) {
        missing = "image " + IMAGE + " is not built";
      }
    }
    if (missing != null) {
      System.err.println(
          "AtlasEmulatorContainerIT NOT RUN: "
              + missing
              + ". Run ./scripts/test.sh (it starts an engine and builds the images), or"
              + " scripts/docker-engine.sh start && scripts/build-images.sh first.");
      Assumptions.abort("AtlasEmulatorContainerIT: " + missing);
    }
  }

  /**
   * Digest with the container's first key. A 401 without a challenge (NOT_IN_GROUP: the key has no
   * access to the project) is an answer, not a question for the authenticator.
   */
  static OkHttpClient digest(AtlasEmulatorContainer atlas) {
    Authenticator digest =
        new DigestAuthenticator(new Credentials(atlas.getPublicKey(), atlas.getPrivateKey()));
    return new OkHttpClient.Builder()
        .authenticator(
            (route, response) ->
                response.headers("WWW-Authenticate").isEmpty()
                    ? null
                    : digest.authenticate(route, response))
        .build();
  }

  static String users(AtlasEmulatorContainer atlas, String project) {
    return atlas.getBaseUrl() + "api/atlas/v1.0/groups/" + project + "/databaseUsers";
  }

  @Test
  void aFailedCreateIsRetriedAndTheUserListed() throws Exception {
    try (AtlasEmulatorContainer atlas =
        new AtlasEmulatorContainer(IMAGE)
            .withImagePullPolicy(image -> false) // built by scripts/build-images.sh
            .withApiKey("ci-public", "ci-private")
            .withProject(PROJECT)
            .withFault(503, "POST", 1)
            .withRequestLog()) {
      atlas.start();
      OkHttpClient http = digest(atlas);
      Request create =
          new Request.Builder()
              .url(users(atlas, PROJECT))
              .post(RequestBody.create(USER, JSON))
              .build();

      try (Response first = http.newCall(create).execute()) {
        assertThat(first.code()).isEqualTo(503);
      }
      try (Response second = http.newCall(create).execute()) {
        assertThat(second.code()).isEqualTo(201);
      }
      try (Response list =
          http.newCall(new Request.Builder().url(users(atlas, PROJECT)).build()).execute()) {
        assertThat(list.code()).isEqualTo(200);
        JsonNode page = new ObjectMapper().readTree(list.body().string());
        assertThat(page.path("totalCount").asInt()).isEqualTo(1);
        assertThat(page.path("results").path(0).path("username").asText()).isEqualTo("app");
      }
      assertThat(atlas.getLogs())
          .contains(
              "request POST /api/atlas/v1.0/groups/" + PROJECT + "/databaseUsers 503",
              "request POST /api/atlas/v1.0/groups/" + PROJECT + "/databaseUsers 201");
    }
  }

  @Test
  void keysOfTheirOwnProjectsCustomRolesAndLatency() throws Exception {
    String other = "5356823b3794dee37132bb7c";
    try (AtlasEmulatorContainer atlas =
        new AtlasEmulatorContainer(IMAGE)
            .withImagePullPolicy(image -> false)
            .withApiKey("team-a", "team-a-private")
            .withApiKey("team-b", "team-b-private")
            .withProject(PROJECT, "team-a")
            .withProject(other, "team-b")
            .withCustomRole(PROJECT, "auditor")
            .withLatency(Duration.ofMillis(300))) {
      atlas.start();
      OkHttpClient teamA = digest(atlas);
      String auditor =
          """
          {"databaseName": "admin", "username": "audit", "password": "s3cret-pass",
           "roles": [{"roleName": "auditor", "databaseName": "admin"}]}
          """;

      long started = System.nanoTime();
      try (Response created =
          teamA
              .newCall(
                  new Request.Builder()
                      .url(users(atlas, PROJECT))
                      .post(RequestBody.create(auditor, JSON))
                      .build())
              .execute()) {
        assertThat(created.code()).isEqualTo(201);
      }
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
      try (Response refused =
          teamA.newCall(new Request.Builder().url(users(atlas, other)).build()).execute()) {
        assertThat(refused.code()).isEqualTo(401);
        assertThat(refused.body().string()).contains("NOT_IN_GROUP");
      }
    }
  }
}
