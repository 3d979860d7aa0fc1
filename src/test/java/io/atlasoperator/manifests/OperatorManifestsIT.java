package io.atlasoperator.manifests;

import static io.atlasoperator.testing.OperatorEnvironment.scramUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atlasoperator.AtlasOperator;
import io.atlasoperator.config.OperatorConfig;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.emulator.AtlasEmulator;
import io.atlasoperator.testing.Kubectl;
import io.atlasoperator.testing.LocalKubeApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plain manifests in operator/, applied with kubectl to an API server that enforces RBAC (as
 * kube-api-test starts it), and the operator doing its whole job with only the rights they grant
 * its service account.
 */
class OperatorManifestsIT {

  static final String PROJECT = "5356823b3794dee37132bb7b";
  static final String SA = "system:serviceaccount:atlas-operator:atlas-operator";

  static LocalKubeApiServer kube;
  static Kubectl kubectl;
  static AtlasEmulator atlas;

  @BeforeAll
  static void start() {
    kube = LocalKubeApiServer.start();
    kubectl = new Kubectl(kube);
    atlas =
        AtlasEmulator.builder()
            .apiKey("rbac-public", "rbac-private-placeholder")
            .project(PROJECT)
            .start();
  }

  @AfterAll
  static void stop() {
    atlas.stop();
    kube.close();
  }

  @Test
  void operatorRunsWithOnlyTheRightsItsManifestsGrant() {
    Kubectl.Result applied = kubectl.run("apply", "-k", "operator/");
    assertThat(applied.stderr()).isEmpty();
    assertThat(applied.stdout())
        .contains(
            "customresourcedefinition.apiextensions.k8s.io/atlasdatabaseusers.atlasoperator.io created",
            "clusterrole.rbac.authorization.k8s.io/atlas-operator created",
            "deployment.apps/atlas-operator created");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> kubectl.run("get", "crd", "atlasdatabaseusers.atlasoperator.io").succeeded());
    KubernetesClient admin = kube.client();
    kube.createSecret(
        "atlas-operator",
        "atlas-credentials",
        Map.of("publicApiKey", "rbac-public", "privateApiKey", "rbac-private-placeholder"));
    kube.createNamespace("apps");
    kube.createSecret("apps", "app-password", Map.of("password", "s3cret-value"));

    KubernetesClient asOperator = kube.clientAs("atlas-operator", "atlas-operator");
    AtlasOperator operator =
        AtlasOperator.start(
            asOperator,
            OperatorConfig.builder()
                .atlasBaseUrl(atlas.baseUrl())
                .defaultCredentials(
                    new OperatorConfig.SecretName("atlas-operator", "atlas-credentials"))
                .resyncInterval(Duration.ofSeconds(2))
                .build());
    try {
      admin.resource(scramUser("apps", "app", PROJECT, "app")).create();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  LocalKubeApiServer.ready(
                      admin
                          .resources(AtlasDatabaseUser.class)
                          .inNamespace("apps")
                          .withName("app")
                          .get()));
      assertThat(admin.v1().events().inNamespace("apps").list().getItems())
          .extracting(e -> e.getReason())
          .contains("Created");
      // The same Event again counts up, which the operator's RBAC must allow (get, then patch).
      atlas.deleteBehindTheBack(PROJECT, "admin", "app");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(admin.v1().events().inNamespace("apps").list().getItems())
                      .filteredOn(e -> "Created".equals(e.getReason()))
                      .singleElement()
                      .satisfies(e -> assertThat(e.getCount()).isEqualTo(2)));

      admin.resources(AtlasDatabaseUser.class).inNamespace("apps").withName("app").delete();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  admin.resources(AtlasDatabaseUser.class).inNamespace("apps").withName("app").get()
                      == null);
      assertThat(atlas.storedUser(PROJECT, "admin", "app")).isEmpty();
    } finally {
      operator.close();
      asOperator.close();
    }
  }

  @Test
  void serviceAccountCannotWriteSecretsOrDeleteResources() {
    kubectl.run("apply", "-k", "operator/");

    for (String[] denied :
        new String[][] {
          {"create", "secrets"},
          {"delete", "secrets"},
          {"update", "secrets"},
          {"delete", "atlasdatabaseusers.atlasoperator.io"},
          {"create", "atlasdatabaseusers.atlasoperator.io"},
          {"list", "pods"}
        }) {
      assertThat(
              kubectl
                  .run("auth", "can-i", denied[0], denied[1], "--as=" + SA, "-A")
                  .stdout()
                  .trim())
          .as("%s %s", denied[0], denied[1])
          .isEqualTo("no");
    }
    for (String[] allowed :
        new String[][] {
          {"watch", "secrets"},
          {"patch", "atlasdatabaseusers.atlasoperator.io/status"},
          {"create", "events"}
        }) {
      assertThat(
              kubectl
                  .run("auth", "can-i", allowed[0], allowed[1], "--as=" + SA, "-A")
                  .stdout()
                  .trim())
          .as("%s %s", allowed[0], allowed[1])
          .isEqualTo("yes");
    }
  }
}
