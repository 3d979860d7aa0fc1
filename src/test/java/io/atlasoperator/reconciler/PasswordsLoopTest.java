package io.atlasoperator.reconciler;

import static io.atlasoperator.reconciler.SecretOwnership.decoded;
import static io.atlasoperator.reconciler.TestLoop.ready;
import static io.atlasoperator.reconciler.TestResources.scram;
import static org.assertj.core.api.Assertions.assertThat;

import io.atlasoperator.crd.Annotations;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.PasswordGeneration;
import io.atlasoperator.crd.PasswordRotation;
import io.atlasoperator.crd.PasswordSecretRef;
import io.atlasoperator.domain.AtlasFailure;
import io.atlasoperator.domain.UserKey;
import io.atlasoperator.status.Reason;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Generated passwords and their rotations, through the whole loop in memory: the Secret the
 * operator creates and owns, a rotation carried through that Secret (Atlas first, the Secrets only
 * once Atlas has applied it), the schedule and the annotation that trigger one, and what happens
 * when someone deletes or empties the Secret, when Atlas fails midway, under a dry run and at
 * deletion.
 */
class PasswordsLoopTest {

  static final String PROJECT = TestResources.PROJECT;
  static final UserKey APP = new UserKey(PROJECT, "admin", "app");
  final TestLoop loop = new TestLoop();

  /** A SCRAM user with no passwordSecretRef: its password is generated into app-password. */
  AtlasDatabaseUser app(String every) {
    AtlasDatabaseUser app = scram("shop", "app", loop.clock.instant());
    app.getSpec().setPasswordSecretRef(null);
    if (every != null) {
      PasswordGeneration generation = new PasswordGeneration();
      PasswordRotation rotation = new PasswordRotation();
      rotation.setEvery(every);
      generation.setRotation(rotation);
      app.getSpec().setPasswordGeneration(generation);
    }
    return loop.apply(app);
  }

  Secret passwordSecret() {
    return loop.secret("shop", "app-password").orElseThrow();
  }

  String inAtlas() {
    return loop.atlas.password(APP).orElseThrow();
  }

  String connectionPassword() {
    return decoded(loop.connectionSecrets.get("shop", "app-cluster0").orElseThrow(), "password");
  }

  @Test
  void aScramUserWithoutPasswordSecretGetsAGeneratedOneInASecretItOwns() {
    AtlasDatabaseUser app = app(null);

    TestLoop.Result created = loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("Created");
    Secret secret = passwordSecret();
    String password = decoded(secret, "password");
    assertThat(password).hasSize(32).matches("[A-Za-z0-9]{32}");
    assertThat(inAtlas()).as("Atlas holds the generated password").isEqualTo(password);
    assertThat(secret.getMetadata().getLabels())
        .containsEntry("atlasoperator.io/generated-password", "true")
        .containsEntry("atlas.mongodb.com/type", "credentials");
    assertThat(secret.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(app.getMetadata().getUid()));
    assertThat(app.getStatus().getPassword().getSecret()).isEqualTo("app-password");
    assertThat(app.getStatus().getPassword().getGenerated()).isTrue();
    assertThat(app.getStatus().getPassword().getLastRotation())
        .isEqualTo(loop.clock.instant().toString());
    assertThat(app.getStatus().getPassword().getNextRotation()).as("no schedule").isNull();
    assertThat(created.next()).isEqualTo("after PT10M");
    assertThat(loop.events).allSatisfy(e -> assertThat(e.message()).doesNotContain(password));

    int atlasWrites = loop.atlas.writes().size();
    loop.reconcile(app);
    loop.clock.advance(TestLoop.RESYNC);
    loop.reconcile(app);
    assertThat(loop.atlas.writes()).as("steady: nothing sent again").hasSize(atlasWrites);
    assertThat(loop.passwordWrites).containsExactly("CREATE app-password");
    assertThat(decoded(passwordSecret(), "password")).isEqualTo(password);
  }

  @Test
  void lengthAndAlphabetAreTheSpecs() {
    AtlasDatabaseUser app = app(null);
    PasswordGeneration generation = new PasswordGeneration();
    generation.setLength(12);
    generation.setCharacters(io.atlasoperator.crd.PasswordCharacters.AlphanumericAndSymbols);
    app.getSpec().setPasswordGeneration(generation);

    loop.reconcile(app);

    assertThat(decoded(passwordSecret(), "password"))
        .hasSize(12)
        .matches("[A-Za-z0-9!#$%&()*+,\\-./:;<=>?@\\[\\]^_{|}~]{12}");
    assertThat(inAtlas()).isEqualTo(decoded(passwordSecret(), "password"));
  }

  @Test
  void anExistingSecretIsUsedAsItIsAndNeverWritten() {
    AtlasDatabaseUser app = app("30d");
    app.getSpec().setPasswordSecretRef(new PasswordSecretRef("mine", "password"));
    loop.secret("shop", "mine", Map.of("password", "my own password"));

    loop.reconcile(app);
    loop.clock.advance(Duration.ofDays(31));
    loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("Created");
    assertThat(inAtlas()).isEqualTo("my own password");
    assertThat(loop.passwordWrites).as("not the operator's: never written").isEmpty();
    assertThat(app.getStatus().getPassword().getGenerated()).isFalse();
    assertThat(app.getStatus().getPassword().getNextRotation())
        .as("only a generated password is rotated")
        .isNull();
  }

  @Test
  void aSecretOfTheSameNameThatIsNotTheOperatorsIsNotTakenOver() {
    AtlasDatabaseUser app = app(null);
    loop.secret("shop", "app-password", Map.of("token", "someone else's"));

    loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("SecretConflict");
    assertThat(app.getStatus().getConditions().get(0).getMessage())
        .contains("Secret shop/app-password exists and is not this resource's");
    loop.secret("shop", "app-password", Map.of("password", "someone else's password"));
    loop.reconcile(app);
    assertThat(ready(app)).as("not even when it holds a password").isEqualTo("SecretConflict");
    assertThat(loop.passwordWrites).isEmpty();
    assertThat(loop.atlas.writes()).isEmpty();
  }

  @Test
  void aScheduledRotationWritesAtlasFirstAndTheSecretsOnlyOnceApplied() {
    loop.atlas.cluster(PROJECT, "Cluster0", false);
    loop.atlas.applyDelay(Duration.ofSeconds(20));
    AtlasDatabaseUser app = app("30d");
    loop.reconcile(app);
    loop.clock.advance(Duration.ofSeconds(20));
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("Created");
    String first = decoded(passwordSecret(), "password");
    assertThat(connectionPassword()).isEqualTo(first);
    Instant created = loop.clock.instant();
    assertThat(app.getStatus().getPassword().getNextRotation())
        .isEqualTo(
            Instant.parse(app.getStatus().getPassword().getLastRotation())
                .plus(Duration.ofDays(30))
                .toString());

    loop.clock.advance(Duration.ofDays(30));
    loop.reconcile(app);

    String second = inAtlas();
    assertThat(second).as("Atlas first").isNotEqualTo(first);
    assertThat(ready(app)).isEqualTo("ClustersApplying");
    assertThat(decoded(passwordSecret(), "password"))
        .as("the password Secret keeps the working password while Atlas applies the new one")
        .isEqualTo(first);
    assertThat(decoded(passwordSecret(), "pendingPassword")).isEqualTo(second);
    assertThat(connectionPassword()).isEqualTo(first);
    assertThat(app.getStatus().getPassword().getRotating()).isTrue();

    loop.clock.advance(Duration.ofSeconds(10));
    loop.reconcile(app);
    assertThat(connectionPassword()).as("still PENDING").isEqualTo(first);

    loop.clock.advance(Duration.ofSeconds(10));
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("PasswordRotated");
    assertThat(decoded(passwordSecret(), "password")).isEqualTo(second);
    assertThat(passwordSecret().getData()).doesNotContainKey("pendingPassword");
    assertThat(connectionPassword()).isEqualTo(second);
    assertThat(app.getStatus().getPassword().getRotating()).isNull();
    assertThat(app.getStatus().getPassword().getLastRotation())
        .isEqualTo(loop.clock.instant().toString());
    assertThat(Instant.parse(app.getStatus().getPassword().getNextRotation()))
        .isAfter(created.plus(Duration.ofDays(60)));

    int writes = loop.atlas.writes().size();
    loop.reconcile(app); // the Secret's own change comes back as an event
    assertThat(loop.atlas.writes())
        .as("moving the password within its Secret is not a rotation")
        .hasSize(writes);
    assertThat(loop.atlas.writes()).filteredOn(w -> w.startsWith("PATCH")).hasSize(1);
  }

  @Test
  void aPeriodShorterThanTheResyncIsWhenTheLoopLooksAgain() {
    AtlasDatabaseUser app = app("5m");
    assertThat(loop.reconcile(app).next()).isEqualTo("after PT5M");
    String first = inAtlas();
    loop.clock.advance(Duration.ofMinutes(5));
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("PasswordRotated");
    assertThat(inAtlas()).isNotEqualTo(first).isEqualTo(decoded(passwordSecret(), "password"));
  }

  @Test
  void aPeriodShorterThanTheApplyTimeNeverStartsASecondRotationMidway() {
    loop.atlas.cluster(PROJECT, "Cluster0", false);
    loop.atlas.applyDelay(Duration.ofMinutes(3));
    AtlasDatabaseUser app = app("1m");
    loop.reconcile(app);
    loop.clock.advance(Duration.ofMinutes(3));
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("Created");
    assertThat(loop.atlas.writes())
        .as("its first minute passed while Atlas applied the user: no rotation midway")
        .noneMatch(w -> w.startsWith("PATCH"));
    String first = decoded(passwordSecret(), "password");

    loop.clock.advance(Duration.ofMinutes(1));
    loop.reconcile(app);
    String second = inAtlas();
    for (int i = 0; i < 4; i++) {
      loop.clock.advance(Duration.ofSeconds(40));
      loop.reconcile(app);
    }
    assertThat(loop.atlas.writes()).filteredOn(w -> w.startsWith("PATCH")).hasSize(1);
    assertThat(inAtlas()).isEqualTo(second);
    assertThat(decoded(passwordSecret(), "password")).isEqualTo(first);

    loop.clock.advance(Duration.ofSeconds(30));
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("PasswordRotated");
    assertThat(decoded(passwordSecret(), "password")).isEqualTo(second);
    assertThat(connectionPassword()).isEqualTo(second);
  }

  @Test
  void theAnnotationRotatesOncePerValue() {
    AtlasDatabaseUser app = app(null);
    TestResources.annotated(app, Annotations.ROTATE_PASSWORD, "1");
    loop.reconcile(app);
    String first = inAtlas();
    loop.reconcile(app);
    assertThat(inAtlas()).as("the value the Secret was generated under").isEqualTo(first);

    TestResources.annotated(app, Annotations.ROTATE_PASSWORD, "2");
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("PasswordRotated");
    String second = inAtlas();
    assertThat(second).isNotEqualTo(first);
    assertThat(decoded(passwordSecret(), "password")).isEqualTo(second);

    loop.reconcile(app);
    loop.clock.advance(TestLoop.RESYNC);
    loop.reconcile(app);
    assertThat(inAtlas()).isEqualTo(second);
    assertThat(loop.atlas.writes()).filteredOn(w -> w.startsWith("PATCH")).hasSize(1);
  }

  @Test
  void aGeneratedSecretDeletedByHandIsGeneratedAgainAndSent() {
    AtlasDatabaseUser app = app(null);
    loop.reconcile(app);
    String first = inAtlas();

    loop.deleteSecret("shop", "app-password");
    loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("PasswordRotated");
    assertThat(inAtlas()).isNotEqualTo(first).isEqualTo(decoded(passwordSecret(), "password"));
  }

  @Test
  void aGeneratedSecretEmptiedByHandGetsANewPassword() {
    AtlasDatabaseUser app = app(null);
    loop.reconcile(app);
    String first = inAtlas();
    Secret emptied = passwordSecret();
    emptied.setData(Map.of());
    loop.passwordSecrets.replace(emptied);

    loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("PasswordRotated");
    assertThat(inAtlas()).isNotEqualTo(first).isEqualTo(decoded(passwordSecret(), "password"));
  }

  @Test
  void atlasFailingMidwayLeavesTheWorkingPasswordInEverySecretAndTheRotationResumes() {
    loop.atlas.cluster(PROJECT, "Cluster0", false);
    AtlasDatabaseUser app = app(null);
    loop.reconcile(app);
    loop.clock.advance(Duration.ofSeconds(1));
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("Created");
    String first = inAtlas();

    loop.atlas.applyDelay(Duration.ofSeconds(2));
    TestResources.annotated(app, Annotations.ROTATE_PASSWORD, "now");
    loop.atlas.failNext("PATCH", AtlasFailure.Kind.TRANSIENT, null);
    TestLoop.Result failed = loop.reconcile(app);

    assertThat(failed.next()).isEqualTo("backoff");
    assertThat(inAtlas()).isEqualTo(first);
    assertThat(decoded(passwordSecret(), "password")).isEqualTo(first);
    assertThat(connectionPassword()).isEqualTo(first);
    String pending = decoded(passwordSecret(), "pendingPassword");
    assertThat(pending).isNotNull();

    loop.atlas.failNext("PATCH", AtlasFailure.Kind.RATE_LIMITED, Duration.ofSeconds(5));
    loop.reconcile(app);
    assertThat(inAtlas()).isEqualTo(first);
    assertThat(connectionPassword()).isEqualTo(first);

    loop.clock.advance(Duration.ofSeconds(5));
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("ClustersApplying");
    assertThat(connectionPassword()).as("not before Atlas applied it").isEqualTo(first);
    assertThat(decoded(passwordSecret(), "password")).isEqualTo(first);
    loop.clock.advance(Duration.ofSeconds(2));
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("PasswordRotated");
    assertThat(inAtlas()).as("the same new password, kept through the failures").isEqualTo(pending);
    assertThat(connectionPassword()).isEqualTo(pending);
    assertThat(decoded(passwordSecret(), "password")).isEqualTo(pending);
  }

  @Test
  void aFailedSecretWriteIsRetriedAndNothingIsSentMeanwhile() {
    AtlasDatabaseUser app = app(null);
    loop.passwordSecrets.failNext(500);

    TestLoop.Result failed = loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("SecretNotWritten");
    assertThat(failed.next()).isEqualTo("backoff");
    assertThat(loop.atlas.writes()).isEmpty();
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("Created");
  }

  @Test
  void aDryRunSaysItWouldGenerateAndWritesNothing() {
    AtlasDatabaseUser app = app(null);
    TestResources.annotated(app, Annotations.DRY_RUN, "true");

    loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("DryRun");
    assertThat(app.getStatus().getConditions().get(0).getMessage())
        .contains("would generate a password into Secret shop/app-password");
    assertThat(loop.passwordWrites).isEmpty();
    assertThat(loop.atlas.writes()).isEmpty();
  }

  @Test
  void deletingTheResourceDeletesItsGeneratedSecretUnlessTheUserIsRetained() {
    AtlasDatabaseUser app = app(null);
    loop.reconcile(app);
    loop.delete(app);
    assertThat(loop.secret("shop", "app-password")).isEmpty();

    TestLoop other = new TestLoop();
    AtlasDatabaseUser kept = scram("shop", "kept", other.clock.instant());
    kept.getSpec().setPasswordSecretRef(null);
    other.apply(TestResources.retained(kept));
    other.reconcile(kept);
    assertThat(other.delete(kept).outcome())
        .isInstanceOfSatisfying(
            Outcome.Released.class, r -> assertThat(r.reason()).isEqualTo(Reason.Retained));
    Secret left = other.secret("shop", "kept-password").orElseThrow();
    assertThat(left.getMetadata().getOwnerReferences())
        .as("no owner left for a garbage collector to delete it by")
        .isEmpty();
    assertThat(decoded(left, "password"))
        .isEqualTo(other.atlas.password(new UserKey(PROJECT, "admin", "kept")).orElseThrow());
  }

  @Test
  void aPasswordAtlasFindsTooCommonIsReportedAndWaitsForAnother() {
    AtlasDatabaseUser app = scram("shop", "weak", loop.clock.instant());
    loop.apply(app);
    loop.password(app, "password1");
    loop.atlas.refuseNext("POST", 400, "COMMON_PASSWORD");

    loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("InvalidPassword");
    assertThat(app.getStatus().getConditions().get(0).getMessage())
        .contains("too common (400 COMMON_PASSWORD")
        .contains("remove passwordSecretRef to have the operator generate one")
        .doesNotContain("password1");
    loop.reconcile(app);
    assertThat(loop.atlas.calls()).filteredOn(c -> c.startsWith("POST")).hasSize(1);

    loop.password(app, "a much less common one");
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("Created");
  }

  @Test
  void aFullProjectIsSaidPlainlyAndLookedAtAgainAtTheResync() {
    AtlasDatabaseUser app = app(null);
    loop.atlas.refuseNext("POST", 403, "GROUP_USERS_LIMIT_EXCEEDED");

    TestLoop.Result full = loop.reconcile(app);

    assertThat(ready(app)).as("not a credentials problem").isEqualTo("ProjectFull");
    assertThat(app.getStatus().getConditions().get(0).getMessage())
        .contains("(100 per project unless its limit was raised; 403 GROUP_USERS_LIMIT_EXCEEDED)");
    assertThat(full.next()).isEqualTo("after PT10M");
    loop.clock.advance(TestLoop.RESYNC);
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("Created");
  }

  @Test
  void anOperatorRestartedMidRotationResumesWithTheSamePasswordAndHandsOutNoOther() {
    loop.atlas.cluster(PROJECT, "Cluster0", false);
    loop.atlas.applyDelay(Duration.ofSeconds(5));
    AtlasDatabaseUser app = app(null);
    loop.reconcile(app);
    loop.clock.advance(Duration.ofSeconds(5));
    loop.reconcile(app);
    String first = inAtlas();

    // Killed after the new password was kept in the Secret, before it reached Atlas.
    TestResources.annotated(app, Annotations.ROTATE_PASSWORD, "1");
    loop.atlas.failNext("PATCH", AtlasFailure.Kind.NO_ANSWER, null);
    loop.reconcile(app);
    String pending = decoded(passwordSecret(), "pendingPassword");
    loop.restart();
    loop.reconcile(app);
    assertThat(inAtlas()).as("the same new password, not a third").isEqualTo(pending);
    assertThat(ready(app)).isEqualTo("ClustersApplying");

    // Killed again while Atlas applies it.
    loop.restart();
    loop.clock.advance(Duration.ofSeconds(2));
    loop.reconcile(app);
    assertThat(connectionPassword()).isEqualTo(first);
    assertThat(decoded(passwordSecret(), "password")).isEqualTo(first);
    loop.clock.advance(Duration.ofSeconds(5));
    loop.reconcile(app);
    assertThat(ready(app))
        .as("Ready (its words: UpToDate, as the restarted operator did not write it itself)")
        .isEqualTo("UpToDate");
    assertThat(connectionPassword()).isEqualTo(pending);
    assertThat(decoded(passwordSecret(), "password")).isEqualTo(pending);
    assertThat(loop.atlas.user(APP)).isPresent();
    assertThat(loop.atlas.calls()).filteredOn(c -> c.startsWith("POST")).hasSize(1);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {Annotations.PAUSED, Annotations.DRY_RUN})
  void aPausedOrDryRunDeletionLeavesTheUserAndKeepsItsPasswordSecret(String annotation) {
    AtlasDatabaseUser app = app(null);
    loop.reconcile(app);
    TestResources.annotated(app, annotation, "true");

    loop.delete(app);

    assertThat(loop.atlas.user(APP)).isPresent();
    Secret kept = passwordSecret();
    assertThat(decoded(kept, "password")).isEqualTo(inAtlas());
    assertThat(kept.getMetadata().getOwnerReferences()).isEmpty();
  }
}
