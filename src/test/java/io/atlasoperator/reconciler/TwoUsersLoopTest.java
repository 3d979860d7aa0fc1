package io.atlasoperator.reconciler;

import static io.atlasoperator.reconciler.SecretOwnership.decoded;
import static io.atlasoperator.reconciler.TestLoop.ready;
import static io.atlasoperator.reconciler.TestResources.scram;
import static org.assertj.core.api.Assertions.assertThat;

import io.atlasoperator.crd.Annotations;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.PasswordGeneration;
import io.atlasoperator.crd.PasswordRotation;
import io.atlasoperator.crd.RotationStrategy;
import io.atlasoperator.domain.AtlasFailure;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.UserKey;
import io.atlasoperator.testing.TestUsers;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rotation without downtime (TwoUsers), through the whole loop in memory: two Atlas users take
 * turns; at every step each connection Secret names a user whose password Atlas holds and has
 * applied, the user it left keeps its password for the grace period, and only then gets one nobody
 * knows. Atlas failing at each step, a restart midway, a full project, a foreign user of the second
 * name, and deletion.
 */
class TwoUsersLoopTest {

  static final String PROJECT = TestResources.PROJECT;
  static final UserKey A = new UserKey(PROJECT, "admin", "app");
  static final UserKey B = new UserKey(PROJECT, "admin", "app-b");
  final TestLoop loop = new TestLoop();

  AtlasDatabaseUser app() {
    AtlasDatabaseUser app = scram("shop", "app", loop.clock.instant());
    app.getSpec().setPasswordSecretRef(null);
    PasswordRotation rotation = new PasswordRotation();
    rotation.setStrategy(RotationStrategy.TwoUsers);
    rotation.setGracePeriod("1h");
    PasswordGeneration generation = new PasswordGeneration();
    generation.setRotation(rotation);
    app.getSpec().setPasswordGeneration(generation);
    return loop.apply(app);
  }

  Secret connection() {
    return loop.connectionSecrets.get("shop", "app-cluster0").orElseThrow();
  }

  String atlasPassword(UserKey key) {
    return loop.atlas.password(key).orElse(null);
  }

  /** The invariant: the connection Secret names a user whose password Atlas holds, applied. */
  void connectionWorks() {
    Secret secret = connection();
    UserKey named = new UserKey(PROJECT, "admin", decoded(secret, "username"));
    assertThat(atlasPassword(named))
        .as("Atlas holds the password the Secret gives for " + named.username())
        .isNotNull()
        .isEqualTo(decoded(secret, "password"));
  }

  /** Ready, with the cluster having applied it (5 s apply delay). */
  void settle(AtlasDatabaseUser app) {
    for (int i = 0;
        i < 3
            && !ready(app).equals("Created")
            && !ready(app).equals("PasswordRotated")
            && !ready(app).equals("UpToDate");
        i++) {
      loop.clock.advance(Duration.ofSeconds(5));
      loop.reconcile(app);
      connectionWorks();
    }
    assertThat(ready(app)).as("settled").isIn("Created", "PasswordRotated", "UpToDate");
    connectionWorks();
  }

  List<String> patches() {
    return loop.atlas.writes().stream().filter(w -> w.startsWith("PATCH")).toList();
  }

  AtlasDatabaseUser created() {
    loop.atlas.cluster(PROJECT, "Cluster0", false);
    loop.atlas.applyDelay(Duration.ofSeconds(5));
    AtlasDatabaseUser app = app();
    loop.reconcile(app);
    settle(app);
    return app;
  }

  @Test
  void theSecretsMoveToTheOtherUserOnlyOnceAppliedAndTheOldOneLastsItsGracePeriod() {
    AtlasDatabaseUser app = created();
    assertThat(ready(app)).isEqualTo("Created");
    assertThat(app.getStatus().getConditions().get(0).getMessage())
        .contains("created the pair's second user app-b (a password nobody knows)");
    String first = atlasPassword(A);
    assertThat(decoded(connection(), "username")).isEqualTo("app");
    assertThat(loop.atlas.user(B)).as("the pair exists from the start").isPresent();
    assertThat(atlasPassword(B)).as("nobody knows it").isNotEqualTo(first);
    assertThat(app.getStatus().getPassword().getUser()).isEqualTo("app");

    TestResources.annotated(app, Annotations.ROTATE_PASSWORD, "1");
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("ClustersApplying");
    String second = atlasPassword(B);
    assertThat(patches()).containsExactly("PATCH app-b");
    assertThat(atlasPassword(A)).as("the user in use is not touched").isEqualTo(first);
    connectionWorks();
    assertThat(decoded(connection(), "username")).isEqualTo("app");

    settle(app);
    assertThat(ready(app)).isEqualTo("PasswordRotated");
    assertThat(decoded(connection(), "username")).isEqualTo("app-b");
    assertThat(decoded(connection(), "password")).isEqualTo(second);
    connectionWorks();
    assertThat(atlasPassword(A)).as("valid for the grace period").isEqualTo(first);
    assertThat(app.getStatus().getPassword().getUser()).isEqualTo("app-b");
    assertThat(app.getStatus().getPassword().getPreviousUser()).isEqualTo("app");
    assertThat(Instant.parse(app.getStatus().getPassword().getPreviousUserValidUntil()))
        .as("the grace period, from the switch")
        .isEqualTo(loop.clock.instant().plus(Duration.ofHours(1)));

    TestResources.annotated(app, Annotations.ROTATE_PASSWORD, "2");
    loop.clock.advance(Duration.ofMinutes(30));
    loop.reconcile(app);
    assertThat(patches()).as("no rotation during the grace period").hasSize(1);
    assertThat(atlasPassword(A)).isEqualTo(first);

    loop.clock.advance(Duration.ofMinutes(30));
    loop.reconcile(app);
    assertThat(atlasPassword(A)).as("the old password stops working").isNotEqualTo(first);
    assertThat(patches()).containsExactly("PATCH app-b", "PATCH app");
    connectionWorks();
    assertThat(app.getStatus().getPassword().getPreviousUser()).isNull();
    assertThat(loop.events.get(loop.events.size() - 1).message())
        .as("the write is said, in the status and an Event")
        .contains("gave app, the user the Secrets left, a new password nobody knows");

    loop.reconcile(app);
    settle(app);
    assertThat(decoded(connection(), "username")).as("the annotation's 2, now").isEqualTo("app");
    connectionWorks();
    assertThat(atlasPassword(B)).as("the user it left is still valid").isEqualTo(second);
  }

  @Test
  void atlasFailingAtEachStepNeverBreaksTheSecrets() {
    AtlasDatabaseUser app = created();
    String first = atlasPassword(A);
    TestResources.annotated(app, Annotations.ROTATE_PASSWORD, "1");

    loop.atlas.failNext("PATCH", AtlasFailure.Kind.TRANSIENT, null);
    assertThat(loop.reconcile(app).next()).isEqualTo("backoff");
    connectionWorks();
    loop.atlas.failNext("PATCH", AtlasFailure.Kind.RATE_LIMITED, Duration.ofSeconds(3));
    loop.reconcile(app);
    connectionWorks();
    loop.clock.advance(Duration.ofSeconds(3));
    loop.reconcile(app);
    connectionWorks();
    settle(app);
    assertThat(decoded(connection(), "username")).isEqualTo("app-b");

    loop.clock.advance(Duration.ofHours(1));
    loop.atlas.failNext("PATCH", AtlasFailure.Kind.TRANSIENT, null);
    loop.reconcile(app);
    connectionWorks();
    loop.reconcile(app);
    connectionWorks();
    assertThat(app.getStatus().getPassword().getPreviousUser()).isNull();
    assertThat(atlasPassword(A)).as("the user left behind got a new password").isNotEqualTo(first);
  }

  @Test
  void anOperatorRestartedMidRotationResumesAndLeavesNoExtraUser() {
    AtlasDatabaseUser app = created();
    TestResources.annotated(app, Annotations.ROTATE_PASSWORD, "1");
    loop.reconcile(app);
    String pending = atlasPassword(B);

    loop.restart();
    loop.clock.advance(Duration.ofSeconds(5));
    loop.reconcile(app);
    connectionWorks();
    settle(app);

    assertThat(decoded(connection(), "username")).isEqualTo("app-b");
    assertThat(decoded(connection(), "password")).isEqualTo(pending);
    assertThat(loop.atlas.list(null, PROJECT))
        .extracting(DatabaseUser::username)
        .containsExactlyInAnyOrder("app", "app-b");
  }

  @Test
  void aFullProjectIsSaidBeforeAnyRotationAndTheUserInUseKeepsWorking() {
    loop.atlas.refuseNext("POST", 403, "GROUP_USERS_LIMIT_EXCEEDED");
    AtlasDatabaseUser app = app();
    loop.atlas.cluster(PROJECT, "Cluster0", false);

    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("ProjectFull");
    loop.clock.advance(TestLoop.RESYNC);
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("Created");
    connectionWorks();
    assertThat(loop.atlas.user(B)).isPresent();
  }

  @Test
  void theSecondUserRefusedByAFullProjectIsSaidAndTheFirstKeepsWorking() {
    loop.atlas.cluster(PROJECT, "Cluster0", false);
    loop.atlas.applyDelay(Duration.ofSeconds(5));
    AtlasDatabaseUser app = app();
    loop.reconcile(app);
    loop.clock.advance(Duration.ofSeconds(5));
    loop.atlas.refuseNext("POST", 403, "GROUP_USERS_LIMIT_EXCEEDED");

    loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("ProjectFull");
    assertThat(app.getStatus().getConditions().get(0).getMessage())
        .contains("the pair's idle user app-b")
        .contains("100 per project");
    assertThat(loop.atlas.user(B)).isEmpty();
    connectionWorks();
    TestResources.annotated(app, Annotations.ROTATE_PASSWORD, "1");
    loop.reconcile(app);
    assertThat(loop.atlas.writes())
        .as("no rotation while the pair is incomplete, only the second user tried again")
        .noneMatch(w -> w.startsWith("PATCH"));
  }

  @Test
  void aForeignUserOfTheSecondNameIsLeftAloneAndSaid() {
    DatabaseUser foreign = TestUsers.user("app-b").project(PROJECT).build();
    loop.atlas.put(foreign);
    AtlasDatabaseUser app = app();

    loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("AdoptionNotAllowed");
    assertThat(app.getStatus().getConditions().get(0).getMessage())
        .contains("The pair's second user " + B + " exists in Atlas and is not this resource's");
    for (int i = 0; i < 3; i++) {
      loop.clock.advance(TestLoop.RESYNC);
      loop.reconcile(app);
    }
    assertThat(loop.atlas.writes())
        .as("the first user, once: no write loop, nothing to the foreign user")
        .containsExactly("POST app");
    loop.delete(app);
    assertThat(loop.atlas.user(B)).as("not this resource's").contains(foreign);
  }

  @Test
  void deletingTheResourceDeletesBothUsers() {
    AtlasDatabaseUser app = created();
    loop.delete(app);
    assertThat(loop.atlas.user(A)).isEmpty();
    assertThat(loop.atlas.user(B)).isEmpty();
  }

  @Test
  void withoutASchedulePasswordsChangeOnlyWhenAsked() {
    AtlasDatabaseUser app = created();
    for (int i = 0; i < 3; i++) {
      loop.clock.advance(TestLoop.RESYNC);
      loop.reconcile(app);
    }
    assertThat(patches()).as("no every, no annotation: no rotation").isEmpty();
    assertThat(app.getStatus().getPassword().getNextRotation()).isNull();
  }

  @Test
  void underDryRunNoSecondUserIsMade() {
    loop.atlas.cluster(PROJECT, "Cluster0", false);
    loop.atlas.applyDelay(Duration.ofSeconds(5));
    AtlasDatabaseUser app = app();
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("ClustersApplying");
    loop.clock.advance(Duration.ofSeconds(5));
    TestResources.annotated(app, Annotations.DRY_RUN, "true");

    loop.reconcile(app);

    assertThat(loop.atlas.user(B)).isEmpty();
    assertThat(loop.atlas.writes()).containsExactly("POST app");
  }
}
