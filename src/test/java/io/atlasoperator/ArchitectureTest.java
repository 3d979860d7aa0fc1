package io.atlasoperator;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package rules docs/architecture.md states, checked on the sources as JavaParser reads them: a
 * rule broken by a new import, or by a fully qualified name written in the code, fails here, not in
 * a review months later.
 */
class ArchitectureTest {

  private static final Path MAIN = Path.of("src/main/java/io/atlasoperator");

  /** What each package must not import. */
  private static final Map<String, List<String>> FORBIDDEN =
      Map.of(
          "domain",
          List.of(
              "io.atlasoperator.", "io.fabric8.", "io.javaoperatorsdk.", "okhttp3.", "retrofit2."),
          "reconciler",
          List.of(
              "io.atlasoperator.atlas.", "io.atlasoperator.emulator.", "okhttp3.", "retrofit2."),
          "status",
          List.of(
              "io.atlasoperator.atlas.", "io.atlasoperator.emulator.", "okhttp3.", "retrofit2."),
          "crd",
          List.of(
              "io.atlasoperator.atlas.", "io.atlasoperator.emulator.", "okhttp3.", "retrofit2."),
          "migrate",
          List.of(
              "io.atlasoperator.atlas.",
              "io.atlasoperator.emulator.",
              "io.atlasoperator.reconciler.",
              "okhttp3.",
              "retrofit2."),
          "atlas",
          List.of("io.atlasoperator.reconciler.", "io.atlasoperator.emulator.", "io.fabric8."),
          "emulator",
          List.of(
              "io.atlasoperator.atlas.",
              "io.atlasoperator.reconciler.",
              "io.atlasoperator.config.",
              "io.atlasoperator.domain.",
              "io.javaoperatorsdk.",
              "io.fabric8."),
          // Settings are read and checked, nothing is done with them.
          "config",
          List.of(
              "io.atlasoperator.reconciler.",
              "io.atlasoperator.emulator.",
              "io.atlasoperator.crd.",
              "io.atlasoperator.status.",
              "io.javaoperatorsdk.",
              "io.fabric8.",
              "okhttp3.",
              "retrofit2."),
          // The process around the operator (probes, log format): no Atlas, no reconciling.
          "runtime",
          List.of(
              "io.atlasoperator.atlas.",
              "io.atlasoperator.reconciler.",
              "io.atlasoperator.emulator.",
              "io.atlasoperator.domain.",
              "okhttp3.",
              "retrofit2."));

  @Test
  void packagesImportOnlyWhatTheirRoleAllows() throws IOException {
    for (Map.Entry<String, List<String>> rule : FORBIDDEN.entrySet()) {
      for (Path file : sources(MAIN.resolve(rule.getKey()))) {
        String own = "io.atlasoperator." + rule.getKey() + ".";
        List<String> bad =
            imports(file).stream()
                .filter(i -> !i.startsWith(own))
                .filter(i -> rule.getValue().stream().anyMatch(i::startsWith))
                .toList();
        assertThat(bad).as("imports in %s", file).isEmpty();
      }
    }
  }

  /**
   * The Testcontainers module ships alone (atlas-emulator-testcontainers.jar), next to the users'
   * own Testcontainers: it may use that and the JDK, nothing of ours. And as Testcontainers is a
   * provided dependency, absent from the operator's and the emulator's jars, nothing else may use
   * it.
   */
  @Test
  void theTestcontainersModuleStandsAloneAndNothingElseUsesTestcontainers() throws IOException {
    List<String> allowed = List.of("org.testcontainers.", "com.github.dockerjava.", "java.");
    for (Path file : sources(MAIN.resolve("testcontainers"))) {
      assertThat(imports(file))
          .as("imports in %s", file)
          .allMatch(i -> allowed.stream().anyMatch(i::startsWith));
    }
    for (Path file : sources(MAIN)) {
      if (!file.startsWith(MAIN.resolve("testcontainers"))) {
        assertThat(imports(file))
            .as("imports in %s", file)
            .noneMatch(
                i ->
                    i.startsWith("io.atlasoperator.testcontainers.")
                        || i.startsWith("org.testcontainers.")
                        || i.startsWith("com.github.dockerjava."));
      }
    }
  }

  /**
   * Every name a source file uses that could be another package's: its imports, the types it names
   * with their scope (io.fabric8.kubernetes.client.KubernetesClient written in full), and qualified
   * expressions (io.atlasoperator.status.Reason.Conflict, a static call's scope).
   */
  private static final JavaParser PARSER =
      new JavaParser(
          new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));

  static List<String> imports(Path file) throws IOException {
    CompilationUnit unit = PARSER.parse(file).getResult().orElseThrow();
    Set<String> names = new TreeSet<>();
    unit.getImports().forEach(i -> names.add(i.getNameAsString()));
    unit.findAll(ClassOrInterfaceType.class).forEach(t -> names.add(t.getNameWithScope()));
    unit.findAll(FieldAccessExpr.class).forEach(f -> names.add(f.toString()));
    // Only package-qualified names: a.b.Type..., not a variable's field (config.port).
    return names.stream()
        .filter(n -> n.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*\\.[A-Z].*"))
        .toList();
  }

  @Test
  void fullyQualifiedNamesInTheCodeCountAsImports() {
    Path sample = Path.of("target", "architecture-sample", "Sample.java");
    try {
      Files.createDirectories(sample.getParent());
      Files.writeString(
          sample,
          "package io.atlasoperator.reconciler;\n"
              + "class Sample {\n"
              + "  okhttp3.OkHttpClient client;\n"
              + "  Object reason = io.atlasoperator.atlas.AtlasApi.V2;\n"
              + "  java.util.List<io.fabric8.kubernetes.api.model.Secret> secrets;\n"
              + "}\n");
      assertThat(imports(sample))
          .contains(
              "okhttp3.OkHttpClient",
              "io.atlasoperator.atlas.AtlasApi.V2",
              "io.fabric8.kubernetes.api.model.Secret");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void mainClassesStaySmallAndTheReconcilerOnlySequences() throws IOException {
    for (Path file : sources(MAIN)) {
      assertThat(Files.readAllLines(file)).as("lines of %s", file).hasSizeLessThanOrEqualTo(300);
    }
    assertThat(
            Files.readAllLines(MAIN.resolve("reconciler/AtlasDatabaseUserReconciler.java")).size())
        .isLessThan(150);
  }

  private static List<Path> sources(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      List<Path> java = files.filter(p -> p.toString().endsWith(".java")).toList();
      assertThat(java).as("sources under %s", root).isNotEmpty();
      return java;
    }
  }
}
