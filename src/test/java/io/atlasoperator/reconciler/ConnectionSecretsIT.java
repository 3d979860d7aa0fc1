package io.atlasoperator.reconciler;

import static io.atlasoperator.testing.OperatorEnvironment.scramUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.mongodb.ConnectionString;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.ConnectionSecrets;
import io.atlasoperator.crd.Scope;
import io.atlasoperator.crd.ScopeType;
import io.atlasoperator.crd.SecretKey;
import io.atlasoperator.emulator.ClusterSpec;
import io.atlasoperator.testing.OperatorEnvironment;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Connection Secrets against a real API server and the Atlas emulator: written only once the
 * emulator reports the change APPLIED, owned explicitly, put back when edited or deleted, gone with
 * their cluster and their resource, never written over someone else's Secret; bad keys refused at
 * apply. The resync is 5 s, so that a cluster deleted in Atlas is seen within the test.
 */
class ConnectionSecretsIT {

  @RegisterExtension
  static final OperatorEnvironment ENV = new OperatorEnvironment(Duration.ofSeconds(5));

  @AfterEach
  void noApplyDelay() {
    ENV.atlas().applyDelay(Duration.ZERO);
  }

  Secret secret(String ns, String name) {
    return ENV.client().secrets().inNamespace(ns).withName(name).get();
  }

  static Map<String, String> data(Secret secret) {
    Map<String, String> decoded = new LinkedHashMap<>();
    secret
        .getData()
        .forEach(
            (k, v) ->
                decoded.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    return decoded;
  }

  @Test
  void secretsComeOnlyOnceAtlasAppliedTheUserAndHoldWhatTheDriverReads() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.atlas()
        .addCluster(project, ClusterSpec.named("Cluster0").privateStrings(null, null))
        .addFlexCluster(project, "Flex0");
    ENV.atlas().applyDelay(Duration.ofSeconds(3));
    ENV.password(ns, "app-password", "s3cret p@ss:/?");
    ENV.create(scramUser(ns, "app", project, "app"));

    AtlasDatabaseUser applying = ENV.awaitReady(ns, "app", "False", "ClustersApplying");
    assertThat(ENV.condition(applying, "Ready").orElseThrow().getMessage())
        .contains("Atlas is applying it on clusters Cluster0, Flex0 (changeStatus PENDING)");
    assertThat(secret(ns, "app-cluster0")).as("no Secret before APPLIED").isNull();

    AtlasDatabaseUser ready = ENV.awaitReady(ns, "app", "True", "Created");
    assertThat(ready.getStatus().getConnectionSecrets())
        .containsExactly("app-cluster0", "app-flex0");
    Secret cluster0 = secret(ns, "app-cluster0");
    assertThat(cluster0.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getUid()).isEqualTo(ready.getMetadata().getUid());
              assertThat(r.getKind()).isEqualTo("AtlasDatabaseUser");
            });
    assertThat(cluster0.getMetadata().getLabels())
        .containsEntry("atlasoperator.io/connection-secret", "true")
        .containsEntry("atlas.mongodb.com/project-id", project);
    Map<String, String> data = data(cluster0);
    assertThat(data.keySet())
        .containsExactlyInAnyOrder(
            "username",
            "password",
            "connectionStringStandard",
            "connectionStringStandardSrv",
            "connectionStringPrivate",
            "connectionStringPrivateSrv");
    for (String key :
        List.of(
            "connectionStringStandard",
            "connectionStringStandardSrv",
            "connectionStringPrivate",
            "connectionStringPrivateSrv")) {
      ConnectionString parsed = new ConnectionString(data.get(key));
      assertThat(parsed.getUsername()).as(key).isEqualTo("app");
      assertThat(new String(parsed.getPassword())).as(key).isEqualTo("s3cret p@ss:/?");
    }
    assertThat(data(secret(ns, "app-flex0")).get("connectionStringPrivate"))
        .as("a flex cluster has no private string")
        .isEmpty();
    assertThat(ENV.events(ns, "app"))
        .extracting(Event::getReason)
        .as("the wait is in the status; the Event comes once the user works")
        .containsExactly("Created");
    assertThat(ENV.events(ns, "app"))
        .allSatisfy(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
  }

  @Test
  void aSecretSomeoneEditsOrDeletesIsPutBackAndTheResourcesDeletionTakesItsSecrets() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.atlas().addCluster(project, "Cluster0");
    ENV.password(ns, "app-password", "first-s3cret");
    ENV.create(scramUser(ns, "app", project, "app"));
    ENV.awaitReady(ns, "app");
    String original = secret(ns, "app-cluster0").getData().get("password");

    ENV.client()
        .secrets()
        .inNamespace(ns)
        .withName("app-cluster0")
        .edit(
            s -> {
              s.getData().put("password", Base64.getEncoder().encodeToString("oops".getBytes()));
              return s;
            });
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> original.equals(secret(ns, "app-cluster0").getData().get("password")));

    ENV.client().secrets().inNamespace(ns).withName("app-cluster0").delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> secret(ns, "app-cluster0") != null);

    ENV.client().resources(AtlasDatabaseUser.class).inNamespace(ns).withName("app").delete();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ENV.get(ns, "app") == null && secret(ns, "app-cluster0") == null);
  }

  @Test
  void aSecretThisResourceDoesNotOwnIsLeftAloneAndTheResourceSaysSo() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.atlas().addCluster(project, "Cluster0");
    ENV.secret(ns, "app-cluster0", Map.of("DB_URL", "the team's own"));
    ENV.password(ns, "app-password", "first-s3cret");
    ENV.create(scramUser(ns, "app", project, "app"));

    AtlasDatabaseUser stalled = ENV.awaitReady(ns, "app", "False", "SecretConflict");

    assertThat(ENV.condition(stalled, "Stalled").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(ENV.condition(stalled, "Ready").orElseThrow().getMessage())
        .contains("Secret " + ns + "/app-cluster0 exists and is not this resource's");
    assertThat(data(secret(ns, "app-cluster0")))
        .containsExactly(Map.entry("DB_URL", "the team's own"));

    ENV.client().resources(AtlasDatabaseUser.class).inNamespace(ns).withName("app").delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> ENV.get(ns, "app") == null);
    assertThat(data(secret(ns, "app-cluster0")))
        .as("its deletion leaves the Secret it never owned")
        .containsExactly(Map.entry("DB_URL", "the team's own"));
  }

  @Test
  void aClusterDeletedInAtlasTakesItsSecretAndAScopeNamingItSaysSo() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.atlas().addCluster(project, "Cluster0").addCluster(project, "Cluster1");
    ENV.password(ns, "all-password", "first-s3cret");
    ENV.password(ns, "scoped-password", "first-s3cret");
    ENV.create(scramUser(ns, "all", project, "all"));
    AtlasDatabaseUser scoped = scramUser(ns, "scoped", project, "scoped");
    scoped.getSpec().setScopes(List.of(new Scope("Cluster1", ScopeType.CLUSTER)));
    ENV.create(scoped);
    ENV.awaitReady(ns, "all");
    ENV.awaitReady(ns, "scoped");
    assertThat(secret(ns, "scoped-cluster0")).as("outside its scopes").isNull();
    assertThat(secret(ns, "scoped-cluster1")).isNotNull();

    ENV.atlas().deleteCluster(project, "Cluster1");

    AtlasDatabaseUser gone = ENV.awaitReady(ns, "scoped", "False", "ScopeNotFound");
    assertThat(ENV.condition(gone, "Ready").orElseThrow().getMessage())
        .contains("spec.scopes names Cluster1 (no cluster or flex cluster of that name)");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> secret(ns, "all-cluster1") == null && secret(ns, "scoped-cluster1") == null);
    assertThat(secret(ns, "all-cluster0")).isNotNull();
    assertThat(ENV.get(ns, "all").getStatus().getConnectionSecrets())
        .containsExactly("all-cluster0");
  }

  @Test
  void chosenNamesAndKeysAreWrittenAndInvalidOnesRefusedAtApply() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.atlas().addCluster(project, "Cluster0");
    ENV.password(ns, "app-password", "first-s3cret");
    AtlasDatabaseUser app = scramUser(ns, "app", project, "app");
    ConnectionSecrets secrets = new ConnectionSecrets();
    secrets.setName("{cluster}-{username}-db");
    secrets.setKeys(List.of(new SecretKey("DB_URL", "{connectionStringStandardSrv}")));
    app.getSpec().setConnectionSecrets(secrets);
    ENV.create(app);
    ENV.awaitReady(ns, "app");
    assertThat(data(secret(ns, "cluster0-app-db")).keySet()).containsExactly("DB_URL");

    AtlasDatabaseUser bad = scramUser(ns, "bad", project, "bad");
    ConnectionSecrets badKeys = new ConnectionSecrets();
    badKeys.setKeys(List.of(new SecretKey("DB URL", "{passwd}")));
    badKeys.setName("{Cluster}_db");
    bad.getSpec().setConnectionSecrets(badKeys);
    KubernetesClientException refused =
        catchThrowableOfType(KubernetesClientException.class, () -> ENV.create(bad));
    assertThat(refused.getCode()).isEqualTo(422);
    assertThat(refused.getMessage())
        .contains("a key of spec.connectionSecrets.keys must be letters, digits")
        .contains("a value of spec.connectionSecrets.keys may use only the placeholders")
        .contains("spec.connectionSecrets.name may hold lowercase letters");
  }
}
