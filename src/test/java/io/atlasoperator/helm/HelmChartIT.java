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
  }
}
