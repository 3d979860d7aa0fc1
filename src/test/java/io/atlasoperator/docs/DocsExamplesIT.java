package io.atlasoperator.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasoperator.testing.LocalKubeApiServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every complete manifest in the README and docs/ (a YAML block with apiVersion and kind) is one
 * the API server accepts with the CRD as it is: server-side dry run, nothing stored. A field
 * renamed or a rule tightened in the model fails here, not in a reader's cluster.
 */
class DocsExamplesIT {

  /** The kinds a bare API server knows (others, such as Flux's, are skipped). */
  private static final Set<String> KINDS =
      Set.of("AtlasDatabaseUser", "Secret", "ConfigMap", "Deployment", "NetworkPolicy");

  private static final Pattern YAML_BLOCK = Pattern.compile("(?s)```ya?ml\\n(.*?)```");

  static LocalKubeApiServer kube;

  @BeforeAll
  static void start() {
    kube = LocalKubeApiServer.start();
    kube.installCrd();
  }

  @AfterAll
  static void stop() {
    if (kube != null) {
      kube.close();
    }
  }

  @Test
  void everyCompleteManifestInTheDocsApplies() throws Exception {
    List<String> refused = new ArrayList<>();
    Set<String> namespaces = new HashSet<>();
    int applied = 0;
    for (Path page : DocsLinksTest.pages()) {
      Matcher block = YAML_BLOCK.matcher(Files.readString(page));
      while (block.find()) {
        String yaml = block.group(1);
        if (!yaml.contains("apiVersion:") || !yaml.contains("kind:")) {
          continue; // a fragment of a spec, not a manifest
        }
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
          java.util.Map<?, ?> top =
              new com.fasterxml.jackson.databind.ObjectMapper(
                      new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                  .readValue(document, java.util.Map.class);
          if (top != null && KINDS.contains(String.valueOf(top.get("kind")))) {
            objects.add(
                kube.client()
                    .load(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)))
                    .items()
                    .get(0));
          }
        }
        for (HasMetadata object : objects) {
          String namespace =
              object.getMetadata().getNamespace() == null
                  ? "docs"
                  : object.getMetadata().getNamespace();
          if (namespaces.add(namespace)) {
            kube.createNamespace(namespace);
          }
          try {
            kube.client().resource(object).inNamespace(namespace).dryRun().create();
            applied++;
          } catch (KubernetesClientException e) {
            refused.add(
                page
                    + ": "
                    + object.getKind()
                    + " "
                    + object.getMetadata().getName()
                    + ": "
                    + e.getMessage());
          }
        }
      }
    }
    assertThat(refused).as("manifests in the docs the API server refuses").isEmpty();
    assertThat(applied).as("complete manifests found").isGreaterThanOrEqualTo(4);
  }
}
