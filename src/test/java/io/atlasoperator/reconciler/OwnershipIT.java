package io.atlasoperator.reconciler;

import static io.atlasoperator.testing.OperatorEnvironment.scramUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.emulator.JournalEntry;
import io.atlasoperator.testing.OperatorEnvironment;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Adoption of existing Atlas users, and resources that claim the same Atlas user. The resync
 * interval is long so that the project list the operator holds stays fresh within a test.
 */
class OwnershipIT {

  @RegisterExtension
  static final OperatorEnvironment ENV = new OperatorEnvironment(Duration.ofSeconds(60));

  static ObjectNode existingUser(String username, String... labels) {
    ObjectNode user = new ObjectMapper().createObjectNode();
    user.put("databaseName", "admin").put("username", username).put("password", "old-pass-123");
    user.putArray("roles").addObject().put("databaseName", "legacy").put("roleName", "read");
    var array = user.putArray("labels");
    for (int i = 0; i < labels.length; i += 2) {
      array.addObject().put("key", labels[i]).put("value", labels[i + 1]);
    }
    return user;
  }

  private static AtlasDatabaseUser adopting(AtlasDatabaseUser resource) {
    resource.getSpec().setAdoptExisting(true);
    return resource;
  }

  @Test
  void theLongestNamesStillFitAtlassLabelLimitAndStayManageable() {
    String ns = "n" + "s".repeat(62);
    ENV.namespace(ns);
    String project = ENV.newProject();
    String name = "a".repeat(240) + "-longest";
    ENV.password(ns, "long-password", "s3cret-value");
    AtlasDatabaseUser resource = scramUser(ns, name, project, "long-owner");
    resource.getSpec().getPasswordSecretRef().setName("long-password");
    ENV.create(resource);

    ENV.awaitReady(ns, name, "True", "Created");

    String owner =
        ENV.atlas()
            .storedUser(project, "admin", "long-owner")
            .orElseThrow()
            .get("labels")
            .get(0)
            .get("value")
            .asText();
    assertThat(owner).hasSizeLessThanOrEqualTo(255).startsWith(ns + "/");
    ENV.edit(ns, name, spec -> spec.setDescription("still managed"));
    ENV.awaitReady(ns, name, "True", "Updated");
  }

  @Test
  void anExistingUserIsNeverTakenOverWithoutTheOptIn() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.atlas().createBehindTheBack(project, existingUser("break-glass"));
    var before = ENV.atlas().storedUser(project, "admin", "break-glass").orElseThrow();
    ENV.password(ns, "hijack-password", "attacker-s3cret");

    ENV.create(scramUser(ns, "hijack", project, "break-glass"));
    AtlasDatabaseUser refused = ENV.awaitReady(ns, "hijack", "False", "AdoptionNotAllowed");

    assertThat(ENV.condition(refused, "Stalled").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(ENV.condition(refused, "Ready").orElseThrow().getMessage())
        .contains("already exists", "set spec.adoptExisting: true");
    assertThat(ENV.atlasWrites(project)).isEmpty();

    ENV.client().resource(refused).delete();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> ENV.get(ns, "hijack") == null);
    assertThat(ENV.atlas().storedUser(project, "admin", "break-glass")).contains(before);
    assertThat(ENV.atlasWrites(project)).isEmpty();
  }

  @Test
  void userFoundInAtlasIsAdoptedWithOnePatchNotAPost() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.atlas().createBehindTheBack(project, existingUser("legacy-app"));
    ENV.password(ns, "legacy-password", "new-s3cret");

    ENV.create(adopting(scramUser(ns, "legacy", project, "legacy-app")));
    ENV.awaitReady(ns, "legacy", "True", "Adopted");

    assertThat(ENV.atlasWrites(project)).extracting(JournalEntry::method).containsExactly("PATCH");
    var stored = ENV.atlas().storedUser(project, "admin", "legacy-app").orElseThrow();
    assertThat(stored.get("roles").get(0).get("roleName").asText()).isEqualTo("readWrite");
    assertThat(stored.get("labels").toString()).contains("atlasoperator.io/owner", ns + "/legacy");
    assertThat(
            ENV.atlas()
                .lastWrite(project, "admin", "legacy-app")
                .orElseThrow()
                .get("password")
                .asText())
        .isEqualTo("new-s3cret");
    assertThat(ENV.events(ns, "legacy")).extracting(Event::getReason).containsExactly("Adopted");
  }

  @Test
  void userCreatedInAtlasSinceTheLastListIsAdoptedAfterTheConflictAnswer() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "first-password", "s3cret-value");
    ENV.create(scramUser(ns, "first", project, "first"));
    ENV.awaitReady(ns, "first", "True", "Created");
    // The operator listed the project moments ago; a user appears in Atlas after that list.
    ENV.atlas().createBehindTheBack(project, existingUser("late"));
    ENV.password(ns, "late-password", "s3cret-value");

    ENV.create(adopting(scramUser(ns, "late", project, "late")));
    ENV.awaitReady(ns, "late", "True", "Adopted");

    assertThat(
            ENV.atlasCalls(
                project, e -> e.path().endsWith("/databaseUsers") || e.path().endsWith("/late")))
        .extracting(JournalEntry::method, JournalEntry::status)
        .containsSubsequence(
            org.assertj.core.groups.Tuple.tuple("POST", 409),
            org.assertj.core.groups.Tuple.tuple("GET", 200),
            org.assertj.core.groups.Tuple.tuple("PATCH", 200));
  }

  @Test
  void secondResourceForTheSameAtlasUserIsStalledWithConflictNamingTheFirst() {
    String first = ENV.newNamespace();
    String second = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(first, "shared-password", "first-s3cret");
    ENV.password(second, "shared-password", "second-s3cret");
    ENV.create(scramUser(first, "shared", project, "shared-user"));
    ENV.awaitReady(first, "shared", "True", "Created");

    AtlasDatabaseUser rival = scramUser(second, "shared", project, "shared-user");
    rival.getSpec().getRoles().get(0).setRoleName("dbAdmin");
    ENV.create(rival);
    AtlasDatabaseUser conflicted = ENV.awaitReady(second, "shared", "False", "Conflict");

    assertThat(ENV.condition(conflicted, "Stalled").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(ENV.condition(conflicted, "Ready").orElseThrow().getMessage())
        .contains("AtlasDatabaseUser " + first + "/shared");
    assertThat(ENV.events(second, "shared"))
        .extracting(Event::getReason)
        .containsExactly("Conflict");

    ENV.client().resource(conflicted).delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> ENV.get(second, "shared") == null);

    var stored = ENV.atlas().storedUser(project, "admin", "shared-user").orElseThrow();
    assertThat(stored.get("roles").get(0).get("roleName").asText()).isEqualTo("readWrite");
    assertThat(ENV.atlasWrites(project)).extracting(JournalEntry::method).containsExactly("POST");
    assertThat(
            ENV.atlas()
                .lastWrite(project, "admin", "shared-user")
                .orElseThrow()
                .get("password")
                .asText())
        .isEqualTo("first-s3cret");
  }

  @Test
  void atlasUserOwnedByAnotherResourceIsNeitherChangedNorDeleted() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.atlas()
        .createBehindTheBack(
            project, existingUser("theirs", "atlasoperator.io/owner", "other-cluster/app"));
    ENV.password(ns, "mine-password", "s3cret-value");

    ENV.create(scramUser(ns, "mine", project, "theirs"));
    AtlasDatabaseUser conflicted = ENV.awaitReady(ns, "mine", "False", "Conflict");
    assertThat(ENV.condition(conflicted, "Ready").orElseThrow().getMessage())
        .contains("other-cluster/app");

    ENV.client().resource(conflicted).delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> ENV.get(ns, "mine") == null);

    assertThat(ENV.atlas().storedUser(project, "admin", "theirs")).isPresent();
    assertThat(ENV.atlasWrites(project)).isEmpty();
  }
}
