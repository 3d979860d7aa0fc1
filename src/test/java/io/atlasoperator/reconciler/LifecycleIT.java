package io.atlasoperator.reconciler;

import static io.atlasoperator.testing.OperatorEnvironment.scramUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.Label;
import io.atlasoperator.crd.Role;
import io.atlasoperator.crd.Scope;
import io.atlasoperator.crd.ScopeType;
import io.atlasoperator.emulator.JournalEntry;
import io.atlasoperator.testing.OperatorEnvironment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Create, update, no-op, drift and delete, asserted on the resource and in Atlas. */
class LifecycleIT {

  @RegisterExtension
  static final OperatorEnvironment ENV = new OperatorEnvironment(Duration.ofSeconds(3));

  @Test
  void newResourceIsCreatedInAtlasWithOnePostAndReportsReady() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "orders-password", "first-s3cret");
    AtlasDatabaseUser resource = scramUser(ns, "orders", project, "orders-app");
    resource.getSpec().getRoles().add(new Role("read", "catalog", "products"));
    resource.getSpec().setScopes(List.of(new Scope("cluster0", ScopeType.CLUSTER)));
    resource.getSpec().setLabels(List.of(new Label("team", "checkout")));
    resource.getSpec().setDescription("orders service");
    ENV.atlas().addCluster(project, "cluster0");
    ENV.create(resource);

    AtlasDatabaseUser ready = ENV.awaitReady(ns, "orders", "True", "Created");

    JsonNode sent = ENV.atlas().lastWrite(project, "admin", "orders-app").orElseThrow();
    assertThat(sent.get("password").asText()).isEqualTo("first-s3cret");
    assertThat(sent.get("description").asText()).isEqualTo("orders service");
    assertThat(sent.get("roles")).hasSize(2);
    assertThat(sent.get("scopes").get(0).get("name").asText()).isEqualTo("cluster0");
    assertThat(sent.get("labels"))
        .extracting(l -> l.get("key").asText() + "=" + l.get("value").asText())
        .containsExactlyInAnyOrder("team=checkout", "atlasoperator.io/owner=" + ns + "/orders");
    assertThat(ENV.atlasWrites(project)).extracting(JournalEntry::method).containsExactly("POST");
    assertThat(ready.getStatus().getObservedGeneration())
        .isEqualTo(ready.getMetadata().getGeneration());
    assertThat(ready.getStatus().getAtlas().getUsername()).isEqualTo("orders-app");
    assertThat(ready.getStatus().getAtlas().getProjectId()).isEqualTo(project);
    assertThat(ENV.condition(ready, "Reconciling").orElseThrow().getStatus()).isEqualTo("False");
    assertThat(ENV.condition(ready, "Stalled").orElseThrow().getStatus()).isEqualTo("False");
    assertThat(ENV.condition(ready, "Ready").orElseThrow().getObservedGeneration()).isEqualTo(1L);
  }

  @Test
  void specChangeIsOnePatchAndAReorderIsNoWriteAtAll() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "app-password", "s3cret-value");
    AtlasDatabaseUser resource = scramUser(ns, "app", project, "app");
    resource.getSpec().getRoles().add(new Role("read", "catalog", null));
    ENV.create(resource);
    AtlasDatabaseUser created = ENV.awaitReady(ns, "app", "True", "Created");
    String readySince = ENV.condition(created, "Ready").orElseThrow().getLastTransitionTime();

    ENV.edit(ns, "app", spec -> spec.getRoles().add(new Role("dbAdmin", "orders", null)));
    AtlasDatabaseUser updated = ENV.awaitReady(ns, "app", "True", "Updated");

    assertThat(ENV.atlasWrites(project))
        .extracting(JournalEntry::method)
        .containsExactly("POST", "PATCH");
    assertThat(ENV.events(ns, "app"))
        .extracting(io.fabric8.kubernetes.api.model.Event::getReason)
        .containsExactly("Created", "Updated");
    assertThat(ENV.events(ns, "app").get(1).getMessage())
        .isEqualTo("Updated roles of user app in project " + project);
    assertThat(ENV.atlas().storedUser(project, "admin", "app").orElseThrow().get("roles"))
        .hasSize(3);
    assertThat(ENV.atlas().lastWrite(project, "admin", "app").orElseThrow().has("password"))
        .isFalse();
    assertThat(ENV.condition(updated, "Ready").orElseThrow().getLastTransitionTime())
        .isEqualTo(readySince);
    assertThat(ENV.condition(updated, "Ready").orElseThrow().getObservedGeneration()).isEqualTo(2L);

    ENV.edit(ns, "app", spec -> java.util.Collections.reverse(spec.getRoles()));
    AtlasDatabaseUser reordered =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> ENV.get(ns, "app"), r -> r.getStatus().getObservedGeneration() == 3L);

    assertThat(ENV.condition(reordered, "Ready").orElseThrow().getReason()).isEqualTo("UpToDate");
    assertThat(ENV.atlasWrites(project)).hasSize(2);
  }

  @Test
  void anOwnerLabelRemovedInAtlasIsRestoredAndSaidSoForAUserThisResourceCreated() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "unlabelled-password", "s3cret-value");
    ENV.create(scramUser(ns, "unlabelled", project, "unlabelled"));
    ENV.awaitReady(ns, "unlabelled", "True", "Created");

    com.fasterxml.jackson.databind.node.ObjectNode change =
        new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    change.putArray("labels"); // someone cleared the labels in the Atlas UI
    change.putArray("roles").addObject().put("databaseName", "admin").put("roleName", "read");
    ENV.atlas().changeBehindTheBack(project, "admin", "unlabelled", change);

    AtlasDatabaseUser restored = ENV.awaitReady(ns, "unlabelled", "True", "Updated");

    assertThat(ENV.condition(restored, "Ready").orElseThrow().getMessage())
        .isEqualTo(
            "The owner label atlasoperator.io/owner had been removed in Atlas from user"
                + " unlabelled in project "
                + project
                + ", which this resource created or took over (status.atlas); restored it and"
                + " updated roles");
    assertThat(ENV.atlas().storedUser(project, "admin", "unlabelled").orElseThrow().get("labels"))
        .anySatisfy(
            l ->
                assertThat(l.get("value").asText())
                    .as(l.get("key").asText())
                    .isEqualTo(ns + "/unlabelled"));
    assertThat(ENV.atlasWrites(project))
        .extracting(JournalEntry::method)
        .containsExactly("POST", "PATCH");
  }

  @Test
  void changesMadeInAtlasBehindTheOperatorsBackAreUndoneOnResync() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "drift-password", "s3cret-value");
    ENV.create(scramUser(ns, "drift", project, "drift"));
    ENV.awaitReady(ns, "drift", "True", "Created");

    com.fasterxml.jackson.databind.node.ObjectNode change =
        new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    change.putArray("roles").addObject().put("databaseName", "admin").put("roleName", "atlasAdmin");
    ENV.atlas().changeBehindTheBack(project, "admin", "drift", change);

    await()
        .atMost(ENV.resync().multipliedBy(4))
        .until(
            () ->
                ENV.atlas()
                    .storedUser(project, "admin", "drift")
                    .orElseThrow()
                    .get("roles")
                    .get(0)
                    .get("roleName")
                    .asText()
                    .equals("readWrite"));
    assertThat(ENV.atlasWrites(project))
        .extracting(JournalEntry::method)
        .containsExactly("POST", "PATCH");

    ENV.atlas().deleteBehindTheBack(project, "admin", "drift");

    await()
        .atMost(ENV.resync().multipliedBy(4))
        .until(() -> ENV.atlas().storedUser(project, "admin", "drift").isPresent());
    assertThat(ENV.atlasWrites(project))
        .extracting(JournalEntry::method)
        .containsExactly("POST", "PATCH", "POST");
    assertThat(
            ENV.atlas().lastWrite(project, "admin", "drift").orElseThrow().get("password").asText())
        .isEqualTo("s3cret-value");
  }

  @Test
  void deletingTheResourceDeletesTheAtlasUserAndReleasesTheFinalizer() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "gone-password", "s3cret-value");
    ENV.create(scramUser(ns, "gone", project, "gone"));
    AtlasDatabaseUser ready = ENV.awaitReady(ns, "gone", "True", "Created");
    assertThat(ready.getMetadata().getFinalizers()).isNotEmpty();

    ENV.client().resource(ready).delete();

    await().atMost(Duration.ofSeconds(30)).until(() -> ENV.get(ns, "gone") == null);
    assertThat(ENV.atlas().storedUser(project, "admin", "gone")).isEmpty();
    assertThat(ENV.atlasWrites(project))
        .extracting(JournalEntry::method)
        .containsExactly("POST", "DELETE");
    assertThat(ENV.events(ns, "gone"))
        .extracting(io.fabric8.kubernetes.api.model.Event::getReason)
        .containsExactly("Created", "Deleted");
  }

  @Test
  void deletingWhenAtlasAlreadyLostTheUserStillCompletes() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "lost-password", "s3cret-value");
    ENV.create(scramUser(ns, "lost", project, "lost"));
    AtlasDatabaseUser ready = ENV.awaitReady(ns, "lost", "True", "Created");
    ENV.atlas().deleteBehindTheBack(project, "admin", "lost");

    ENV.client().resource(ready).delete();

    await().atMost(Duration.ofSeconds(30)).until(() -> ENV.get(ns, "lost") == null);
    assertThat(ENV.atlas().storedUser(project, "admin", "lost")).isEmpty();
  }

  @Test
  void retainPolicyLeavesTheAtlasUserInPlace() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "kept-password", "s3cret-value");
    AtlasDatabaseUser resource = scramUser(ns, "kept", project, "kept");
    resource.getSpec().setDeletionPolicy(io.atlasoperator.crd.DeletionPolicy.Retain);
    ENV.create(resource);
    AtlasDatabaseUser ready = ENV.awaitReady(ns, "kept", "True", "Created");

    ENV.client().resource(ready).delete();

    await().atMost(Duration.ofSeconds(30)).until(() -> ENV.get(ns, "kept") == null);
    JsonNode kept = ENV.atlas().storedUser(project, "admin", "kept").orElseThrow();
    assertThat(kept.get("roles").get(0).get("roleName").asText()).isEqualTo("readWrite");
    assertThat(kept.get("labels").toString()).doesNotContain("atlasoperator.io/owner");
    assertThat(ENV.atlasWrites(project)).extracting(JournalEntry::method).doesNotContain("DELETE");
  }

  @Test
  void ldapGroupLivesOnAdminAndLdapUserOnExternalBothWithoutPassword() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    String group = "CN=data-engineers,OU=groups,DC=example,DC=com";
    String user = "CN=ada,OU=users,DC=example,DC=com";
    AtlasDatabaseUser groupResource = scramUser(ns, "ldap-group", project, group);
    groupResource.getSpec().setPasswordSecretRef(null);
    groupResource.getSpec().setLdapAuthType(io.atlasoperator.crd.LdapAuthType.GROUP);
    AtlasDatabaseUser userResource = scramUser(ns, "ldap-user", project, user);
    userResource.getSpec().setPasswordSecretRef(null);
    userResource.getSpec().setDatabaseName(io.atlasoperator.crd.DatabaseName.EXTERNAL);
    userResource.getSpec().setLdapAuthType(io.atlasoperator.crd.LdapAuthType.USER);
    ENV.create(groupResource);
    ENV.create(userResource);

    AtlasDatabaseUser groupReady = ENV.awaitReady(ns, "ldap-group", "True", "Created");
    AtlasDatabaseUser userReady = ENV.awaitReady(ns, "ldap-user", "True", "Created");

    JsonNode sentGroup = ENV.atlas().lastWrite(project, "admin", group).orElseThrow();
    assertThat(sentGroup.get("ldapAuthType").asText()).isEqualTo("GROUP");
    assertThat(sentGroup.get("databaseName").asText()).isEqualTo("admin");
    assertThat(sentGroup.has("password")).isFalse();
    assertThat(groupReady.getStatus().getAtlas().getDatabaseName()).isEqualTo("admin");
    assertThat(groupReady.getStatus().getAppliedPasswordVersion()).isNull();
    JsonNode sentUser = ENV.atlas().lastWrite(project, "$external", user).orElseThrow();
    assertThat(sentUser.get("ldapAuthType").asText()).isEqualTo("USER");
    assertThat(sentUser.has("password")).isFalse();
    assertThat(userReady.getStatus().getAtlas().getDatabaseName()).isEqualTo("$external");
  }
}
