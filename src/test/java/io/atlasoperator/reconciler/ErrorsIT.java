package io.atlasoperator.reconciler;

import static io.atlasoperator.testing.OperatorEnvironment.scramUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.Role;
import io.atlasoperator.emulator.Fault;
import io.atlasoperator.emulator.JournalEntry;
import io.atlasoperator.testing.OperatorEnvironment;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Transient and permanent Atlas errors, and temporary users that expire. */
class ErrorsIT {

  @RegisterExtension
  static final OperatorEnvironment ENV = new OperatorEnvironment(Duration.ofSeconds(1));

  @Test
  void transientErrorsAreRetriedUntilAtlasRecovers() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "flaky-password", "s3cret-value");
    ENV.atlas().inject(Fault.status(503).forProject(project).onMethod("POST"));

    ENV.create(scramUser(ns, "flaky", project, "flaky"));
    AtlasDatabaseUser waiting = ENV.awaitReady(ns, "flaky", "False", "AtlasUnavailable");

    assertThat(ENV.condition(waiting, "Reconciling").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(ENV.condition(waiting, "Stalled").orElseThrow().getStatus()).isEqualTo("False");
    assertThat(ENV.condition(waiting, "Ready").orElseThrow().getMessage()).contains("503");
    await().atMost(Duration.ofSeconds(20)).until(() -> ENV.atlasWrites(project).size() >= 3);

    ENV.atlas().clearFaults();
    ENV.awaitReady(ns, "flaky", "True", "Created");

    assertThat(ENV.atlasWrites(project)).filteredOn(e -> e.status() == 201).hasSize(1);
    assertThat(ENV.events(ns, "flaky"))
        .extracting(Event::getReason)
        .containsExactly("AtlasUnavailable", "Created");
  }

  @Test
  void retryAfterIsHonoured() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "limited-password", "s3cret-value");
    ENV.atlas()
        .inject(
            Fault.status(429)
                .retryAfter(Duration.ofSeconds(3))
                .forProject(project)
                .onMethod("POST")
                .times(1));

    ENV.create(scramUser(ns, "limited", project, "limited"));
    ENV.awaitReady(ns, "limited", "True", "Created");

    List<JournalEntry> posts = ENV.atlasWrites(project);
    assertThat(posts).extracting(JournalEntry::status).containsExactly(429, 201);
    assertThat(Duration.between(posts.get(0).at(), posts.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(2900));
  }

  @Test
  void permanentErrorIsNotRetriedUntilTheSpecChanges() throws InterruptedException {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "custom-password", "s3cret-value");
    AtlasDatabaseUser resource = scramUser(ns, "custom", project, "custom");
    resource.getSpec().setRoles(List.of(new Role("noSuchCustomRole", "admin", null)));
    ENV.create(resource);

    AtlasDatabaseUser stalled = ENV.awaitReady(ns, "custom", "False", "AtlasRejected");
    assertThat(ENV.condition(stalled, "Stalled").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(ENV.condition(stalled, "Reconciling").orElseThrow().getStatus()).isEqualTo("False");
    assertThat(ENV.condition(stalled, "Ready").orElseThrow().getMessage())
        .isEqualTo(
            "Atlas answered 400 ATLAS_INVALID_ROLE: The specified role noSuchCustomRole@admin does not exist.");

    Thread.sleep(ENV.resync().multipliedBy(4).toMillis());
    assertThat(ENV.atlasWrites(project)).hasSize(1);

    ENV.edit(
        ns,
        "custom",
        spec -> spec.setRoles(new java.util.ArrayList<>(List.of(new Role("read", "app", null)))));
    ENV.awaitReady(ns, "custom", "True", "Created");
    assertThat(ENV.atlasWrites(project)).extracting(JournalEntry::status).containsExactly(400, 201);
  }

  @Test
  void temporaryUserReportsItsExpiryAndIsNotRecreatedOnceAtlasRemovesIt() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "tmp-password", "s3cret-value");
    Instant expiry = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
    AtlasDatabaseUser resource = scramUser(ns, "tmp", project, "tmp");
    resource.getSpec().setDeleteAfterDate(expiry.toString());
    ENV.create(resource);

    AtlasDatabaseUser created = ENV.awaitReady(ns, "tmp", "True", "Created");
    assertThat(created.getStatus().getAtlas().getExpiresAt()).isEqualTo(expiry.toString());
    assertThat(
            ENV.atlas()
                .lastWrite(project, "admin", "tmp")
                .orElseThrow()
                .get("deleteAfterDate")
                .asText())
        .isEqualTo(expiry.toString());

    AtlasDatabaseUser expired = ENV.awaitReady(ns, "tmp", "False", "Expired");

    assertThat(ENV.condition(expired, "Stalled").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(expired.getStatus().getAtlas().getExpiresAt())
        .as("the last-seen user stays on record")
        .isEqualTo(expiry.toString());
    await()
        .pollDelay(ENV.resync().multipliedBy(3))
        .atMost(ENV.resync().multipliedBy(6))
        .until(() -> ENV.atlas().storedUser(project, "admin", "tmp").isEmpty());
    assertThat(ENV.atlasWrites(project)).extracting(JournalEntry::method).containsExactly("POST");
    assertThat(ENV.events(ns, "tmp"))
        .extracting(Event::getReason)
        .containsExactly("Created", "Expired");

    // An unrelated edit afterwards must not rewrite history ("never created").
    ENV.edit(ns, "tmp", spec -> spec.setDescription("after expiry"));
    AtlasDatabaseUser edited =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> ENV.get(ns, "tmp"), r -> r.getStatus().getObservedGeneration() == 2L);
    assertThat(ENV.condition(edited, "Ready").orElseThrow().getReason()).isEqualTo("Expired");
    assertThat(ENV.atlasWrites(project)).hasSize(1);
  }

  @Test
  void expiresAfterCountsFromTheResourcesCreationAndAnEditMovesTheDateFromThere() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "relative-password", "s3cret-value");
    AtlasDatabaseUser resource = scramUser(ns, "relative", project, "relative");
    resource.getSpec().setExpiresAfter("72h");
    Instant creation = Instant.parse(ENV.create(resource).getMetadata().getCreationTimestamp());

    AtlasDatabaseUser created = ENV.awaitReady(ns, "relative", "True", "Created");
    String in72h = creation.plus(Duration.ofHours(72)).toString();
    assertThat(created.getStatus().getAtlas().getExpiresAt()).isEqualTo(in72h);
    assertThat(sentDate(project, "relative")).isEqualTo(in72h);
    assertThat(ENV.events(ns, "relative").get(0).getMessage())
        .endsWith("(temporary: Atlas deletes it at " + in72h + ")");

    // Edited: from the same creation, never from the edit; one PATCH.
    ENV.edit(ns, "relative", spec -> spec.setExpiresAfter("96h"));
    AtlasDatabaseUser edited = ENV.awaitReady(ns, "relative", "True", "Updated");
    String in96h = creation.plus(Duration.ofHours(96)).toString();
    assertThat(edited.getStatus().getAtlas().getExpiresAt()).isEqualTo(in96h);
    assertThat(sentDate(project, "relative")).isEqualTo(in96h);

    // The absolute form may replace the relative one (the user stays temporary).
    Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    ENV.edit(
        ns,
        "relative",
        spec -> {
          spec.setExpiresAfter(null);
          spec.setDeleteAfterDate(tomorrow.toString());
        });
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> tomorrow.toString().equals(sentDate(project, "relative")));
    assertThat(ENV.atlasWrites(project))
        .extracting(JournalEntry::method)
        .containsExactly("POST", "PATCH", "PATCH");
  }

  @Test
  void aRelativeExpiryThatHasPassedIsExpiredAndSaysHowToHaveANewUser() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "brief-password", "s3cret-value");
    AtlasDatabaseUser resource = scramUser(ns, "brief", project, "brief");
    resource.getSpec().setExpiresAfter("8s");
    Instant creation = Instant.parse(ENV.create(resource).getMetadata().getCreationTimestamp());

    ENV.awaitReady(ns, "brief", "True", "Created");
    AtlasDatabaseUser expired = ENV.awaitReady(ns, "brief", "False", "Expired");

    assertThat(ENV.condition(expired, "Ready").orElseThrow().getMessage())
        .isEqualTo(
            "Temporary user brief in project "
                + project
                + " expired at "
                + creation.plusSeconds(8)
                + " and Atlas removed it; spec.expiresAfter counts from the resource's creation,"
                + " so delete and apply the resource again for a new temporary user");
    assertThat(ENV.atlasWrites(project)).extracting(JournalEntry::method).containsExactly("POST");
  }

  private static String sentDate(String project, String username) {
    return ENV.atlas()
        .lastWrite(project, "admin", username)
        .orElseThrow()
        .get("deleteAfterDate")
        .asText();
  }
}
