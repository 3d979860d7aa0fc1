package io.atlasoperator.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.atlasoperator.testing.KubeApiServerExtension;
import io.atlasoperator.testing.LocalKubeApiServer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** helm install of the chart into a real API server. */
class HelmChartIT {

  @RegisterExtension static final KubeApiServerExtension KUBE = new KubeApiServerExtension();

  @Test
  void theApiServerTakesThePodPlacedAndLabelledByTheValues() {
    Release release =
        new Helm(Path.of("helm", "atlas-operator"))
            .install()
            .withName("placed")
            .withNamespace("placed-system")
            .createNamespace()
            .set("serviceAccount.name", "placed-operator")
            .set("imagePullSecrets[0].name", "registry-credentials")
            .set("nodeSelector.kubernetes\\.io/os", "linux")
            .set("tolerations[0].key", "dedicated")
            .set("tolerations[0].operator", "Exists")
            .set("tolerations[0].effect", "NoSchedule")
            .set("priorityClassName", "system-cluster-critical")
            .set("podLabels.team", "platform")
            .set("podAnnotations.example\\.com/owner", "platform-team")
            .withKubeConfigContents(KUBE.server().kubeConfigYaml())
            .call();

    assertThat(release.getStatus()).isEqualTo("deployed");
    var pod =
        KUBE.client()
            .apps()
            .deployments()
            .inNamespace("placed-system")
            .withName("placed-atlas-operator")
            .get()
            .getSpec()
            .getTemplate();
    assertThat(pod.getSpec().getNodeSelector()).containsEntry("kubernetes.io/os", "linux");
    assertThat(pod.getSpec().getTolerations())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.getKey()).isEqualTo("dedicated");
              assertThat(t.getOperator()).isEqualTo("Exists");
              assertThat(t.getEffect()).isEqualTo("NoSchedule");
            });
    assertThat(pod.getSpec().getImagePullSecrets())
        .extracting(io.fabric8.kubernetes.api.model.LocalObjectReference::getName)
        .containsExactly("registry-credentials");
    assertThat(pod.getSpec().getPriorityClassName()).isEqualTo("system-cluster-critical");
    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("placed-operator");
    assertThat(pod.getMetadata().getLabels()).containsEntry("team", "platform");
    assertThat(pod.getMetadata().getAnnotations())
        .containsEntry("example.com/owner", "platform-team");
  }

  @Test
  void chartInstallsTheCrdAndTheOperator() {
    Release release =
        new Helm(Path.of("helm", "atlas-operator"))
            .install()
            .withName("atlas")
            .withNamespace("atlas-system")
            .createNamespace()
            .withKubeConfigContents(KUBE.server().kubeConfigYaml())
            .call();

    assertThat(release.getStatus()).isEqualTo("deployed");
    CustomResourceDefinition crd =
        KUBE.client()
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName("atlasdatabaseusers.atlasoperator.io")
            .waitUntilCondition(LocalKubeApiServer::established, 60, TimeUnit.SECONDS);
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("adbu");
    assertThat(
            KUBE.client()
                .apps()
                .deployments()
                .inNamespace("atlas-system")
                .withName("atlas-atlas-operator")
                .get())
        .isNotNull();
    assertThat(
            KUBE.client()
                .serviceAccounts()
                .inNamespace("atlas-system")
                .withName("atlas-operator")
                .get())
        .isNotNull();
    assertThat(
            KUBE.client()
                .rbac()
                .clusterRoleBindings()
                .withName("atlas-atlas-operator")
                .get()
                .getSubjects())
        .singleElement()
        .satisfies(s -> assertThat(s.getNamespace()).isEqualTo("atlas-system"));
    assertThat(
            KUBE.client()
                .services()
                .inNamespace("atlas-system")
                .withName("atlas-atlas-operator-metrics")
                .get()
                .getSpec()
                .getPorts())
        .extracting(p -> p.getName())
        .containsExactly("http");
    // Leader election (on by default): its own Lease in the release namespace, no other.
    io.atlasoperator.testing.Kubectl kubectl = new io.atlasoperator.testing.Kubectl(KUBE.server());
    String as = "--as=system:serviceaccount:atlas-system:atlas-operator";
    for (String[] check :
        new String[][] {
          {"yes", "create", "leases", "atlas-system"},
          {"yes", "update", "leases/atlas-operator", "atlas-system"},
          {"yes", "patch", "leases/atlas-operator", "atlas-system"},
          {"no", "patch", "leases/other", "atlas-system"},
          {"no", "create", "leases", "default"},
        }) {
      assertThat(
              kubectl.run("auth", "can-i", check[1], check[2], "-n", check[3], as).stdout().trim())
          .as("%s %s -n %s", check[1], check[2], check[3])
          .isEqualTo(check[0]);
    }
  }

  @Test
  void withListedNamespacesTheOperatorWorksThroughNamespacedRolesAlone() {
    String project = "5356823b3794dee37132bb7b";
    KUBE.server().createNamespace("team-a");
    KUBE.server().createNamespace("team-b");
    new Helm(Path.of("helm", "atlas-operator"))
        .install()
        .withName("scoped")
        .withNamespace("scoped-system")
        .createNamespace()
        .set("watchNamespaces[0]", "team-a")
        .set("serviceAccount.name", "scoped-operator")
        .withKubeConfigContents(KUBE.server().kubeConfigYaml())
        .call();
    KUBE.server()
        .createSecret(
            "scoped-system",
            "atlas-credentials",
            java.util.Map.of("publicApiKey", "scoped-public", "privateApiKey", "scoped-private"));
    KUBE.server()
        .createSecret("team-a", "app-password", java.util.Map.of("password", "s3cret-value"));
    KUBE.server().createSecret("team-b", "hidden", java.util.Map.of("password", "not-for-us"));
    io.atlasoperator.testing.Kubectl kubectl = new io.atlasoperator.testing.Kubectl(KUBE.server());
    String as = "--as=system:serviceaccount:scoped-system:scoped-operator";
    assertThat(kubectl.run("auth", "can-i", "list", "secrets", "-n", "team-b", as).stdout().trim())
        .isEqualTo("no");
    assertThat(kubectl.run("auth", "can-i", "list", "secrets", "-A", as).stdout().trim())
        .isEqualTo("no");
    assertThat(kubectl.run("auth", "can-i", "list", "secrets", "-n", "team-a", as).stdout().trim())
        .isEqualTo("yes");

    try (io.atlasoperator.emulator.AtlasEmulator atlas =
            io.atlasoperator.emulator.AtlasEmulator.builder()
                .apiKey("scoped-public", "scoped-private")
                .project(project)
                .start();
        var asOperator = KUBE.server().clientAs("scoped-system", "scoped-operator")) {
      io.atlasoperator.AtlasOperator operator =
          io.atlasoperator.AtlasOperator.start(
              asOperator,
              io.atlasoperator.config.OperatorConfig.builder()
                  .atlasBaseUrl(atlas.baseUrl())
                  .watchNamespaces(java.util.Set.of("team-a"))
                  .defaultCredentials(
                      new io.atlasoperator.config.OperatorConfig.SecretName(
                          "scoped-system", "atlas-credentials"))
                  .build());
      try {
        KUBE.client()
            .resource(
                io.atlasoperator.testing.OperatorEnvironment.scramUser(
                    "team-a", "app", project, "app"))
            .create();
        org.awaitility.Awaitility.await()
            .atMost(java.time.Duration.ofSeconds(60))
            .until(
                () ->
                    LocalKubeApiServer.ready(
                        KUBE.client()
                            .resources(io.atlasoperator.crd.AtlasDatabaseUser.class)
                            .inNamespace("team-a")
                            .withName("app")
                            .get()));
        assertThat(atlas.storedUser(project, "admin", "app")).isPresent();
      } finally {
        operator.close();
      }
    }
  }
}
