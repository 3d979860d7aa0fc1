package io.atlasoperator.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atlasoperator.testing.KubeApiServerExtension;
import io.atlasoperator.testing.Kubectl;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The committed CRD, installed in a real API server, as users meet it through kubectl. */
class AtlasDatabaseUserCrdIT {

  @RegisterExtension static final KubeApiServerExtension KUBE = new KubeApiServerExtension();

  private static final Path SAMPLES = Path.of("operator", "samples");
  private static final Path INVALID = Path.of("src", "test", "resources", "crd", "invalid");
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  private static CustomResourceDefinition crd;
  private static Kubectl kubectl;

  @BeforeAll
  static void installCrd() {
    crd = KUBE.server().installCrd();
    kubectl = new Kubectl(KUBE.server());
  }

  @Test
  void crdIsEstablishedUnderItsOwnGroupWithShortName() {
    assertThat(crd.getSpec().getGroup()).isEqualTo("atlasoperator.io");
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("adbu");
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getVersions())
        .singleElement()
        .satisfies(v -> assertThat(v.getSubresources().getStatus()).isNotNull());
  }

  @Test
  void kubectlGetShowsThePrinterColumns() {
    String ns = freshNamespace();
    assertThat(kubectl.apply(ns, read(SAMPLES.resolve("basic-scram-user.yaml"))).succeeded())
        .isTrue();

    Kubectl.Result result = kubectl.run("get", "adbu", "-n", ns);

    assertThat(result.stdout().lines().findFirst().orElseThrow().split("\\s+"))
        .containsExactly("NAME", "USERNAME", "PROJECT", "READY", "REASON", "AGE");
    assertThat(result.stdout()).contains("orders-app", "5356823b3794dee37132bb7b");
    assertThat(
            kubectl
                .run("get", "adbu", "-n", ns, "-o", "wide")
                .stdout()
                .lines()
                .findFirst()
                .orElseThrow()
                .split("\\s+"))
        .containsExactly("NAME", "USERNAME", "PROJECT", "READY", "REASON", "EXPIRES", "AGE");
  }

  @Test
  void kubectlExplainShowsTheModelJavadoc() {
    // The API server publishes a new CRD's OpenAPI schema a few seconds after it is Established.
    Kubectl.Result result =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> kubectl.run("explain", "atlasdatabaseusers.spec.deletionPolicy"),
                Kubectl.Result::succeeded);

    assertThat(result.stdout()).contains("Retain leaves it there");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void sampleIsAcceptedAndRoundTrips(String sample) {
    String ns = freshNamespace();
    String yaml = read(SAMPLES.resolve(sample));

    Kubectl.Result result = kubectl.apply(ns, yaml);

    assertThat(result.stderr()).isEmpty();
    assertThat(result.succeeded()).isTrue();
    for (String document : yaml.split("(?m)^---$")) {
      if (KUBE.client().getKubernetesSerialization().unmarshal(document)
          instanceof AtlasDatabaseUser expected) {
        AtlasDatabaseUser stored =
            KUBE.client()
                .resources(AtlasDatabaseUser.class)
                .inNamespace(ns)
                .withName(expected.getMetadata().getName())
                .get();
        assertThat(Serialization.asJson(stored.getSpec()))
            .isEqualTo(Serialization.asJson(expected.getSpec()));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidManifests")
  void invalidManifestIsRejectedWithAClearMessage(String file) {
    String ns = freshNamespace();
    String text = read(INVALID.resolve(file));
    String expected = text.lines().findFirst().orElseThrow().replaceFirst("^# expect: ", "");
    String[] documents = text.split("(?m)^---$");
    for (int i = 0; i < documents.length - 1; i++) {
      assertThat(kubectl.apply(ns, documents[i]).stderr()).as("setup document %d", i).isEmpty();
    }

    Kubectl.Result result = kubectl.apply(ns, documents[documents.length - 1]);

    assertThat(result.succeeded()).isFalse();
    assertThat(result.stderr()).contains(expected);
    // "# not: TEXT" lines name messages that would mislead for this manifest.
    text.lines()
        .filter(l -> l.startsWith("# not: "))
        .forEach(l -> assertThat(result.stderr()).doesNotContain(l.substring("# not: ".length())));
  }

  static Stream<String> samples() throws IOException {
    return fileNames(SAMPLES).filter(name -> !name.equals("kustomization.yaml"));
  }

  static Stream<String> invalidManifests() throws IOException {
    return fileNames(INVALID);
  }

  private static Stream<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  private static String freshNamespace() {
    String name = "crd-it-" + NAMESPACES.incrementAndGet();
    KUBE.server().createNamespace(name);
    return name;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
