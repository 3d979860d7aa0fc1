package io.atlasoperator.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atlasoperator.testing.GoPrograms;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MongoDB's own v2 Go SDK ({@code go.mongodb.org/atlas-sdk/v20250312023}, the version MongoDB's
 * Kubernetes operator builds with) works against the emulator: {@code
 * src/test/resources/go-sdk/main.go} authenticates with a service account through the SDK's {@code
 * auth/clientcredentials} (and, in a second run, with an API key through its Digest option) and
 * makes the operator's database-user calls: getGroup, getGroupByName, getFlexCluster and getCluster
 * for a scope, get (not found), create, get, update, list clusters and flex clusters, cluster
 * status, delete.
 *
 * <p>Needs Go and the SDK module. Where the Go module proxy does not serve it, set {@code
 * ATLAS_SDK_GO_DIR} to a checkout of mongodb/atlas-sdk-go at tag v20250312023.0.0: the program is
 * then built against that checkout ({@code go mod edit -replace}).
 */
class GoSdkCompatibilityIT {

  static final String PROJECT = "6356823b3794dee37132bb7d";
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SDK = "go.mongodb.org/atlas-sdk/v20250312023";

  static Path program;

  @BeforeAll
  static void build() throws IOException, InterruptedException {
    Path go = GoPrograms.toolchain("GoSdkCompatibilityIT");
    Path dir = GoPrograms.workingCopy("go-sdk");
    String local = System.getenv("ATLAS_SDK_GO_DIR");
    if (local != null && !local.isBlank()) {
      System.err.println("GoSdkCompatibilityIT: building against the SDK checkout in " + local);
      Process edit =
          new ProcessBuilder(go.toString(), "mod", "edit", "-replace", SDK + "=" + local)
              .directory(dir.toFile())
              .inheritIO()
              .start();
      assertThat(edit.waitFor()).isZero();
    } else {
      Process download =
          new ProcessBuilder(go.toString(), "mod", "download", SDK)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(download.getInputStream().readAllBytes());
      if (download.waitFor() != 0) {
        System.err.println(
            "GoSdkCompatibilityIT NOT RUN: the Go module proxy does not serve "
                + SDK
                + " here ("
                + output.strip()
                + "). Set ATLAS_SDK_GO_DIR to a checkout of mongodb/atlas-sdk-go at tag"
                + " v20250312023.0.0 to run it (see docs/contributing.md).");
        Assumptions.abort(SDK + " cannot be downloaded here; set ATLAS_SDK_GO_DIR");
      }
    }
    program = dir.resolve("go-sdk-check");
    GoPrograms.build(go, dir, program, "-mod=mod");
  }

  static AtlasEmulator emulator() {
    return AtlasEmulator.builder()
        .serviceAccount("mdb_sa_id_go", "mdb_sa_sk_go-placeholder")
        .apiKey("go-public", "go-private-key")
        .project(PROJECT, "mdb_sa_id_go", "go-public")
        .projectName(PROJECT, "go-sdk-project")
        .cluster(PROJECT, "Cluster0")
        .flexCluster(PROJECT, "Flex0")
        .rateLimit(100, 100, java.time.Duration.ofMinutes(1))
        .start();
  }

  static Map<String, JsonNode> run(AtlasEmulator atlas, Map<String, String> env) throws Exception {
    ProcessBuilder run = new ProcessBuilder(program.toString());
    Map<String, String> all = new HashMap<>(env);
    all.put("ATLAS_URL", atlas.baseUrl());
    all.put("ATLAS_PROJECT", PROJECT);
    all.put("ATLAS_CLUSTER", "Cluster0");
    all.put("ATLAS_FLEX_CLUSTER", "Flex0");
    run.environment().putAll(all);
    Map<String, JsonNode> steps = new LinkedHashMap<>();
    for (String line : GoPrograms.jsonLines(run)) {
      JsonNode step = JSON.readTree(line);
      steps.put(step.get("step").asText(), step);
    }
    return steps;
  }

  static void assertTheOperatorsSequenceWorked(Map<String, JsonNode> steps) {
    assertThat(steps.get("getGroup").get("result").get("name").asText())
        .isEqualTo("go-sdk-project");
    assertThat(steps.get("getGroupByName").get("result").get("id").asText()).isEqualTo(PROJECT);
    assertThat(steps.get("getFlexCluster-of-cluster").get("errorCode").asText())
        .isEqualTo("CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API");
    assertThat(steps.get("getCluster").get("result").get("stateName").asText()).isEqualTo("IDLE");
    assertThat(steps.get("getFlexCluster").get("result").get("name").asText()).isEqualTo("Flex0");
    assertThat(steps.get("get-missing").get("status").asInt()).isEqualTo(404);
    assertThat(steps.get("get-missing").get("errorCode").asText()).isEqualTo("USERNAME_NOT_FOUND");
    JsonNode created = steps.get("create");
    assertThat(created.get("status").asInt()).isEqualTo(201);
    assertThat(created.get("contentType").asText())
        .isEqualTo("application/vnd.atlas.2023-01-01+json;charset=utf-8");
    assertThat(created.get("result").get("description").asText()).isEqualTo("made by atlas-sdk-go");
    assertThat(created.get("result").get("oidcAuthType").asText()).isEqualTo("NONE");
    assertThat(steps.get("get").get("result").get("labels").get(0).get("value").asText())
        .isEqualTo("payments");
    assertThat(steps.get("update").get("result").get("roles").get(0).get("collectionName").asText())
        .isEqualTo("invoices");
    assertThat(steps.get("listClusters").get("result").get("totalCount").asInt()).isEqualTo(1);
    assertThat(steps.get("listFlexClusters").get("result").get("totalCount").asInt()).isEqualTo(1);
    assertThat(steps.get("getClusterStatus").get("result").get("changeStatus").asText())
        .isEqualTo("APPLIED");
    assertThat(steps.get("delete").get("status").asInt()).isEqualTo(204);
    assertThat(steps.get("get-deleted").get("errorCode").asText()).isEqualTo("USERNAME_NOT_FOUND");
  }

  @Test
  void mongoDbsV2SdkWithAServiceAccountMakesTheOperatorsCalls() throws Exception {
    try (AtlasEmulator atlas = emulator()) {
      Map<String, JsonNode> steps =
          run(
              atlas,
              Map.of(
                  "AUTH", "sa",
                  "ATLAS_CLIENT_ID", "mdb_sa_id_go",
                  "ATLAS_CLIENT_SECRET", "mdb_sa_sk_go-placeholder"));
      assertTheOperatorsSequenceWorked(steps);
      List<JournalEntry> journal = atlas.journal();
      assertThat(journal)
          .filteredOn(e -> e.path().equals("/api/oauth/token"))
          .as("one token serves every call")
          .hasSize(1)
          .allMatch(e -> e.status() == 200);
      assertThat(journal)
          .filteredOn(e -> e.path().startsWith("/api/atlas/v2/"))
          .hasSize(14)
          .allMatch(e -> "mdb_sa_id_go".equals(e.principal()));
      assertThat(journal)
          .filteredOn(e -> e.path().contains("/databaseUsers"))
          .extracting(JournalEntry::method)
          .containsExactly("GET", "POST", "GET", "PATCH", "DELETE", "GET");
      assertThat(journal.toString()).doesNotContain("mdb_sa_sk_go-placeholder");
      assertThat(atlas.storedUsers(PROJECT)).isEmpty();
    }
  }

  @Test
  void mongoDbsV2SdkWithDigestMakesTheSameCalls() throws Exception {
    try (AtlasEmulator atlas = emulator()) {
      Map<String, JsonNode> steps =
          run(
              atlas,
              Map.of(
                  "AUTH", "digest",
                  "ATLAS_PUBLIC_KEY", "go-public",
                  "ATLAS_PRIVATE_KEY", "go-private-key"));
      assertTheOperatorsSequenceWorked(steps);
      assertThat(atlas.journal())
          .filteredOn(JournalEntry::authenticated)
          .hasSize(14)
          .allMatch(e -> "go-public".equals(e.principal()));
    }
  }
}
