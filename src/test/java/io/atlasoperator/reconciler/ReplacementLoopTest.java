package io.atlasoperator.reconciler;

import static io.atlasoperator.reconciler.TestLoop.ready;
import static io.atlasoperator.reconciler.TestResources.edited;
import static io.atlasoperator.reconciler.TestResources.scram;
import static org.assertj.core.api.Assertions.assertThat;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.DatabaseName;
import io.atlasoperator.crd.X509Type;
import io.atlasoperator.domain.AtlasFailure;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.UserKey;
import io.atlasoperator.testing.TestUsers;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A change of username, databaseName or authentication type replaces the user (onIdentityChange
 * Replace, the default), through the whole loop in memory: the new user first, the connection
 * Secrets moved once Atlas applied it, then the old user deleted (released under Retain); the old
 * user is remembered in status.replacing through failures and restarts, and a user of the new name
 * that is not this resource's is never taken.
 */
class ReplacementLoopTest {

  static final String PROJECT = TestResources.PROJECT;
  static final UserKey OLD = new UserKey(PROJECT, "admin", "app");
  static final UserKey NEW = new UserKey(PROJECT, "admin", "app-v2");
  final TestLoop loop = new TestLoop();

  AtlasDatabaseUser created() {
    loop.atlas.cluster(PROJECT, "Cluster0", false);
    loop.atlas.applyDelay(Duration.ofSeconds(5));
    AtlasDatabaseUser app = loop.apply(scram("shop", "app", loop.clock.instant()));
    loop.password(app, "first-s3cret");
    loop.reconcile(app);
    loop.clock.advance(Duration.ofSeconds(5));
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("Created");
    return app;
  }

  String connectionUsername() {
    Secret secret = loop.connectionSecrets.get("shop", "app-cluster0").orElseThrow();
    return SecretOwnership.decoded(secret, "username");
  }

  @Test
  void aNewUsernameCreatesTheNewUserMovesTheSecretsThenDeletesTheOld() {
    AtlasDatabaseUser app = created();

    edited(app, s -> s.setUsername("app-v2"));
    loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("ClustersApplying");
    assertThat(loop.atlas.user(NEW)).isPresent();
    assertThat(loop.atlas.user(OLD)).as("the old user stays until the new one works").isPresent();
    assertThat(connectionUsername()).isEqualTo("app");
    assertThat(app.getStatus().getReplacing().getUsername()).isEqualTo("app");

    loop.clock.advance(Duration.ofSeconds(5));
    loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("Created");
    assertThat(app.getStatus().getConditions().get(0).getMessage())
        .contains("Created user app-v2")
        .contains("deleted the user it replaced, " + OLD);
    assertThat(connectionUsername()).isEqualTo("app-v2");
    assertThat(loop.atlas.user(OLD)).isEmpty();
    assertThat(app.getStatus().getReplacing()).isNull();
    assertThat(app.getStatus().getAtlas().getUsername()).isEqualTo("app-v2");
    assertThat(loop.atlas.writes()).containsExactly("POST app", "POST app-v2", "DELETE app");
  }

  @Test
  void underRetainTheOldUserStaysWithoutTheOwnerLabel() {
    AtlasDatabaseUser app = created();
    TestResources.retained(app);

    edited(app, s -> s.setUsername("app-v2"));
    loop.reconcile(app);
    loop.clock.advance(Duration.ofSeconds(5));
    loop.reconcile(app);

    assertThat(app.getStatus().getConditions().get(0).getMessage())
        .contains("left the user it replaced, " + OLD + ", in Atlas (deletionPolicy Retain)");
    assertThat(loop.atlas.user(OLD).orElseThrow().labels())
        .noneMatch(l -> l.key().equals(Ownership.LABEL));
  }

  @Test
  void anotherAuthenticationTypeOnAnotherDatabaseReplacesTheUserToo() {
    AtlasDatabaseUser app = created();

    edited(
        app,
        s -> {
          s.setUsername("CN=app,OU=apps");
          s.setDatabaseName(DatabaseName.EXTERNAL);
          s.setX509Type(X509Type.CUSTOMER);
          s.setPasswordSecretRef(null);
        });
    loop.reconcile(app);
    loop.clock.advance(Duration.ofSeconds(5));
    loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("Created");
    assertThat(loop.atlas.user(new UserKey(PROJECT, "$external", "CN=app,OU=apps"))).isPresent();
    assertThat(loop.atlas.user(OLD)).isEmpty();
    assertThat(app.getStatus().getPassword())
        .as("an X.509 user has no password: the SCRAM user's password status goes with it")
        .isNull();
  }

  @Test
  void theOldUserIsRememberedThroughAFailedDeleteAndARestart() {
    AtlasDatabaseUser app = created();
    edited(app, s -> s.setUsername("app-v2"));
    loop.reconcile(app);
    loop.restart();
    loop.clock.advance(Duration.ofSeconds(5));
    loop.atlas.failNext("DELETE", AtlasFailure.Kind.TRANSIENT, null);

    assertThat(loop.reconcile(app).next()).isEqualTo("backoff");
    assertThat(app.getStatus().getReplacing().getUsername()).isEqualTo("app");
    assertThat(connectionUsername()).isEqualTo("app-v2");

    loop.reconcile(app);
    assertThat(loop.atlas.user(OLD)).isEmpty();
    assertThat(app.getStatus().getReplacing()).isNull();
  }

  @Test
  void aUserOfTheNewNameThatIsNotThisResourcesIsNeverTaken() {
    AtlasDatabaseUser app = created();
    DatabaseUser foreign = TestUsers.user("app-v2").project(PROJECT).build();
    loop.atlas.put(foreign);

    edited(app, s -> s.setUsername("app-v2"));
    loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("AdoptionNotAllowed");
    assertThat(loop.atlas.user(NEW)).contains(foreign);
    assertThat(loop.atlas.user(OLD))
        .as("the old user is kept while the new one is not there")
        .isPresent();
    assertThat(connectionUsername()).isEqualTo("app");
  }

  @Test
  void deletingTheResourceMidReplacementDeletesBothUsers() {
    AtlasDatabaseUser app = created();
    edited(app, s -> s.setUsername("app-v2"));
    loop.reconcile(app);

    loop.delete(app);

    assertThat(loop.atlas.user(NEW)).isEmpty();
    assertThat(loop.atlas.user(OLD)).isEmpty();
  }

  @Test
  void aRenameTakenBackBeforeItFinishedKeepsTheUserAndRetiresTheOneItHadMade() {
    AtlasDatabaseUser app = created();
    edited(app, s -> s.setUsername("app-v2"));
    loop.reconcile(app);
    assertThat(loop.atlas.user(NEW)).isPresent();

    edited(app, s -> s.setUsername("app"));
    loop.clock.advance(Duration.ofSeconds(5));
    loop.reconcile(app);
    loop.clock.advance(Duration.ofSeconds(5));
    loop.reconcile(app);

    assertThat(loop.atlas.user(OLD)).as("the user the Secrets name stays").isPresent();
    assertThat(loop.atlas.user(NEW)).as("the one made for the rename goes").isEmpty();
    assertThat(connectionUsername()).isEqualTo("app");
    assertThat(app.getStatus().getReplacing()).isNull();
    assertThat(loop.atlas.writes()).doesNotContain("DELETE app");
  }

  @Test
  void underDryRunNothingIsRetired() {
    AtlasDatabaseUser app = created();
    edited(app, s -> s.setUsername("app-v2"));
    loop.reconcile(app);
    TestResources.annotated(app, io.atlasoperator.crd.Annotations.DRY_RUN, "true");
    loop.clock.advance(Duration.ofSeconds(5));

    loop.reconcile(app);

    assertThat(loop.atlas.user(OLD)).isPresent();
    assertThat(app.getStatus().getConditions().get(0).getMessage())
        .contains("dry run: would then retire the user it replaced, admin/app");
    assertThat(app.getStatus().getReplacing().getUsername()).isEqualTo("app");
  }

  @Test
  void deletingAfterARenameOntoSomeoneElsesUserDeletesOnlyOurs() {
    AtlasDatabaseUser app = created();
    DatabaseUser foreign = TestUsers.user("app-v2").project(PROJECT).build();
    loop.atlas.put(foreign);
    edited(app, s -> s.setUsername("app-v2"));
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("AdoptionNotAllowed");

    loop.delete(app);

    assertThat(loop.atlas.user(NEW)).as("someone else's: untouched").contains(foreign);
    assertThat(loop.atlas.user(OLD)).as("ours: deleted with the resource").isEmpty();
  }
}
