package io.atlasoperator.gitops;

import static io.atlasoperator.testing.OperatorEnvironment.scramUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.Role;
import io.atlasoperator.emulator.Fault;
import io.atlasoperator.testing.GoPrograms;
import io.atlasoperator.testing.OperatorEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseBaseLib;

/**
 * How GitOps tools see real AtlasDatabaseUser objects: the operator runs against a real
 * kube-apiserver and the Atlas emulator and puts one resource in each state; each object, exactly
 * as the API server returns it, then goes through
 *
 * <ul>
 *   <li>Argo CD's health check, {@code docs/gitops/argocd-health.lua}, run by a real Lua
 *       interpreter (LuaJ) with only the libraries Argo CD opens for a health check from argocd-cm;
 *   <li>Flux's kstatus ({@code sigs.k8s.io/cli-utils/pkg/kstatus/status.Compute}), through the Go
 *       program in {@code src/test/resources/kstatus/}, built once per machine into {@code
 *       ~/.cache/atlas-operator/kstatus}; without Go that test says NOT RUN.
 * </ul>
 */
class GitOpsHealthIT {

  static final String NS = "gitops";
  static final String UNWATCHED = "gitops-unwatched";
  static final String SCRIPT = "docs/gitops/argocd-health.lua";
  static final String ARGOCD_KEY =
      "resource.customizations.health.atlasoperator.io_AtlasDatabaseUser";
  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The operator watches only {@link #NS}: a resource in {@link #UNWATCHED} never gets a status.
   */
  @RegisterExtension
  static final OperatorEnvironment ENV =
      new OperatorEnvironment(Duration.ofSeconds(30), c -> c.watchNamespaces(Set.of(NS)));

  /** Real objects, by case, as the API server returned them. */
  static final Map<String, ObjectNode> OBJECTS = new LinkedHashMap<>();

  @BeforeAll
  static void putOneResourceInEachState() throws IOException {
    ENV.namespace(NS);
    ENV.namespace(UNWATCHED);
    String project = ENV.newProject();
    String outage = ENV.newProject();
    ENV.atlas().inject(Fault.status(503).forProject(outage).onMethod("POST"));
    for (String name : List.of("ready", "outage", "rejected")) {
      ENV.password(NS, name + "-password", "s3cret-value");
    }
    ENV.create(scramUser(NS, "ready", project, "ready"));
    ENV.create(scramUser(NS, "outage", outage, "outage"));
    AtlasDatabaseUser rejected = scramUser(NS, "rejected", project, "rejected");
    rejected
        .getSpec()
        .setRoles(new ArrayList<>(List.of(new Role("noSuchCustomRole", "admin", null))));
    ENV.create(rejected);
    ENV.create(scramUser(NS, "no-secret", project, "no-secret")); // its Secret never exists
    ENV.create(scramUser(UNWATCHED, "no-status", project, "no-status"));
    AtlasDatabaseUser paused = scramUser(NS, "paused", project, "paused");
    paused
        .getMetadata()
        .setAnnotations(java.util.Map.of("mongodb.com/atlas-reconciliation-policy", "skip"));
    ENV.create(paused);

    ENV.awaitReady(NS, "ready", "True", "Created");
    ENV.awaitReady(NS, "outage", "False", "AtlasUnavailable");
    ENV.awaitReady(NS, "rejected", "False", "AtlasRejected");
    ENV.awaitReady(NS, "no-secret", "False", "SecretNotFound");
    ENV.awaitCondition(NS, "paused", "Held", "True", "Paused");

    OBJECTS.put("ready", raw(NS, "ready"));
    OBJECTS.put("outage", raw(NS, "outage"));
    OBJECTS.put("rejected", raw(NS, "rejected"));
    OBJECTS.put("no-secret", raw(NS, "no-secret"));
    OBJECTS.put("no-status", raw(UNWATCHED, "no-status"));
    OBJECTS.put("paused", raw(NS, "paused"));
    // Just after an edit: the API server bumped metadata.generation, the operator has not yet
    // written a status for it. Made from the real Ready object, as that moment is too short to
    // catch reliably.
    ObjectNode lagging = OBJECTS.get("ready").deepCopy();
    long generation = lagging.path("metadata").path("generation").asLong();
    ((ObjectNode) lagging.get("metadata")).put("generation", generation + 1);
    OBJECTS.put("lagging", lagging);

    // What the cases stand for, so that a change in the operator shows here first.
    assertThat(condition("ready", "Ready").path("status").asText()).isEqualTo("True");
    assertThat(condition("outage", "Reconciling").path("status").asText()).isEqualTo("True");
    assertThat(condition("outage", "Ready").path("message").asText()).contains("503");
    assertThat(condition("rejected", "Stalled").path("status").asText()).isEqualTo("True");
    assertThat(condition("no-secret", "Stalled").path("status").asText()).isEqualTo("True");
    assertThat(OBJECTS.get("no-status").has("status")).as("untouched by the operator").isFalse();
    for (String name : List.of("ready", "outage", "rejected", "no-secret")) {
      assertThat(OBJECTS.get(name).path("status").path("observedGeneration").asLong())
          .as(name)
          .isEqualTo(OBJECTS.get(name).path("metadata").path("generation").asLong());
    }
  }

  @Test
  void argoCdHealthCheckMapsTheConditionsToHealth() throws IOException {
    String script = Files.readString(Path.of(SCRIPT));
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("ready", List.of("Healthy", condition("ready", "Ready").path("message").asText()));
    expected.put(
        "outage",
        List.of("Progressing", condition("outage", "Reconciling").path("message").asText()));
    expected.put(
        "rejected",
        List.of(
            "Degraded",
            "Atlas answered 400 ATLAS_INVALID_ROLE: The specified role noSuchCustomRole@admin does"
                + " not exist."));
    expected.put(
        "no-secret", List.of("Degraded", "Secret " + NS + "/no-secret-password not found"));
    expected.put("lagging", List.of("Progressing", "Waiting for the operator"));
    expected.put("no-status", List.of("Progressing", "Waiting for the operator"));
    expected.put(
        "paused",
        List.of(
            "Suspended",
            "Paused by the annotation mongodb.com/atlas-reconciliation-policy: skip: no Atlas call"
                + " is made until it is removed"));

    SoftAssertions softly = new SoftAssertions();
    for (Map.Entry<String, List<String>> e : expected.entrySet()) {
      Map<String, String> health = argoCdHealth(script, OBJECTS.get(e.getKey()));
      softly.assertThat(health).as(e.getKey()).containsOnlyKeys("status", "message");
      softly
          .assertThat(health.get("status"))
          .as(e.getKey() + " status")
          .isEqualTo(e.getValue().get(0));
      softly
          .assertThat(health.get("message"))
          .as(e.getKey() + " message")
          .isEqualTo(e.getValue().get(1));
    }
    softly.assertThat(expected.get("ready").get(1)).as("Ready's own message").isNotBlank();
    softly.assertThat(expected.get("outage").get(1)).as("Reconciling's message").contains("503");
    softly.assertAll();
  }

  @Test
  void theArgoCdConfigMapInTheDocsCarriesTheTestedScript() throws IOException {
    List<String> doc = Files.readAllLines(Path.of("docs/gitops.md"));
    int key = doc.indexOf("  " + ARGOCD_KEY + ": |");
    assertThat(key).as("docs/gitops.md has the argocd-cm key").isPositive();
    StringBuilder inline = new StringBuilder();
    for (String line : doc.subList(key + 1, doc.size())) {
      if (!line.isEmpty() && !line.startsWith("    ")) {
        break;
      }
      inline.append(line.isEmpty() ? "" : line.substring(4)).append('\n');
    }
    assertThat(inline.toString().stripTrailing())
        .isEqualTo(Files.readString(Path.of(SCRIPT)).stripTrailing());
  }

  @Test
  void fluxKstatusSeesCurrentInProgressAndFailed(@TempDir Path work) throws Exception {
    Path program = buildKstatusProgram();
    List<String> args = new ArrayList<>(List.of(program.toString()));
    Map<String, String> caseOfFile = new HashMap<>();
    for (Map.Entry<String, ObjectNode> e : OBJECTS.entrySet()) {
      Path file = work.resolve(e.getKey() + ".json");
      JSON.writeValue(file.toFile(), e.getValue());
      args.add(file.toString());
      caseOfFile.put(file.toString(), e.getKey());
    }
    List<String> output = GoPrograms.jsonLines(new ProcessBuilder(args));
    Map<String, JsonNode> results = new HashMap<>();
    for (String line : output) {
      JsonNode result = JSON.readTree(line);
      results.put(caseOfFile.get(result.get("file").asText()), result);
    }

    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("ready", List.of("Current", "Resource is Ready"));
    expected.put(
        "outage",
        List.of("InProgress", condition("outage", "Reconciling").path("message").asText()));
    expected.put(
        "rejected", List.of("Failed", condition("rejected", "Stalled").path("message").asText()));
    expected.put("no-secret", List.of("Failed", "Secret " + NS + "/no-secret-password not found"));
    long generation = OBJECTS.get("lagging").path("metadata").path("generation").asLong();
    expected.put(
        "lagging",
        List.of(
            "InProgress",
            "AtlasDatabaseUser generation is "
                + generation
                + ", but latest observed generation is "
                + (generation - 1)));
    // kstatus cannot tell "no status yet" from "has no status": such an object is Current.
    expected.put("no-status", List.of("Current", "Resource is current"));
    // Paused: neither Reconciling nor Stalled, so Flux does not wait on it.
    expected.put("paused", List.of("Current", "Resource is current"));

    SoftAssertions softly = new SoftAssertions();
    softly
        .assertThat(results.keySet())
        .as(String.join("\n", output))
        .containsExactlyInAnyOrderElementsOf(expected.keySet());
    for (Map.Entry<String, List<String>> e : expected.entrySet()) {
      JsonNode result = results.getOrDefault(e.getKey(), JSON.createObjectNode());
      softly
          .assertThat(result.path("status").asText())
          .as(e.getKey() + " status")
          .isEqualTo(e.getValue().get(0));
      softly
          .assertThat(result.path("message").asText())
          .as(e.getKey() + " message")
          .isEqualTo(e.getValue().get(1));
    }
    softly.assertThat(expected.get("rejected").get(1)).contains("ATLAS_INVALID_ROLE");
    softly.assertAll();
  }

  /**
   * Runs the health script as Argo CD does (util/lua): a fresh interpreter with only the package,
   * base and table libraries (the default for a script from argocd-cm), {@code obj} as a global
   * holding the object (numbers as Lua numbers, arrays from 1), and the chunk's return value as the
   * health.
   */
  static Map<String, String> argoCdHealth(String script, JsonNode object) {
    Globals globals = new Globals();
    globals.load(new JseBaseLib());
    globals.load(new PackageLib());
    globals.load(new TableLib());
    LoadState.install(globals);
    LuaC.install(globals);
    globals.set("obj", lua(object));
    LuaValue hs = globals.load(script, SCRIPT).call();
    assertThat(hs.istable()).as("the script returns a table").isTrue();
    Map<String, String> health = new LinkedHashMap<>();
    LuaValue k = LuaValue.NIL;
    while (true) {
      org.luaj.vm2.Varargs next = hs.next(k);
      if ((k = next.arg1()).isnil()) {
        break;
      }
      health.put(k.tojstring(), next.arg(2).tojstring());
    }
    return health;
  }

  /** A JSON value as Argo CD hands it to Lua. */
  static LuaValue lua(JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT:
        LuaTable table = new LuaTable();
        node.fields().forEachRemaining(f -> table.set(f.getKey(), lua(f.getValue())));
        return table;
      case ARRAY:
        LuaTable array = new LuaTable();
        int i = 1;
        for (JsonNode item : node) {
          array.set(i++, lua(item));
        }
        return array;
      case STRING:
        return LuaValue.valueOf(node.asText());
      case NUMBER:
        return LuaValue.valueOf(node.doubleValue());
      case BOOLEAN:
        return LuaValue.valueOf(node.booleanValue());
      default:
        return LuaValue.NIL;
    }
  }

  /** The object exactly as the API server serves it. */
  static ObjectNode raw(String namespace, String name) throws IOException {
    return (ObjectNode)
        JSON.readTree(
            ENV.client()
                .raw(
                    "/apis/atlasoperator.io/v1alpha1/namespaces/"
                        + namespace
                        + "/atlasdatabaseusers/"
                        + name));
  }

  static JsonNode condition(String name, String type) {
    for (JsonNode c : OBJECTS.get(name).path("status").path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c;
      }
    }
    return JSON.createObjectNode();
  }

  /** Builds the kstatus program (the Go module and build caches make rebuilds fast). */
  static Path buildKstatusProgram() throws IOException, InterruptedException {
    Path go = GoPrograms.toolchain("GitOpsHealthIT fluxKstatusSeesCurrentInProgressAndFailed");
    Path dir = GoPrograms.workingCopy("kstatus");
    Path program = dir.resolve("kstatus-check");
    long started = System.nanoTime();
    // The committed go.sum pins every module: nothing is resolved anew.
    GoPrograms.build(go, dir, program, "-mod=readonly");
    System.err.printf(
        "GitOpsHealthIT: kstatus program built in %d ms (%s)%n",
        Duration.ofNanos(System.nanoTime() - started).toMillis(), program);
    return program;
  }
}
