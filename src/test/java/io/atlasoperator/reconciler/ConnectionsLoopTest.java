package io.atlasoperator.reconciler;

import static io.atlasoperator.reconciler.TestLoop.ready;
import static io.atlasoperator.reconciler.TestResources.scram;
import static org.assertj.core.api.Assertions.assertThat;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.ConnectionSecrets;
import io.atlasoperator.crd.DatabaseName;
import io.atlasoperator.crd.Scope;
import io.atlasoperator.crd.ScopeType;
import io.atlasoperator.crd.SecretKey;
import io.atlasoperator.crd.X509Type;
import io.atlasoperator.domain.AtlasFailure;
import io.atlasoperator.domain.Deployment;
import io.atlasoperator.status.Reason;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Connection Secrets and "Ready means usable", through the whole loop in memory: Secrets are
 * written only once Atlas reports the change APPLIED on every cluster the user reaches, never over
 * a Secret the resource does not own, and follow the clusters, the scopes and the password.
 */
class ConnectionsLoopTest {

  static final String PROJECT = TestResources.PROJECT;
  final TestLoop loop = new TestLoop();

  AtlasDatabaseUser app() {
    AtlasDatabaseUser app = loop.apply(scram("shop", "app", loop.clock.instant()));
    loop.password(app, "first s3cret/@:");
    return app;
  }

  Map<String, String> data(String name) {
    Secret secret = loop.connectionSecrets.get("shop", name).orElseThrow();
    Map<String, String> decoded = new java.util.LinkedHashMap<>();
    secret
        .getData()
        .forEach(
            (k, v) ->
                decoded.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    return decoded;
  }

  String message(AtlasDatabaseUser resource) {
    return resource.getStatus().getConditions().get(0).getMessage();
  }

  @Test
  void aProjectWithoutClustersIsReadyWithNoSecret() {
    AtlasDatabaseUser app = app();
    loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("Created");
    assertThat(message(app)).isEqualTo("Created user app in project " + PROJECT);
    assertThat(loop.connectionSecrets.secrets).isEmpty();
    assertThat(app.getStatus().getConnectionSecrets()).isEmpty();
  }

  @Test
  void secretsAreWrittenOnlyOnceEveryClusterReportsApplied() {
    loop.atlas.cluster(PROJECT, "Cluster0", false).cluster(PROJECT, "Cluster1", false);
    loop.atlas.cluster(PROJECT, "Flex0", true);
    loop.atlas.applyDelay(Duration.ofSeconds(5));
    AtlasDatabaseUser app = app();

    TestLoop.Result first = loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("ClustersApplying");
    assertThat(first.next()).isEqualTo("after PT1S");
    assertThat(message(app))
        .startsWith("Created user app in project " + PROJECT)
        .contains("clusters Cluster0, Cluster1, Flex0 (changeStatus PENDING)");
    assertThat(loop.connectionSecrets.secrets).as("nothing before APPLIED").isEmpty();
    assertThat(app.getStatus().getConditions())
        .filteredOn(c -> c.getType().equals("Reconciling"))
        .extracting(c -> c.getStatus())
        .containsExactly("True");

    loop.clock.advance(Duration.ofSeconds(2));
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("ClustersApplying");

    loop.clock.advance(Duration.ofSeconds(3));
    loop.reconcile(app);
    assertThat(ready(app)).as("the news is the write, now usable").isEqualTo("Created");
    assertThat(message(app))
        .isEqualTo(
            "Created user app in project "
                + PROJECT
                + "; wrote connection Secrets app-cluster0, app-cluster1, app-flex0");
    assertThat(app.getStatus().getConnectionSecrets())
        .containsExactly("app-cluster0", "app-cluster1", "app-flex0");
    Map<String, String> cluster0 = data("app-cluster0");
    assertThat(cluster0)
        .containsEntry("username", "app")
        .containsEntry("password", "first s3cret/@:")
        .containsEntry(
            "connectionStringStandardSrv",
            "mongodb+srv://app:first%20s3cret%2F%40%3A@cluster0.mongodb.test")
        .containsEntry("connectionStringPrivate", "")
        .containsEntry("connectionStringPrivateSrv", "");
    assertThat(loop.events)
        .extracting(TestLoop.Event::reason)
        .as("the wait is in the status and the log; the write's Event comes once it is applied")
        .containsExactly(Reason.Created);
    assertThat(loop.events).allSatisfy(e -> assertThat(e.message()).doesNotContain("s3cret"));

    int writes = loop.connectionSecrets.writes.size();
    loop.reconcile(app);
    loop.clock.advance(TestLoop.RESYNC.plusSeconds(1));
    loop.reconcile(app);
    assertThat(loop.connectionSecrets.writes).as("steady state writes nothing").hasSize(writes);
  }

  @Test
  void aSecretThisResourceDoesNotOwnIsLeftAloneAndNamed() {
    loop.atlas.cluster(PROJECT, "Cluster0", false);
    Secret theirs =
        new SecretBuilder()
            .withNewMetadata()
            .withNamespace("shop")
            .withName("app-cluster0")
            .endMetadata()
            .withStringData(Map.of("DB_URL", "theirs"))
            .build();
    loop.connectionSecrets.put(theirs);
    AtlasDatabaseUser app = app();

    loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("SecretConflict");
    assertThat(message(app))
        .contains("Secret shop/app-cluster0 exists and is not this resource's")
        .contains("left alone");
    assertThat(loop.connectionSecrets.get("shop", "app-cluster0").orElseThrow().getStringData())
        .containsEntry("DB_URL", "theirs");
    assertThat(loop.connectionSecrets.writes).isEmpty();
  }

  @Test
  void aNameTemplateThatGivesTwoClustersOneNameWritesNothing() {
    loop.atlas.cluster(PROJECT, "Cluster0", false).cluster(PROJECT, "Cluster1", false);
    AtlasDatabaseUser app = app();
    ConnectionSecrets secrets = new ConnectionSecrets();
    secrets.setName("{resource}-db");
    app.getSpec().setConnectionSecrets(secrets);

    loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("SecretNameInvalid");
    assertThat(message(app))
        .contains("gives one name, app-db, to clusters Cluster0 and Cluster1; put {cluster} in it");
    assertThat(loop.connectionSecrets.writes).isEmpty();
  }

  @Test
  void chosenKeysNamesLabelsAndAnnotationsAreWritten() {
    loop.atlas.cluster(PROJECT, "Cluster0", false);
    AtlasDatabaseUser app = app();
    ConnectionSecrets secrets = new ConnectionSecrets();
    secrets.setName("{namespace}-{resource}-{cluster}-conn");
    secrets.setKeys(List.of(new SecretKey("DB_URL", "{connectionStringStandardSrv}/orders")));
    secrets.setLabels(Map.of("team", "shop"));
    secrets.setAnnotations(Map.of("reloader.stakater.com/match", "true"));
    app.getSpec().setConnectionSecrets(secrets);

    loop.reconcile(app);

    assertThat(data("shop-app-cluster0-conn"))
        .containsExactly(
            Map.entry(
                "DB_URL",
                "mongodb+srv://app:first%20s3cret%2F%40%3A@cluster0.mongodb.test/orders"));
    Secret written = loop.connectionSecrets.get("shop", "shop-app-cluster0-conn").orElseThrow();
    assertThat(written.getMetadata().getLabels())
        .containsEntry("team", "shop")
        .containsEntry(ConnectionSecretTemplates.LABEL, "true")
        .containsEntry("atlas.mongodb.com/project-id", PROJECT);
    assertThat(written.getMetadata().getAnnotations())
        .containsEntry("reloader.stakater.com/match", "true");
    assertThat(written.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(r -> assertThat(r.getUid()).isEqualTo(app.getMetadata().getUid()));
  }

  @Test
  void aRotatedPasswordReachesTheSecretOnlyOnceAtlasAppliedIt() {
    loop.atlas.cluster(PROJECT, "Cluster0", false);
    AtlasDatabaseUser app = app();
    loop.reconcile(app);
    assertThat(data("app-cluster0")).containsEntry("password", "first s3cret/@:");

    loop.atlas.applyDelay(Duration.ofSeconds(30));
    loop.password(app, "second-s3cret");
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("ClustersApplying");
    assertThat(message(app)).startsWith("Rotated the password of user app");
    assertThat(data("app-cluster0")).containsEntry("password", "first s3cret/@:");

    loop.clock.advance(Duration.ofSeconds(31));
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("PasswordRotated");
    assertThat(message(app)).endsWith("; updated connection Secret app-cluster0");
    assertThat(data("app-cluster0"))
        .containsEntry("password", "second-s3cret")
        .containsEntry(
            "connectionStringStandardSrv", "mongodb+srv://app:second-s3cret@cluster0.mongodb.test");
  }

  @Test
  void anEditedOrDeletedSecretIsPutBack() {
    loop.atlas.cluster(PROJECT, "Cluster0", false);
    AtlasDatabaseUser app = app();
    loop.reconcile(app);
    Secret edited =
        new SecretBuilder(loop.connectionSecrets.get("shop", "app-cluster0").orElseThrow())
            .addToData("password", Base64.getEncoder().encodeToString("oops".getBytes()))
            .build();
    loop.connectionSecrets.put(edited);

    loop.reconcile(app);
    assertThat(data("app-cluster0")).containsEntry("password", "first s3cret/@:");
    assertThat(message(app))
        .endsWith("; put back connection Secret app-cluster0 (it had been changed)");

    loop.connectionSecrets.secrets.clear();
    loop.reconcile(app);
    assertThat(data("app-cluster0")).containsEntry("password", "first s3cret/@:");
    assertThat(loop.events).allSatisfy(e -> assertThat(e.message()).doesNotContain("s3cret"));
  }

  @Test
  void secretsFollowTheScopesAndTheProjectsClusters() {
    loop.atlas.cluster(PROJECT, "Cluster0", false).cluster(PROJECT, "Cluster1", false);
    AtlasDatabaseUser app = app();
    loop.reconcile(app);
    assertThat(app.getStatus().getConnectionSecrets())
        .containsExactly("app-cluster0", "app-cluster1");

    TestResources.edited(
        app,
        s ->
            s.setScopes(
                new java.util.ArrayList<>(List.of(new Scope("Cluster1", ScopeType.CLUSTER)))));
    loop.reconcile(app);
    assertThat(ready(app))
        .as("the scopes changed: Atlas applies it first")
        .isEqualTo("ClustersApplying");
    loop.clock.advance(Duration.ofSeconds(1));
    loop.reconcile(app);
    assertThat(loop.connectionSecrets.get("shop", "app-cluster0")).isEmpty();
    assertThat(app.getStatus().getConnectionSecrets()).containsExactly("app-cluster1");

    loop.atlas.removeDeployment(PROJECT, "Cluster1");
    loop.clock.advance(TestLoop.RESYNC.plusSeconds(1));
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("ScopeNotFound");
    assertThat(message(app))
        .startsWith("spec.scopes names Cluster1 (no cluster or flex cluster of that name), which");
    assertThat(loop.connectionSecrets.secrets)
        .as("the deleted cluster's Secret went too")
        .isEmpty();
    assertThat(app.getStatus().getConnectionSecrets()).as("and the status says so").isEmpty();
  }

  @Test
  void aScopeNamingNothingInTheProjectIsRefusedBeforeAnyWrite() {
    loop.atlas.cluster(PROJECT, "Cluster0", false);
    AtlasDatabaseUser app = app();
    app.getSpec()
        .setScopes(
            List.of(
                new Scope("Cluster9", ScopeType.CLUSTER),
                new Scope("Lake0", ScopeType.DATA_LAKE),
                new Scope("Stream9", ScopeType.STREAM)));

    loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("ScopeNotFound");
    assertThat(message(app))
        .isEqualTo(
            "spec.scopes names Cluster9 (no cluster or flex cluster of that name), Stream9 (no"
                + " stream instance of that name), which project "
                + PROJECT
                + " does not have; nothing was written to Atlas. Checked again when the project is"
                + " next read (every 10m)");
    assertThat(loop.atlas.writes()).isEmpty();
  }

  @Test
  void applyNeverComingTimesOutAndSaysSo() {
    loop.atlas.cluster(PROJECT, "Cluster0", false);
    loop.atlas.applyDelay(Duration.ofHours(1));
    AtlasDatabaseUser app = app();
    loop.reconcile(app);
    loop.clock.advance(TestLoop.APPLY_TIMEOUT.plusSeconds(1));

    TestLoop.Result late = loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("ApplyTimedOut");
    assertThat(message(app))
        .contains("Atlas has still not applied it on cluster Cluster0 after 10m");
    assertThat(late.next()).isEqualTo("after PT1M");
    assertThat(loop.connectionSecrets.secrets).isEmpty();
  }

  @Test
  void pausedClustersKeepTheirSecretsAndClustersBeingCreatedGetThemLater() {
    loop.atlas.deployment(
        PROJECT,
        new Deployment(
            "Paused0",
            false,
            Deployment.State.PAUSED,
            new Deployment.ConnectionStrings(
                null, "mongodb+srv://paused0.test", null, null, null)));
    loop.atlas.deployment(
        PROJECT,
        new Deployment(
            "New0", false, Deployment.State.CREATING, Deployment.ConnectionStrings.NONE));
    AtlasDatabaseUser app = app();

    loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("Created");
    assertThat(message(app))
        .contains("New0 has no connection strings yet (its Secret follows)")
        .contains("Paused0 is paused");
    assertThat(app.getStatus().getConnectionSecrets()).containsExactly("app-paused0");

    loop.atlas.cluster(PROJECT, "New0", false);
    loop.clock.advance(TestLoop.RESYNC.plusSeconds(1));
    loop.reconcile(app);
    assertThat(app.getStatus().getConnectionSecrets()).containsExactly("app-paused0", "app-new0");
  }

  @Test
  void usersWithoutAPasswordGetStringsWithTheirMechanism() {
    loop.atlas.cluster(PROJECT, "Cluster0", false);
    AtlasDatabaseUser cert = loop.apply(scram("shop", "cert", loop.clock.instant()));
    cert.getSpec().setPasswordSecretRef(null);
    cert.getSpec().setDatabaseName(DatabaseName.EXTERNAL);
    cert.getSpec().setUsername("CN=cert,O=shop");
    cert.getSpec().setX509Type(X509Type.MANAGED);

    loop.reconcile(cert);

    assertThat(data("cert-cluster0"))
        .doesNotContainKey("password")
        .containsEntry("username", "CN=cert,O=shop")
        .containsEntry(
            "connectionStringStandardSrv",
            "mongodb+srv://cluster0.mongodb.test/?authSource=%24external&authMechanism=MONGODB-X509");
  }

  @Test
  void aHundredUsersOfOneProjectShareItsClusterReads() {
    loop.atlas.cluster(PROJECT, "Cluster0", false).cluster(PROJECT, "Cluster1", false);
    loop.atlas.applyDelay(Duration.ofSeconds(3));
    List<AtlasDatabaseUser> users = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      AtlasDatabaseUser user = loop.apply(scram("shop", "app" + i, loop.clock.instant()));
      loop.password(user, "s3cret-password");
      users.add(user);
    }
    for (int round = 0; round < 5; round++) {
      users.forEach(loop::reconcile);
      loop.clock.advance(Duration.ofSeconds(1));
    }

    assertThat(users).allSatisfy(u -> assertThat(ready(u)).isEqualTo("Created"));
    assertThat(loop.connectionSecrets.secrets).hasSize(200);
    List<String> calls = loop.atlas.deploymentCalls();
    assertThat(calls.stream().filter(c -> c.startsWith("CLUSTERS"))).hasSize(1);
    assertThat(calls.stream().filter(c -> c.startsWith("STATUS")).count())
        .as("status reads per cluster per second, not per user: %s", calls)
        .isLessThanOrEqualTo(2 * 6);
  }

  @Test
  void aFailedClusterReadIsRetriedAndWritesNoSecret() {
    loop.atlas.cluster(PROJECT, "Cluster0", false);
    loop.atlas.failNextDeploymentRead(AtlasFailure.Kind.TRANSIENT);
    AtlasDatabaseUser app = app();

    TestLoop.Result first = loop.reconcile(app);

    assertThat(first.next()).isEqualTo("backoff");
    assertThat(ready(app)).isEqualTo("AtlasUnavailable");
    assertThat(loop.connectionSecrets.secrets).isEmpty();
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("Created");
    assertThat(loop.atlas.writes())
        .as("the failed read came before any write")
        .containsExactly("POST app");
    assertThat(app.getStatus().getConnectionSecrets()).containsExactly("app-cluster0");
  }

  @Test
  void deletingTheResourceDeletesItsSecretsAndARefusedWriteIsRetried() {
    loop.atlas.cluster(PROJECT, "Cluster0", false);
    AtlasDatabaseUser app = app();
    loop.connectionSecrets.failNext(403);
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("SecretNotWritten");
    assertThat(message(app))
        .contains("Connection Secret app-cluster0 could not be written: HTTP 403");
    loop.reconcile(app);
    assertThat(loop.connectionSecrets.secrets).hasSize(1);

    assertThat(loop.delete(app).next()).isEqualTo("gone");
    assertThat(loop.connectionSecrets.secrets).isEmpty();
  }

  @Test
  void turningSecretsOffDeletesThem() {
    loop.atlas.cluster(PROJECT, "Cluster0", false);
    AtlasDatabaseUser app = app();
    loop.reconcile(app);
    ConnectionSecrets off = new ConnectionSecrets();
    off.setEnabled(false);
    TestResources.edited(app, s -> s.setConnectionSecrets(off));

    loop.reconcile(app);

    assertThat(loop.connectionSecrets.secrets).isEmpty();
    assertThat(app.getStatus().getConnectionSecrets()).isEmpty();
    assertThat(ready(app)).isEqualTo("UpToDate");
  }

  @Test
  void mongoDbOperatorsSecretIsTakenOverOnlyWhenAskedAndOnlyForItsProjectAndCluster() {
    loop.atlas.cluster(PROJECT, "Cluster0", false).cluster(PROJECT, "Cluster1", false);
    for (String cluster : List.of("cluster0", "cluster1")) {
      loop.connectionSecrets.put(
          new SecretBuilder()
              .withNewMetadata()
              .withNamespace("shop")
              .withName("payments-" + cluster + "-app")
              .addToLabels("atlas.mongodb.com/type", "credentials")
              .addToLabels(
                  "atlas.mongodb.com/project-id",
                  cluster.equals("cluster0") ? PROJECT : "0123456789abcdef01234567")
              .addToLabels("atlas.mongodb.com/cluster-name", cluster)
              .endMetadata()
              .withStringData(Map.of("username", "app", "password", "old-s3cret"))
              .build());
    }
    AtlasDatabaseUser app = app();
    ConnectionSecrets secrets = new ConnectionSecrets();
    secrets.setName("payments-{cluster}-{username}");
    app.getSpec().setConnectionSecrets(secrets);

    loop.reconcile(app);
    assertThat(ready(app)).as("not asked: left alone").isEqualTo("SecretConflict");

    secrets.setTakeOverMongoDbOperatorSecrets(true);
    TestResources.edited(app, s -> s.setConnectionSecrets(secrets));
    loop.reconcile(app);

    assertThat(ready(app))
        .as("the other project's Secret is still not ours")
        .isEqualTo("SecretConflict");
    assertThat(message(app)).contains("Secret shop/payments-cluster1-app exists");
    Secret taken = loop.connectionSecrets.get("shop", "payments-cluster0-app").orElseThrow();
    assertThat(taken.getMetadata().getLabels())
        .containsEntry(ConnectionSecretTemplates.LABEL, "true")
        .doesNotContainKey("atlas.mongodb.com/type");
    assertThat(data("payments-cluster0-app")).containsEntry("password", "first s3cret/@:");
    assertThat(
            loop.connectionSecrets
                .get("shop", "payments-cluster1-app")
                .orElseThrow()
                .getStringData())
        .containsEntry("password", "old-s3cret");
  }

  @Test
  void aDryRunWritesNoSecretAndSaysWhichItWould() {
    loop.atlas.cluster(PROJECT, "Cluster0", false);
    AtlasDatabaseUser app = app();
    loop.reconcile(app);
    List<String> writes = List.copyOf(loop.connectionSecrets.writes);
    TestResources.annotated(app, io.atlasoperator.crd.Annotations.DRY_RUN, "true");
    ConnectionSecrets labelled = new ConnectionSecrets();
    labelled.setLabels(Map.of("team", "shop"));
    TestResources.edited(app, s -> s.setConnectionSecrets(labelled));

    loop.reconcile(app);

    assertThat(loop.connectionSecrets.writes).as("dry run writes no Secret").isEqualTo(writes);
    assertThat(
            loop.connectionSecrets
                .get("shop", "app-cluster0")
                .orElseThrow()
                .getMetadata()
                .getLabels())
        .doesNotContainKey("team");
    assertThat(message(app))
        .endsWith("; dry run: connection Secrets app-cluster0 are left as they are");
  }

  @Test
  void aRateLimitedClusterReadAtResyncLeavesAReadyUserReady() {
    loop.atlas.cluster(PROJECT, "Cluster0", false);
    AtlasDatabaseUser app = app();
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("Created");
    loop.clock.advance(TestLoop.RESYNC.plusSeconds(1));
    loop.atlas.failNextDeploymentRead(AtlasFailure.Kind.RATE_LIMITED);

    TestLoop.Result resync = loop.reconcile(app);

    assertThat(resync.outcome()).isInstanceOf(Outcome.Unchanged.class);
    assertThat(ready(app)).isEqualTo("Created");
    assertThat(loop.connectionSecrets.secrets).hasSize(1);
  }

  @Test
  void aCachedStatusFromBeforeTheSecretsWereWrittenStartsNoNewWait() {
    loop.atlas.cluster(PROJECT, "Cluster0", false);
    loop.atlas.applyDelay(Duration.ofSeconds(2));
    AtlasDatabaseUser app = app();
    loop.reconcile(app);
    var applying = io.fabric8.kubernetes.client.utils.Serialization.clone(app.getStatus());
    loop.clock.advance(Duration.ofSeconds(3));
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("Created");

    // JOSDK may hand over the resource before its cache has the last status patch.
    app.setStatus(applying);
    loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("UpToDate");
    assertThat(loop.events).extracting(TestLoop.Event::reason).doesNotHaveDuplicates();
  }

  @Test
  void aSecretIsKeptWhileItsClusterHasNoStringsAndAnyOwnedSecretGoesWithTheResource() {
    loop.atlas.cluster(PROJECT, "Cluster0", false);
    AtlasDatabaseUser app = app();
    loop.reconcile(app);
    loop.atlas.deployment(
        PROJECT,
        new Deployment(
            "Cluster0", false, Deployment.State.CREATING, Deployment.ConnectionStrings.NONE));
    loop.clock.advance(TestLoop.RESYNC.plusSeconds(1));

    loop.reconcile(app);

    assertThat(loop.connectionSecrets.get("shop", "app-cluster0")).isPresent();
    assertThat(app.getStatus().getConnectionSecrets()).containsExactly("app-cluster0");

    // A Secret someone made with the label and an owner reference, but no cluster annotation.
    Secret stray =
        new SecretBuilder(loop.connectionSecrets.get("shop", "app-cluster0").orElseThrow())
            .editMetadata()
            .withName("stray")
            .withAnnotations(Map.of())
            .endMetadata()
            .build();
    loop.connectionSecrets.put(stray);
    assertThat(loop.delete(app).next()).isEqualTo("gone");
    assertThat(loop.connectionSecrets.secrets).isEmpty();
  }

  @Test
  void aTakeOverNeedsTheSameUsername() {
    loop.atlas.cluster(PROJECT, "Cluster0", false);
    loop.connectionSecrets.put(
        new SecretBuilder()
            .withNewMetadata()
            .withNamespace("shop")
            .withName("payments-cluster0-app")
            .addToLabels("atlas.mongodb.com/type", "credentials")
            .addToLabels("atlas.mongodb.com/project-id", PROJECT)
            .addToLabels("atlas.mongodb.com/cluster-name", "cluster0")
            .endMetadata()
            .withStringData(Map.of("username", "alice", "password", "alices-s3cret"))
            .build());
    AtlasDatabaseUser app = app();
    ConnectionSecrets secrets = new ConnectionSecrets();
    secrets.setName("payments-{cluster}-app");
    secrets.setTakeOverMongoDbOperatorSecrets(true);
    app.getSpec().setConnectionSecrets(secrets);

    loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("SecretConflict");
    assertThat(
            loop.connectionSecrets
                .get("shop", "payments-cluster0-app")
                .orElseThrow()
                .getStringData())
        .containsEntry("username", "alice");
  }

  @Test
  void anAppliedAnswerWakesEveryUserWaitingOnTheProject() {
    loop.atlas.cluster(PROJECT, "Cluster0", false);
    loop.atlas.applyDelay(Duration.ofSeconds(3));
    AtlasDatabaseUser first = app();
    AtlasDatabaseUser second = loop.apply(scram("shop", "second", loop.clock.instant()));
    loop.password(second, "second-s3cret");
    loop.reconcile(first);
    loop.reconcile(second);
    assertThat(ready(second)).isEqualTo("ClustersApplying");

    loop.clock.advance(Duration.ofSeconds(4));
    loop.reconcile(first);

    assertThat(ready(first)).isEqualTo("Created");
    assertThat(loop.woken)
        .as("the second need not wait for its own next look")
        .contains(io.javaoperatorsdk.operator.processing.event.ResourceID.fromResource(second));
  }
}
