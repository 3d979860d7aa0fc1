package io.atlasoperator.reconciler;

import static io.atlasoperator.testing.OperatorEnvironment.scramUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.PasswordSecretRef;
import io.atlasoperator.crd.SecretRef;
import io.atlasoperator.emulator.JournalEntry;
import io.atlasoperator.testing.LocalKubeApiServer;
import io.atlasoperator.testing.OperatorEnvironment;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Passwords and credentials from Secrets. The resync interval here is an hour, so anything that
 * happens within the test was triggered by a Secret event, not a timer.
 */
class SecretsIT {

  @RegisterExtension
  static final OperatorEnvironment ENV = new OperatorEnvironment(Duration.ofHours(1));

  @Test
  void changingThePasswordSecretRotatesThePasswordWithOnePatch() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "rotate-password", "first-s3cret");
    ENV.create(scramUser(ns, "rotate", project, "rotate"));
    AtlasDatabaseUser created = ENV.awaitReady(ns, "rotate", "True", "Created");
    long generation = created.getMetadata().getGeneration();

    ENV.password(ns, "rotate-password", "second-s3cret");
    AtlasDatabaseUser rotated = ENV.awaitReady(ns, "rotate", "True", "PasswordRotated");

    assertThat(ENV.atlasWrites(project))
        .extracting(JournalEntry::method)
        .containsExactly("POST", "PATCH");
    assertThat(
            ENV.atlas()
                .lastWrite(project, "admin", "rotate")
                .orElseThrow()
                .get("password")
                .asText())
        .isEqualTo("second-s3cret");
    assertThat(rotated.getMetadata().getGeneration()).isEqualTo(generation);
    assertThat(rotated.getStatus().getAppliedPasswordVersion())
        .isNotEqualTo(created.getStatus().getAppliedPasswordVersion())
        .doesNotContain("s3cret");
    assertThat(ENV.events(ns, "rotate"))
        .extracting(Event::getReason)
        .containsExactly("Created", "PasswordRotated");
    assertThat(ENV.events(ns, "rotate"))
        .allSatisfy(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
  }

  @Test
  void aLabelOrAnnotationAddedToThePasswordSecretSendsNoPassword() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "tagged-password", "first-s3cret");
    ENV.create(scramUser(ns, "tagged", project, "tagged"));
    AtlasDatabaseUser created = ENV.awaitReady(ns, "tagged", "True", "Created");

    // As kubectl annotate would: a new resourceVersion, the same password.
    ENV.client()
        .secrets()
        .inNamespace(ns)
        .withName("tagged-password")
        .edit(
            s -> {
              s.getMetadata().setAnnotations(Map.of("team", "checkout"));
              return s;
            });
    AtlasDatabaseUser seen =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> ENV.get(ns, "tagged"),
                r ->
                    !r.getStatus()
                        .getAppliedPasswordVersion()
                        .equals(created.getStatus().getAppliedPasswordVersion()));

    assertThat(ENV.condition(seen, "Ready").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(ENV.atlasWrites(project)).extracting(JournalEntry::method).containsExactly("POST");
    assertThat(ENV.events(ns, "tagged")).extracting(Event::getReason).containsExactly("Created");
  }

  @Test
  void missingPasswordSecretIsNamedAndTheUserIsCreatedAsSoonAsItAppears() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.create(scramUser(ns, "later", project, "later"));

    AtlasDatabaseUser waiting = ENV.awaitReady(ns, "later", "False", "SecretNotFound");
    assertThat(ENV.condition(waiting, "Ready").orElseThrow().getMessage())
        .isEqualTo("Secret " + ns + "/later-password not found");
    assertThat(ENV.condition(waiting, "Stalled").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(ENV.atlasWrites(project)).isEmpty();

    ENV.password(ns, "later-password", "s3cret-value");

    ENV.awaitReady(ns, "later", "True", "Created");
    assertThat(ENV.events(ns, "later"))
        .extracting(Event::getReason)
        .containsExactly("SecretNotFound", "Created");
  }

  @Test
  void aWaitThatTimesOutNamesWhatWasNotReadyWithItsConditionsAndShowsTheOperatorsLog() {
    String ns = ENV.newNamespace();
    ENV.create(scramUser(ns, "never", ENV.newProject(), "never"));
    ENV.awaitReady(ns, "never", "False", "SecretNotFound");

    ConditionTimeoutException timeout =
        catchThrowableOfType(
            ConditionTimeoutException.class,
            () ->
                await()
                    .atMost(Duration.ofMillis(500))
                    .until(() -> LocalKubeApiServer.ready(ENV.get(ns, "never"))));
    Throwable explained = ENV.explain(timeout);

    assertThat(explained).isInstanceOf(AssertionError.class).hasCause(timeout);
    assertThat(explained.getMessage())
        .startsWith(timeout.getMessage())
        .contains(
            "\n  " + ns + "/never (generation 1, observed 1):\n",
            "\n    Ready=False SecretNotFound: Secret " + ns + "/never-password not found\n",
            "\n    Stalled=True SecretNotFound: ",
            "The last 60 lines of the log of the operator (in this JVM, on standard error):\n",
            ns + "/never Ready=False SecretNotFound: Secret " + ns + "/never-password not found");
    assertThat(ENV.explain(new IllegalStateException("not a wait")))
        .as("other failures are left as they are")
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void missingKeyInThePasswordSecretIsNamed() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.secret(ns, "nokey-password", Map.of("pass", "s3cret-value"));
    ENV.create(scramUser(ns, "nokey", project, "nokey"));

    AtlasDatabaseUser waiting = ENV.awaitReady(ns, "nokey", "False", "SecretKeyNotFound");

    assertThat(ENV.condition(waiting, "Ready").orElseThrow().getMessage())
        .isEqualTo("Secret " + ns + "/nokey-password has no key password");
  }

  @Test
  void resourceCredentialsSecretIsUsedInsteadOfTheDefault() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    String restricted = ENV.newProject();
    ENV.atlas()
        .addApiKey("team-public", "team-private-placeholder")
        .addProject(restricted, "team-public");
    ENV.password(ns, "team-password", "s3cret-value");
    AtlasDatabaseUser resource = scramUser(ns, "team", restricted, "team");
    resource.getSpec().setCredentialsSecretRef(new SecretRef("team-atlas-keys"));
    ENV.create(resource);

    AtlasDatabaseUser waiting = ENV.awaitReady(ns, "team", "False", "SecretNotFound");
    assertThat(ENV.condition(waiting, "Ready").orElseThrow().getMessage())
        .contains(ns + "/team-atlas-keys");

    ENV.secret(
        ns,
        "team-atlas-keys",
        Map.of("publicApiKey", "team-public", "privateApiKey", "team-private-placeholder"));
    ENV.awaitReady(ns, "team", "True", "Created");

    assertThat(ENV.atlasWrites(restricted))
        .singleElement()
        .satisfies(e -> assertThat(e.publicKey()).isEqualTo("team-public"));
    assertThat(ENV.atlasWrites(project)).isEmpty();
  }

  @Test
  void aServiceAccountWorksOnV2AndASecretWithBothKindsOrNeitherIsStalledAndNamed() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    String clientId = "mdb_sa_id_secrets";
    ENV.atlas().addServiceAccount(clientId, "mdb_sa_sk_placeholder").addProject(project, clientId);
    ENV.secret(
        ns,
        "mixed",
        Map.of(
            "publicApiKey", "team-public",
            "privateApiKey", "team-private-placeholder",
            "clientId", clientId,
            "clientSecret", "mdb_sa_sk_placeholder"));
    ENV.secret(ns, "org-only", Map.of("orgId", "65f0a1b2c3d4e5f600000001"));
    ENV.password(ns, "sa-password", "s3cret-value");
    for (String name : new String[] {"mixed", "org-only"}) {
      AtlasDatabaseUser resource = scramUser(ns, name, project, name);
      resource.getSpec().setPasswordSecretRef(new PasswordSecretRef("sa-password", null));
      resource.getSpec().setCredentialsSecretRef(new SecretRef(name));
      ENV.create(resource);
    }

    AtlasDatabaseUser mixed = ENV.awaitReady(ns, "mixed", "False", "InvalidCredentials");
    AtlasDatabaseUser empty = ENV.awaitReady(ns, "org-only", "False", "InvalidCredentials");
    assertThat(ENV.condition(mixed, "Ready").orElseThrow().getMessage())
        .isEqualTo(
            "Secret "
                + ns
                + "/mixed holds both an API key (publicApiKey, privateApiKey) and a Service"
                + " Account (clientId, clientSecret); keep only one of them");
    assertThat(ENV.condition(empty, "Ready").orElseThrow().getMessage())
        .isEqualTo(
            "Secret "
                + ns
                + "/org-only holds no Atlas credentials: it needs the keys publicApiKey and"
                + " privateApiKey (an API key) or clientId and clientSecret (a Service Account)");
    assertThat(ENV.condition(empty, "Stalled").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(ENV.atlasCalls(project, e -> true)).isEmpty();

    // Mending the Secret is enough: the operator watches it and goes on at once.
    ENV.replaceSecretData(
        ns, "mixed", Map.of("clientId", clientId, "clientSecret", "mdb_sa_sk_placeholder"));
    ENV.awaitReady(ns, "mixed", "True", "Created");
    assertThat(ENV.atlasWrites(project))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.publicKey()).isEqualTo(clientId);
              assertThat(e.path()).startsWith("/api/atlas/v2/groups/" + project);
            });
  }

  @Test
  void keyWithoutAccessToTheProjectIsStalledAsUnauthorized() {
    String ns = ENV.newNamespace();
    String locked = ENV.newProject();
    ENV.atlas()
        .addApiKey("owner-only", "owner-private-placeholder")
        .addProject(locked, "owner-only");
    ENV.password(ns, "locked-password", "s3cret-value");
    ENV.create(scramUser(ns, "locked", locked, "locked"));

    AtlasDatabaseUser stalled = ENV.awaitReady(ns, "locked", "False", "AtlasUnauthorized");

    assertThat(ENV.condition(stalled, "Stalled").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(ENV.condition(stalled, "Ready").orElseThrow().getMessage())
        .contains("401 NOT_IN_GROUP");
    assertThat(ENV.events(ns, "locked"))
        .extracting(Event::getReason)
        .containsExactly("AtlasUnauthorized");
  }

  @Test
  void resourceThatNeverReachedAtlasCanBeDeletedWithoutItsCredentials() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "typo-password", "s3cret-value");
    AtlasDatabaseUser resource = scramUser(ns, "typo", project, "typo");
    resource.getSpec().setCredentialsSecretRef(new SecretRef("atlas-kyes"));
    ENV.create(resource);
    AtlasDatabaseUser stalled = ENV.awaitReady(ns, "typo", "False", "SecretNotFound");

    ENV.client().resource(stalled).delete();

    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ENV.get(ns, "typo") == null);
    assertThat(ENV.atlasCalls(project, e -> true)).isEmpty();
  }

  @Test
  void anUnlabelledSecretIsReadDirectlyWithAWarningAndWatchedOnceLabelled() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    // Cluster-wide, the operator caches only labelled Secrets; this one has no label.
    ENV.client()
        .secrets()
        .inNamespace(ns)
        .resource(
            new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata()
                .withName("plain-password")
                .endMetadata()
                .withStringData(Map.of("password", "first-s3cret"))
                .build())
        .create();
    ENV.create(scramUser(ns, "plain", project, "plain"));

    ENV.awaitReady(ns, "plain", "True", "Created");
    assertThat(ENV.events(ns, "plain"))
        .filteredOn(e -> e.getReason().equals("SecretNotLabelled"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getType()).isEqualTo("Warning");
              assertThat(e.getMessage())
                  .contains(ns + "/plain-password", "atlas.mongodb.com/type=credentials");
            });

    // Not watched: a new value waits for the resync (an hour here)...
    ENV.replaceSecretData(ns, "plain-password", Map.of("password", "second-s3cret"));
    org.awaitility.Awaitility.await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> ENV.atlasWrites(project).size() == 1);
    // ...until the Secret carries the label the Warning names: then it is applied at once.
    ENV.client()
        .secrets()
        .inNamespace(ns)
        .withName("plain-password")
        .edit(
            secret -> {
              secret.getMetadata().setLabels(Map.of("atlas.mongodb.com/type", "credentials"));
              return secret;
            });
    ENV.awaitReady(ns, "plain", "True", "PasswordRotated");
    assertThat(ENV.atlasWrites(project))
        .extracting(JournalEntry::method)
        .containsExactly("POST", "PATCH");
  }
}
