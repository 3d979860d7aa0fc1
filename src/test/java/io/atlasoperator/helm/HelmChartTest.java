package io.atlasoperator.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Helm chart, linted and rendered by the Helm that helm-java bundles. */
class HelmChartTest {

  static final Path CHART = Path.of("helm", "atlas-operator");
  static final KubernetesSerialization YAML = new KubernetesSerialization();

  static List<HasMetadata> parse(String yaml) {
    return java.util.Arrays.stream(yaml.split("(?m)^---$"))
        .filter(doc -> doc.contains("kind:"))
        .map(doc -> (HasMetadata) YAML.unmarshal(doc))
        .toList();
  }

  static <T> T only(List<HasMetadata> resources, Class<T> type) {
    return resources.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }

  static Map<String, String> env(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  @Test
  void chartPassesStrictLint() {
    LintResult result = new Helm(CHART).lint().strict().call();

    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void defaultsRenderTheOperatorWithItsDefaultCredentialsInTheReleaseNamespace() {
    List<HasMetadata> resources =
        parse(new Helm(CHART).template().withName("atlas").withNamespace("atlas-system").call());

    assertThat(resources)
        .extracting(HasMetadata::getKind)
        .containsExactlyInAnyOrder(
            "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Deployment");
    Deployment deployment = only(resources, Deployment.class);
    assertThat(deployment.getMetadata().getNamespace()).isEqualTo("atlas-system");
    assertThat(env(deployment))
        .containsEntry("ATLAS_OPERATOR_DEFAULT_CREDENTIALS", "atlas-system/atlas-credentials")
        .containsEntry("ATLAS_OPERATOR_WATCH_NAMESPACES", "")
        .containsEntry("ATLAS_BASE_URL", "https://cloud.mongodb.com/");
    var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("atlas-operator:0.1.0-SNAPSHOT");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
  }

  @Test
  void valuesReachTheOperatorsSettings() {
    Deployment deployment =
        only(
            parse(
                new Helm(CHART)
                    .template()
                    .withName("atlas")
                    .withNamespace("ops")
                    .set("watchNamespaces[0]", "team-a")
                    .set("watchNamespaces[1]", "team-b")
                    .set("defaultCredentialsSecret", "")
                    .set("atlasBaseUrl", "http://atlas-emulator:8090/")
                    .set("allowInsecureHttp", "true")
                    .set("allowAdoption", "false")
                    .set("defaultCredentialsPolicy[0].namespaces[0]", "team-*")
                    .set("defaultCredentialsPolicy[0].projects[0]", "5356823b3794dee37132bb7b")
                    .set("defaultCredentialsPolicy[0].roles[0]", "read")
                    .set("resyncInterval", "30s")
                    .set("image.tag", "1.2.3")
                    .call()),
            Deployment.class);

    assertThat(env(deployment))
        .doesNotContainKey("ATLAS_OPERATOR_DEFAULT_CREDENTIALS")
        .containsEntry("ATLAS_OPERATOR_WATCH_NAMESPACES", "team-a,team-b")
        .containsEntry("ATLAS_BASE_URL", "http://atlas-emulator:8090/")
        .containsEntry("ATLAS_OPERATOR_RESYNC_INTERVAL", "30s")
        .containsEntry("ATLAS_OPERATOR_ALLOW_INSECURE_HTTP", "true")
        .containsEntry("ATLAS_OPERATOR_ALLOW_ADOPTION", "false");
    io.atlasoperator.config.CredentialsPolicy policy =
        io.atlasoperator.config.CredentialsPolicy.parse(
            env(deployment).get("ATLAS_OPERATOR_DEFAULT_CREDENTIALS_POLICY"));
    assertThat(policy.denial("team-x", "5356823b3794dee37132bb7b", List.of("read"))).isEmpty();
    assertThat(policy.denial("other", "5356823b3794dee37132bb7b", List.of("read"))).isPresent();
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("atlas-operator:1.2.3");
  }

  @Test
  void chartGrantsExactlyTheRbacOfThePlainManifests() throws Exception {
    ClusterRole chart =
        only(
            parse(new Helm(CHART).template().withName("atlas").withNamespace("ops").call()),
            ClusterRole.class);
    ClusterRole plain =
        only(parse(Files.readString(Path.of("operator", "rbac.yaml"))), ClusterRole.class);

    assertThat(chart.getRules()).isEqualTo(plain.getRules());
  }

  @Test
  void chartCarriesTheGeneratedCrd() throws Exception {
    assertThat(Files.readString(CHART.resolve("crds/atlasdatabaseusers.atlasoperator.io.yaml")))
        .isEqualTo(Files.readString(Path.of("crds/atlasdatabaseusers.atlasoperator.io.yaml")));
  }

  @Test
  void wrongValuesAreRefusedByTheChartsSchemaWithTheReason() {
    for (String[] wrong :
        new String[][] {
          {"allowInsecureHttp", "yes-please"},
          {"defaultCredentialsPolicy[0].namespaces[0]", "Team A"},
          {"defaultCredentialsPolicy[0].projects[0]", "not-a-project-id"},
          {"maxConcurrentAtlasCalls", "0"},
          {"resyncInterval", "soon"},
        }) {
      var call =
          new Helm(CHART).template().withName("atlas").withNamespace("ops").set(wrong[0], wrong[1]);
      assertThatThrownBy(call::call)
          .as(wrong[0])
          .hasMessageContaining("values don't meet the specifications of the schema");
    }
  }

  @Test
  void listedNamespacesGetNamespacedRolesAndNothingClusterWide() {
    List<HasMetadata> resources =
        parse(
            new Helm(CHART)
                .template()
                .withName("atlas")
                .withNamespace("atlas-system")
                .set("watchNamespaces[0]", "team-a")
                .set("watchNamespaces[1]", "team-b")
                .call());

    assertThat(resources)
        .extracting(r -> r.getKind() + " " + r.getMetadata().getNamespace())
        .containsExactlyInAnyOrder(
            "ServiceAccount atlas-system",
            "Role team-a",
            "RoleBinding team-a",
            "Role team-b",
            "RoleBinding team-b",
            "Role atlas-system",
            "RoleBinding atlas-system",
            "Deployment atlas-system");
    io.fabric8.kubernetes.api.model.rbac.Role credentials =
        resources.stream()
            .filter(r -> r instanceof io.fabric8.kubernetes.api.model.rbac.Role)
            .map(io.fabric8.kubernetes.api.model.rbac.Role.class::cast)
            .filter(r -> r.getMetadata().getNamespace().equals("atlas-system"))
            .findFirst()
            .orElseThrow();
    assertThat(credentials.getRules())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getResources()).containsExactly("secrets");
              assertThat(rule.getVerbs()).containsExactly("get", "list", "watch");
            });
  }

  @Test
  void aCaBundleFromAConfigMapIsMountedAndNamedToTheOperator() {
    Deployment deployment =
        only(
            parse(
                new Helm(CHART)
                    .template()
                    .withName("atlas")
                    .withNamespace("ops")
                    .set("atlasCaBundle.configMap", "corporate-proxy-ca")
                    .call()),
            Deployment.class);

    assertThat(env(deployment))
        .containsEntry("ATLAS_OPERATOR_CA_BUNDLE", "/etc/atlas-operator/ca/ca.crt");
    var pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getVolumes())
        .singleElement()
        .satisfies(v -> assertThat(v.getConfigMap().getName()).isEqualTo("corporate-proxy-ca"));
    assertThat(pod.getContainers().get(0).getVolumeMounts())
        .singleElement()
        .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/etc/atlas-operator/ca"));
  }
}
