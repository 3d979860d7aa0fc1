package io.atlasoperator.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atlasoperator.testing.GoPrograms;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * MongoDB's own v1.0 Go client ({@code go.mongodb.org/atlas}, with its Digest transport) works
 * against the emulator: {@code src/test/resources/go-client/main.go} creates a SCRAM user and an
 * LDAP group, reads, lists, updates and deletes, and the emulator's state and journal are checked.
 *
 * <p>Needs Go (the project's scripts need it anyway to build the Kubernetes test binaries) and the
 * Go module proxy; the built program is cached in {@code ~/.cache/atlas-operator/go-client}.
 */
class GoClientCompatibilityIT {

  static final String PROJECT = "6356823b3794dee37132bb7c";
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void mongoDbsGoClientCreatesReadsUpdatesListsAndDeletes() throws Exception {
    Path program = build();
    try (AtlasEmulator atlas =
        AtlasEmulator.builder().apiKey("go-public", "go-private-key").project(PROJECT).start()) {
      ProcessBuilder run = new ProcessBuilder(program.toString());
      run.environment()
          .putAll(
              Map.of(
                  "ATLAS_URL",
                  atlas.baseUrl(),
                  "ATLAS_PUBLIC_KEY",
                  "go-public",
                  "ATLAS_PRIVATE_KEY",
                  "go-private-key",
                  "ATLAS_PROJECT",
                  PROJECT));
      Map<String, JsonNode> steps = new LinkedHashMap<>();
      for (String line : GoPrograms.jsonLines(run)) {
        JsonNode step = JSON.readTree(line);
        steps.put(step.get("step").asText(), step.get("result"));
      }
      assertThat(steps.get("create").get("username").asText()).isEqualTo("go-app");
      assertThat(steps.get("create").get("ldapAuthType").asText()).isEqualTo("NONE");
      assertThat(steps.get("create-ldap-group").get("ldapAuthType").asText()).isEqualTo("GROUP");
      assertThat(steps.get("get").get("labels").get(0).get("value").asText()).isEqualTo("payments");
      JsonNode updated = steps.get("update");
      assertThat(updated.get("roles").get(0).get("collectionName").asText()).isEqualTo("invoices");
      assertThat(updated.get("scopes").get(0).get("name").asText()).isEqualTo("cluster0");
      assertThat(updated.get("labels").get(0).get("key").asText())
          .as("PATCH changes only what was sent")
          .isEqualTo("team");
      assertThat(steps.get("list")).hasSize(2);
      assertThat(steps.get("get-deleted").get("status").asInt()).isEqualTo(404);
      assertThat(steps.get("get-deleted").get("errorCode").asText())
          .isEqualTo("USERNAME_NOT_FOUND");
      assertThat(atlas.storedUsers(PROJECT))
          .extracting(u -> u.get("username").asText())
          .containsExactly("CN=analysts,OU=groups,DC=example,DC=com");
      List<String> methods = new ArrayList<>();
      atlas.journal().stream()
          .filter(JournalEntry::authenticated)
          .forEach(e -> methods.add(e.method()));
      assertThat(methods).containsExactly("POST", "POST", "GET", "PATCH", "GET", "DELETE", "GET");
    }
  }

  /** Builds the Go program once per machine (Go module cache and build cache make reruns fast). */
  private static Path build() throws IOException, InterruptedException {
    Path go = GoPrograms.toolchain("GoClientCompatibilityIT");
    Path dir = GoPrograms.workingCopy("go-client");
    Path program = dir.resolve("go-client-check");
    GoPrograms.build(go, dir, program, "-mod=mod");
    return program;
  }
}
