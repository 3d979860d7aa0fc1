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
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The plain manifests in operator/, applied with kubectl to an API server that enforces RBAC (as
 * kube-api-test starts it), and the operator doing its whole job with only the rights they grant
 * its service account.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
  @Order(1) // the first apply: it expects "created"
  void operatorRunsWithOnlyTheRightsItsManifestsGrant() {
    Kubectl.Result applied = kubectl.run("apply", "-k", "operator/");
    // No warning either: the namespace warns when the pod breaks the restricted Pod Security
    // Standard.
    assertThat(applied.stderr()).isEmpty();
    assertThat(applied.stdout())
        .contains(
            "customresourcedefinition.apiextensions.k8s.io/atlasdatabaseusers.atlasoperator.io created",
            "clusterrole.rbac.authorization.k8s.io/atlas-operator created",
            "role.rbac.authorization.k8s.io/atlas-operator-leader-election created",
            "service/atlas-operator-metrics created",
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
  void serviceAccountWritesOnlyConnectionSecretsAndCannotDeleteResources() {
    kubectl.run("apply", "-k", "operator/");

    for (String[] denied :
        new String[][] {
          // Connection Secrets are created, updated and deleted whole: never patched.
          {"patch", "secrets"},
          {"deletecollection", "secrets"},
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
          {"create", "secrets"},
          {"update", "secrets"},
          {"delete", "secrets"},
          {"patch", "atlasdatabaseusers.atlasoperator.io", "--subresource=status"},
          {"create", "events"}
        }) {
      java.util.List<String> args =
          new java.util.ArrayList<>(
              java.util.List.of("auth", "can-i", allowed[0], allowed[1], "--as=" + SA, "-A"));
      args.addAll(java.util.Arrays.asList(allowed).subList(2, allowed.length));
      assertThat(kubectl.run(args.toArray(String[]::new)).stdout().trim())
          .as(String.join(" ", allowed))
          .isEqualTo("yes");
    }
  }

  /**
   * The roles for people: bound in a namespace (as the aggregation into edit and view would grant
   * them; this API server has no controller-manager to aggregate), they reach AtlasDatabaseUsers
   * there and nothing else.
   */
  @Test
  void theUserRolesLetPeopleWriteOrReadAtlasDatabaseUsersAndNoSecret() {
    assertThat(kubectl.run("apply", "-k", "operator/").succeeded()).isTrue();
    kubectl.run("create", "namespace", "team-roles");
    kubectl.run(
        "create",
        "rolebinding",
        "dev-edit",
        "-n",
        "team-roles",
        "--clusterrole=atlas-operator-edit",
        "--user=dev");
    kubectl.run(
        "create",
        "rolebinding",
        "auditor-view",
        "-n",
        "team-roles",
        "--clusterrole=atlas-operator-view",
        "--user=auditor");

    // user, verb, resource, namespace, subresource ("" for none), the answer
    for (String[] check :
        new String[][] {
          {"dev", "create", "atlasdatabaseusers.atlasoperator.io", "team-roles", "", "yes"},
          {"dev", "patch", "atlasdatabaseusers.atlasoperator.io", "team-roles", "", "yes"},
          {"dev", "delete", "atlasdatabaseusers.atlasoperator.io", "team-roles", "", "yes"},
          {"dev", "create", "atlasdatabaseusers.atlasoperator.io", "default", "", "no"},
          {"dev", "get", "atlasdatabaseusers.atlasoperator.io", "team-roles", "status", "yes"},
          {"dev", "patch", "atlasdatabaseusers.atlasoperator.io", "team-roles", "status", "no"},
          {"dev", "get", "secrets", "team-roles", "", "no"},
          {"auditor", "list", "atlasdatabaseusers.atlasoperator.io", "team-roles", "", "yes"},
          {"auditor", "get", "atlasdatabaseusers.atlasoperator.io", "team-roles", "status", "yes"},
          {"auditor", "create", "atlasdatabaseusers.atlasoperator.io", "team-roles", "", "no"},
          {"auditor", "get", "secrets", "team-roles", "", "no"}
        }) {
      java.util.List<String> args =
          new java.util.ArrayList<>(
              java.util.List.of(
                  "auth", "can-i", check[1], check[2], "-n", check[3], "--as=" + check[0]));
      if (!check[4].isEmpty()) {
        args.add("--subresource=" + check[4]);
      }
      assertThat(kubectl.run(args.toArray(String[]::new)).stdout().trim())
          .as("%s may %s %s %s in %s", check[0], check[1], check[2], check[4], check[3])
          .isEqualTo(check[5]);
    }
  }

  /**
   * Leader election as the operator does it (JOSDK hands it to the Kubernetes client's
   * LeaderElector on a LeaseLock): with only the manifests' rights, the service account creates the
   * Lease, renews it and gives it up (the client's renewals are PATCHes), and no other Lease is
   * within its reach.
   */
  @Test
  void leaderElectionWorksWithOnlyTheLeaseRightsTheManifestsGrant() throws Exception {
    assertThat(kubectl.run("apply", "-k", "operator/").succeeded()).isTrue();
    String namespace = "atlas-operator";
    String lease = "atlas-operator";

    try (KubernetesClient asOperator = kube.clientAs(namespace, "atlas-operator")) {
      // JOSDK (5.2) checks this before it starts electing: create, get and update on the Lease.
      SelfSubjectRulesReview review =
          asOperator
              .resource(
                  new SelfSubjectRulesReviewBuilder()
                      .withNewSpec()
                      .withNamespace(namespace)
                      .endSpec()
                      .build())
              .create();
      Set<String> verbs =
          review.getStatus().getResourceRules().stream()
              .filter(r -> r.getApiGroups().contains("coordination.k8s.io"))
              .filter(r -> r.getResources().contains("leases"))
              .filter(r -> r.getResourceNames().isEmpty() || r.getResourceNames().contains(lease))
              .flatMap(r -> r.getVerbs().stream())
              .collect(Collectors.toSet());
      assertThat(verbs).contains("create", "get", "update");

      CountDownLatch firstLeads = new CountDownLatch(1);
      CompletableFuture<?> first = elect(asOperator, namespace, lease, "replica-0", firstLeads);
      CompletableFuture<?> second = null;
      try {
        assertThat(firstLeads.await(30, TimeUnit.SECONDS)).as("replica-0 leads").isTrue();
        Lease held = kube.client().leases().inNamespace(namespace).withName(lease).get();
        assertThat(held.getSpec().getHolderIdentity()).isEqualTo("replica-0");
        ZonedDateTime acquired = held.getSpec().getRenewTime();
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () ->
                    assertThat(
                            kube.client()
                                .leases()
                                .inNamespace(namespace)
                                .withName(lease)
                                .get()
                                .getSpec()
                                .getRenewTime())
                        .as("renewed")
                        .isAfter(acquired));

        // A standby takes over once the leader shuts down and gives the Lease up: well before
        // the 30s the Lease would take to expire.
        CountDownLatch secondLeads = new CountDownLatch(1);
        second = elect(asOperator, namespace, lease, "replica-1", secondLeads);
        first.cancel(true);
        assertThat(secondLeads.await(15, TimeUnit.SECONDS)).as("replica-1 took over").isTrue();
        assertThat(
                kube.client()
                    .leases()
                    .inNamespace(namespace)
                    .withName(lease)
                    .get()
                    .getSpec()
                    .getHolderIdentity())
            .isEqualTo("replica-1");
      } finally {
        first.cancel(true);
        if (second != null) {
          second.cancel(true);
        }
      }
    }

    String as = "--as=" + SA;
    for (String[] denied :
        new String[][] {
          {"create", "leases", "-n", "default"},
          {"get", "leases/other", "-n", namespace},
          {"update", "leases/other", "-n", namespace},
          {"patch", "leases/other", "-n", namespace},
          {"delete", "leases/atlas-operator", "-n", namespace},
          {"list", "leases", "-n", namespace}
        }) {
      assertThat(
              kubectl
                  .run("auth", "can-i", denied[0], denied[1], denied[2], denied[3], as)
                  .stdout()
                  .trim())
          .as(String.join(" ", denied))
          .isEqualTo("no");
    }
  }

  static CompletableFuture<?> elect(
      KubernetesClient client,
      String namespace,
      String lease,
      String identity,
      CountDownLatch leading) {
    return client
        .leaderElector()
        .withConfig(
            new LeaderElectionConfigBuilder()
                .withName(lease)
                .withLock(new LeaseLock(namespace, lease, identity))
                .withLeaseDuration(Duration.ofSeconds(30))
                .withRenewDeadline(Duration.ofSeconds(20))
                .withRetryPeriod(Duration.ofMillis(500))
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(
                    new LeaderCallbacks(leading::countDown, () -> {}, leader -> {}))
                .build())
        .build()
        .start();
  }
}
