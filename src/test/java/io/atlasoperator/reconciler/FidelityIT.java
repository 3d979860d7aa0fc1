package io.atlasoperator.reconciler;

import static io.atlasoperator.testing.OperatorEnvironment.scramUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.Label;
import io.atlasoperator.crd.Scope;
import io.atlasoperator.crd.ScopeType;
import io.atlasoperator.emulator.Fault;
import io.atlasoperator.emulator.JournalEntry;
import io.atlasoperator.testing.OperatorEnvironment;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The status says what Atlas really holds: fields the spec drops are cleared in Atlas, a write
 * Atlas does not apply is not Ready, deletion and lost answers are reported as what happened, and
 * what Atlas would refuse is caught before any call.
 */
class FidelityIT {

  @RegisterExtension
  static final OperatorEnvironment ENV = new OperatorEnvironment(Duration.ofSeconds(2));

  @Test
  void removingOptionalFieldsClearsThemInAtlasWithOnePatchAndNoLoop() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "clear-password", "s3cret-value");
    AtlasDatabaseUser resource = scramUser(ns, "clear", project, "clear");
    resource.getSpec().setDescription("orders service");
    resource.getSpec().setLabels(new ArrayList<>(List.of(new Label("team", "checkout"))));
    resource.getSpec().setScopes(new ArrayList<>(List.of(new Scope("c0", ScopeType.CLUSTER))));
    ENV.atlas().addCluster(project, "c0");
    ENV.create(resource);
    ENV.awaitReady(ns, "clear", "True", "Created");

    ENV.edit(
        ns,
        "clear",
        spec -> {
          spec.setDescription(null);
          spec.setLabels(new ArrayList<>());
          spec.setScopes(new ArrayList<>());
        });
    ENV.awaitReady(ns, "clear", "True", "Updated");

    JsonNode stored = ENV.atlas().storedUser(project, "admin", "clear").orElseThrow();
    assertThat(stored.has("description")).isFalse();
    assertThat(stored.get("scopes")).isEmpty();
    assertThat(stored.get("labels"))
        .extracting(l -> l.get("key").asText())
        .containsExactly("atlasoperator.io/owner");
    JsonNode patch = ENV.atlas().lastWrite(project, "admin", "clear").orElseThrow();
    assertThat(patch.get("description").asText()).isEmpty();
    sleep(ENV.resync().multipliedBy(3));
    assertThat(ENV.atlasWrites(project))
        .extracting(JournalEntry::method)
        .containsExactly("POST", "PATCH");
    // A write may wait a moment for Atlas's change status (ClustersApplying, a Normal Event).
    assertThat(ENV.events(ns, "clear"))
        .extracting(Event::getReason)
        .filteredOn(r -> !r.equals("ClustersApplying"))
        .containsExactly("Created", "Updated");
  }

  @Test
  void aSteadyResourceIsNotRewrittenAtEveryResync() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "calm-password", "s3cret-value");
    ENV.create(scramUser(ns, "calm", project, "calm"));
    ENV.awaitReady(ns, "calm", "True", "Created");
    sleep(ENV.resync()); // the first resync, which once rewrote Created as UpToDate
    java.util.function.Predicate<String> statusWrites =
        r ->
            (r.startsWith("PATCH") || r.startsWith("PUT"))
                && r.endsWith("/namespaces/" + ns + "/atlasdatabaseusers/calm/status");
    int before = ENV.operatorRequests(statusWrites).size();

    sleep(ENV.resync().multipliedBy(3));

    assertThat(before).as("the status writes so far were counted").isGreaterThan(0);
    assertThat(ENV.operatorRequests(statusWrites)).hasSize(before);
    assertThat(ENV.atlasCalls(project, e -> e.method().equals("GET")))
        .as("the resyncs did look at Atlas")
        .hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void aWriteAtlasDoesNotApplyIsNotReadyAndIsNotRepeated() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.atlas().ignoreOnWrite(project, "description");
    ENV.password(ns, "deaf-password", "s3cret-value");
    AtlasDatabaseUser resource = scramUser(ns, "deaf", project, "deaf");
    resource.getSpec().setDescription("never stored");
    ENV.create(resource);

    AtlasDatabaseUser stalled = ENV.awaitReady(ns, "deaf", "False", "NotApplied");

    assertThat(ENV.condition(stalled, "Stalled").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(ENV.condition(stalled, "Ready").orElseThrow().getMessage())
        .contains("does not hold the spec's description");
    sleep(ENV.resync().multipliedBy(3));
    assertThat(ENV.atlasWrites(project)).extracting(JournalEntry::method).containsExactly("POST");
    assertThat(ENV.events(ns, "deaf"))
        .extracting(e -> e.getType() + "/" + e.getReason())
        .containsExactly("Warning/NotApplied");

    // Asking for what Atlas holds (no description) makes it Ready again, with no write.
    ENV.edit(ns, "deaf", spec -> spec.setDescription(null));
    ENV.awaitReady(ns, "deaf", "True", "UpToDate");
    assertThat(ENV.atlasWrites(project)).extracting(JournalEntry::method).containsExactly("POST");
  }

  @Test
  void aResourceBeingDeletedWhileAtlasFailsSaysSoAndFinishesLater() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "doomed-password", "s3cret-value");
    ENV.create(scramUser(ns, "doomed", project, "doomed"));
    AtlasDatabaseUser ready = ENV.awaitReady(ns, "doomed", "True", "Created");
    ENV.atlas().inject(Fault.status(503).forProject(project));

    ENV.client().resource(ready).delete();

    AtlasDatabaseUser deleting = ENV.awaitReady(ns, "doomed", "False", "Deleting");
    assertThat(ENV.condition(deleting, "Reconciling").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(ENV.condition(deleting, "Ready").orElseThrow().getMessage())
        .contains("Deleting Atlas user " + project + "/admin/doomed")
        .contains("503");
    assertThat(ENV.atlas().storedUser(project, "admin", "doomed")).isPresent();

    ENV.atlas().clearFaults();
    await().atMost(Duration.ofSeconds(30)).until(() -> ENV.get(ns, "doomed") == null);
    assertThat(ENV.atlas().storedUser(project, "admin", "doomed")).isEmpty();
  }

  @Test
  void aCreateWhoseAnswerWasLostIsReportedAsCreatedNotAsARotation() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.atlas().inject(Fault.loseAnswer().forProject(project).onMethod("POST").times(1));
    ENV.password(ns, "lost-password", "s3cret-value");
    ENV.create(scramUser(ns, "lost", project, "lost"));

    AtlasDatabaseUser ready = ENV.awaitReady(ns, "lost", "True", "WriteConfirmed");

    assertThat(ENV.condition(ready, "Ready").orElseThrow().getMessage())
        .contains("whose answer was lost");
    assertThat(ENV.atlasWrites(project))
        .extracting(JournalEntry::method)
        .containsExactly("POST", "PATCH");
    // The failed first attempt is reported (a Warning), then the create: no rotation, no update.
    assertThat(ENV.events(ns, "lost"))
        .extracting(Event::getReason)
        .containsExactly("AtlasUnavailable", "WriteConfirmed");
    assertThat(ready.getStatus().getAppliedPasswordVersion()).isNotNull();
  }

  @Test
  void aTakeoverWhoseAnswerWasLostIsNotReportedAsACreate() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    com.fasterxml.jackson.databind.node.ObjectNode existing =
        new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    existing.put("databaseName", "admin").put("username", "legacy").put("password", "old-pass-1");
    existing.putArray("roles").addObject().put("databaseName", "x").put("roleName", "read");
    ENV.atlas().createBehindTheBack(project, existing);
    ENV.atlas().inject(Fault.loseAnswer().forProject(project).onMethod("PATCH").times(1));
    ENV.password(ns, "legacy-password", "s3cret-value");
    AtlasDatabaseUser resource = scramUser(ns, "legacy", project, "legacy");
    resource.getSpec().setAdoptExisting(true);
    ENV.create(resource);

    ENV.awaitReady(ns, "legacy", "True", "WriteConfirmed");

    assertThat(ENV.events(ns, "legacy"))
        .extracting(Event::getReason)
        .doesNotContain("Created")
        .containsExactly("AtlasUnavailable", "WriteConfirmed");
    assertThat(ENV.atlasWrites(project)).extracting(JournalEntry::method).containsOnly("PATCH");
  }

  @Test
  void aDeletionTheCredentialsCannotDoIsBlockedVisiblyAndRetainReleasesIt() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.atlas().addApiKey("team-public", "team-private-key").addProject(project, "team-public");
    ENV.secret(
        ns,
        "team-keys",
        java.util.Map.of("publicApiKey", "team-public", "privateApiKey", "team-private-key"));
    ENV.password(ns, "kept-password", "s3cret-value");
    AtlasDatabaseUser resource = scramUser(ns, "kept", project, "kept");
    resource.getSpec().setCredentialsSecretRef(new io.atlasoperator.crd.SecretRef("team-keys"));
    ENV.create(resource);
    AtlasDatabaseUser ready = ENV.awaitReady(ns, "kept", "True", "Created");
    ENV.replaceSecretData(
        ns,
        "team-keys",
        java.util.Map.of("publicApiKey", "team-public", "privateApiKey", "revoked-key"));

    ENV.client().resource(ready).delete();
    AtlasDatabaseUser blocked = ENV.awaitReady(ns, "kept", "False", "DeletionBlocked");

    assertThat(ENV.condition(blocked, "Stalled").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(ENV.condition(blocked, "Ready").orElseThrow().getMessage())
        .contains("Cannot delete Atlas user", "401", "set spec.deletionPolicy to Retain");
    ENV.edit(
        ns, "kept", spec -> spec.setDeletionPolicy(io.atlasoperator.crd.DeletionPolicy.Retain));
    await().atMost(Duration.ofSeconds(30)).until(() -> ENV.get(ns, "kept") == null);
    assertThat(ENV.atlas().storedUser(project, "admin", "kept")).isPresent();
  }

  @Test
  void aPastExpiryOnAUserNeverCreatedIsAnInvalidSpecNotAnExpiry() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "late-password", "s3cret-value");
    AtlasDatabaseUser resource = scramUser(ns, "late", project, "late");
    String yesterday =
        Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    resource.getSpec().setDeleteAfterDate(yesterday);
    ENV.create(resource);

    AtlasDatabaseUser invalid = ENV.awaitReady(ns, "late", "False", "InvalidSpec");

    assertThat(ENV.condition(invalid, "Ready").orElseThrow().getMessage())
        .contains("spec.deleteAfterDate " + yesterday + " is in the past")
        .contains("was not created")
        .doesNotContain("removed");
    assertThat(ENV.atlasWrites(project)).isEmpty();
  }

  @Test
  void aPasswordAtlasWouldRefuseIsNeverSentAndAFixedOneIs() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "weak-password", "seven77");
    ENV.create(scramUser(ns, "weak", project, "weak"));

    AtlasDatabaseUser refused = ENV.awaitReady(ns, "weak", "False", "InvalidPassword");

    assertThat(ENV.condition(refused, "Stalled").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(ENV.condition(refused, "Ready").orElseThrow().getMessage())
        .contains("has 7 characters; Atlas requires at least 8")
        .doesNotContain("seven77");
    assertThat(ENV.atlasCalls(project, e -> true)).isEmpty();
    assertThat(ENV.events(ns, "weak"))
        .extracting(e -> e.getType() + "/" + e.getReason())
        .containsExactly("Warning/InvalidPassword");

    ENV.replaceSecretData(ns, "weak-password", java.util.Map.of("password", "eight888"));
    ENV.awaitReady(ns, "weak", "True", "Created");
    assertThat(
            ENV.atlas().lastWrite(project, "admin", "weak").orElseThrow().get("password").asText())
        .isEqualTo("eight888");

    // The same problem again is the same Event counted up, as kubectl describe shows it (x2).
    ENV.replaceSecretData(ns, "weak-password", java.util.Map.of("password", "seven77"));
    ENV.awaitReady(ns, "weak", "False", "InvalidPassword");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(ENV.events(ns, "weak"))
                    .filteredOn(e -> e.getReason().equals("InvalidPassword"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.getCount()).isEqualTo(2)));
  }

  @Test
  void aPasswordThatIsNotUtf8TextIsRefusedNotAltered() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    byte[] latin1 = "pässwörd-latin1".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    ENV.client()
        .resource(
            new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata()
                .withName("binary-password")
                .withNamespace(ns)
                .endMetadata()
                .addToData("password", java.util.Base64.getEncoder().encodeToString(latin1))
                .build())
        .create();
    AtlasDatabaseUser resource = scramUser(ns, "binary", project, "binary");
    resource.getSpec().getPasswordSecretRef().setName("binary-password");
    ENV.create(resource);

    AtlasDatabaseUser refused = ENV.awaitReady(ns, "binary", "False", "InvalidPassword");

    assertThat(ENV.condition(refused, "Ready").orElseThrow().getMessage())
        .contains("is not UTF-8 text; it was not sent to Atlas");
    assertThat(ENV.atlasCalls(project, e -> true)).isEmpty();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
