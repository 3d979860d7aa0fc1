package io.atlasoperator.reconciler;

import static io.atlasoperator.reconciler.TestLoop.ready;
import static io.atlasoperator.reconciler.TestResources.scram;
import static org.assertj.core.api.Assertions.assertThat;

import io.atlasoperator.crd.Annotations;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.Role;
import io.atlasoperator.domain.AtlasFailure;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.UserKey;
import io.atlasoperator.status.Reason;
import io.atlasoperator.testing.TestUsers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole reconcile and cleanup loop, in memory and in milliseconds (see {@link TestLoop}): what
 * a user sees (the status's reason, the Events) and what Atlas sees (the writes) after each step.
 */
class LoopTest {

  final TestLoop loop = new TestLoop();

  AtlasDatabaseUser app() {
    AtlasDatabaseUser app = loop.apply(scram("shop", "app", loop.clock.instant()));
    loop.password(app, "first-s3cret");
    return app;
  }

  static UserKey key(String username) {
    return new UserKey(TestResources.PROJECT, "admin", username);
  }

  @Test
  void aNewUserIsCreatedOnceAndThenLeftAloneWhileItMatches() {
    AtlasDatabaseUser app = app();

    TestLoop.Result created = loop.reconcile(app);
    TestLoop.Result steady = loop.reconcile(app);

    assertThat(ready(app)).as("the last change's words stay").isEqualTo("Created");
    assertThat(created.next()).isEqualTo("after PT10M");
    assertThat(created.statusWritten()).isTrue();
    assertThat(steady.statusWritten()).as("a steady resource's status is not rewritten").isFalse();
    assertThat(loop.atlas.writes()).containsExactly("POST app");
    assertThat(loop.atlas.password(key("app"))).contains("first-s3cret");
    assertThat(loop.events).extracting(TestLoop.Event::reason).containsExactly(Reason.Created);
    assertThat(loop.reconcile(app).statusWritten()).as("the same status is not written").isFalse();
    assertThat(loop.events).hasSize(1);
  }

  @Test
  void driftInAtlasIsPutBackAndARotatedPasswordIsSentWithOnePatch() {
    AtlasDatabaseUser app = app();
    loop.reconcile(app);
    loop.atlas.put(
        TestUsers.user("app")
            .project(TestResources.PROJECT)
            .role("atlasAdmin", "admin")
            .labels(Ownership.LABEL, "shop/app")
            .build());
    loop.clock.advance(TestLoop.RESYNC.plusSeconds(1)); // the project's list is re-read

    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("Updated");
    assertThat(app.getStatus().getConditions().get(0).getMessage())
        .isEqualTo("Updated roles of user app in project " + TestResources.PROJECT);

    loop.password(app, "second-s3cret");
    loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("PasswordRotated");
    assertThat(loop.atlas.password(key("app"))).contains("second-s3cret");
    assertThat(loop.atlas.writes()).containsExactly("POST app", "PATCH app", "PATCH app");
    assertThat(loop.events)
        .extracting(TestLoop.Event::reason)
        .containsExactly(Reason.Created, Reason.Updated, Reason.PasswordRotated);
  }

  @Test
  void aTransientFailureIsRetriedWithBackoffAndSaysSoUntilAtlasAnswers() {
    AtlasDatabaseUser app = app();
    loop.atlas.failNext("POST", AtlasFailure.Kind.TRANSIENT, null);
    loop.atlas.failNext("POST", AtlasFailure.Kind.NO_ANSWER, null);

    TestLoop.Result first = loop.reconcile(app);
    assertThat(first.next()).isEqualTo("backoff");
    assertThat(ready(app)).isEqualTo("AtlasUnavailable");
    assertThat(loop.reconcile(app).next()).isEqualTo("backoff");
    TestLoop.Result third = loop.reconcile(app);

    assertThat(third.outcome()).isInstanceOf(Outcome.Applied.class);
    assertThat(ready(app)).isEqualTo("Created");
    assertThat(loop.events)
        .extracting(TestLoop.Event::reason)
        .containsExactly(Reason.AtlasUnavailable, Reason.Created);
  }

  @Test
  void atlassRetryAfterIsWhenTheNextAttemptComes() {
    AtlasDatabaseUser app = app();
    loop.atlas.failNext("POST", AtlasFailure.Kind.RATE_LIMITED, Duration.ofSeconds(42));

    TestLoop.Result limited = loop.reconcile(app);

    assertThat(limited.next()).isEqualTo("after PT42S");
    assertThat(ready(app)).isEqualTo("RateLimited");
  }

  @Test
  void aRejectedWriteWaitsForAChangeWithoutCallingAtlasAgain() {
    AtlasDatabaseUser app = app();
    loop.atlas.failNext("POST", AtlasFailure.Kind.REJECTED, null);

    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("AtlasRejected");
    int calls = loop.atlas.calls().size();
    TestLoop.Result again = loop.reconcile(app);

    assertThat(again.outcome()).isInstanceOf(Outcome.Unchanged.class);
    assertThat(again.next()).isEqualTo("after PT10M");
    assertThat(loop.atlas.calls()).hasSize(calls);

    TestResources.edited(app, spec -> spec.getRoles().add(new Role("read", "catalog", null)));
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("Created");
  }

  @Test
  void aWriteAtlasAcceptsButDoesNotApplyIsNotReadyAndIsNotRepeated() {
    AtlasDatabaseUser app = app();
    loop.reconcile(app);
    loop.atlas.ignoreRolesOnUpdate();

    TestResources.edited(app, spec -> spec.getRoles().add(new Role("read", "catalog", null)));
    loop.reconcile(app);
    TestLoop.Result again = loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("NotApplied");
    assertThat(app.getStatus().getConditions().get(0).getMessage())
        .contains("does not hold the spec's roles");
    assertThat(again.outcome()).isInstanceOf(Outcome.Unchanged.class);
    assertThat(loop.atlas.writes()).containsExactly("POST app", "PATCH app");
  }

  @Test
  void theResourcesGaugeCountsEachResourceUnderItsReasonAndState() {
    AtlasDatabaseUser app = app();
    AtlasDatabaseUser missing = loop.apply(scram("shop", "missing", loop.clock.instant()));

    loop.reconcile(app);
    loop.reconcile(missing);
    assertThat(gauge("Created", "Ready")).isEqualTo(1);
    assertThat(gauge("SecretNotFound", "Stalled"))
        .as("what the Stalled alert selects")
        .isEqualTo(1);

    loop.password(missing, "second-s3cret");
    loop.reconcile(missing);
    assertThat(gauge("SecretNotFound", "Stalled")).isZero();
    assertThat(gauge("Created", "Ready")).isEqualTo(2);
    assertThat(loop.metrics.find("atlas.operator.resources").tag("state", "Reconciling").gauges())
        .extracting(g -> g.getId().getTag("reason"))
        .contains("AtlasUnavailable", "ClustersApplying", "RateLimited");
  }

  double gauge(String reason, String state) {
    return loop.metrics
        .get("atlas.operator.resources")
        .tag("reason", reason)
        .tag("state", state)
        .gauge()
        .value();
  }

  @Test
  void aMissingSecretIsNamedAndNothingIsSentUntilItAppears() {
    AtlasDatabaseUser app = loop.apply(scram("shop", "app", loop.clock.instant()));

    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("SecretNotFound");
    assertThat(app.getStatus().getConditions().get(0).getMessage())
        .isEqualTo("Secret shop/app-password not found");
    assertThat(loop.atlas.calls()).isEmpty();

    loop.password(app, "first-s3cret");
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("Created");
  }

  @Test
  void aTemporaryUserIsNotRecreatedOnceAtlasRemovedItAtItsDate() {
    AtlasDatabaseUser app = app();
    app.getSpec().setExpiresAfter("1h");
    loop.reconcile(app);
    assertThat(app.getStatus().getAtlas().getExpiresAt())
        .isEqualTo(loop.clock.instant().plus(Duration.ofHours(1)).toString());

    loop.clock.advance(Duration.ofHours(1).plusSeconds(1));
    loop.reconcile(app);
    TestLoop.Result again = loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("Expired");
    assertThat(again.outcome()).as("only a change can help").isInstanceOf(Outcome.Unchanged.class);
    assertThat(again.next()).isEqualTo("after PT10M");
    assertThat(loop.events)
        .extracting(TestLoop.Event::reason)
        .containsExactly(Reason.Created, Reason.Expired);
    assertThat(loop.atlas.writes()).containsExactly("POST app");
    assertThat(app.getStatus().getAtlas()).as("the last-seen record stays").isNotNull();
  }

  @Test
  void anExistingUserIsTakenOverOnlyWhenAskedAndAnotherResourcesIsLeftAlone() {
    loop.atlas.put(TestUsers.user("app").project(TestResources.PROJECT).build());
    loop.atlas.put(
        TestUsers.user("theirs")
            .project(TestResources.PROJECT)
            .labels(Ownership.LABEL, "other/theirs")
            .build());
    AtlasDatabaseUser app = app();
    AtlasDatabaseUser theirs = loop.apply(scram("shop", "theirs", loop.clock.instant()));
    loop.password(theirs, "their-s3cret");

    loop.reconcile(app);
    loop.reconcile(theirs);
    assertThat(ready(app)).isEqualTo("AdoptionNotAllowed");
    assertThat(ready(theirs)).isEqualTo("Conflict");
    assertThat(theirs.getStatus().getAtlas()).isNull();

    TestResources.edited(app, spec -> spec.setAdoptExisting(true));
    TestLoop adopting = new TestLoop(true);
    adopting.atlas.put(TestUsers.user("app").project(TestResources.PROJECT).build());
    adopting.apply(app);
    adopting.password(app, "first-s3cret");
    adopting.reconcile(app);

    assertThat(ready(app)).isEqualTo("Adopted");
    assertThat(adopting.atlas.writes()).containsExactly("PATCH app");
    assertThat(loop.atlas.writes()).isEmpty();
  }

  @Test
  void aPausedResourceMakesNoAtlasCall() {
    AtlasDatabaseUser app = TestResources.annotated(app(), Annotations.PAUSED, "true");

    loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("Paused");
    assertThat(loop.atlas.calls()).isEmpty();
  }

  @Test
  void deletingDeletesTheUserUnderDeleteAndReleasesItUnderRetain() {
    AtlasDatabaseUser app = app();
    AtlasDatabaseUser kept =
        TestResources.retained(loop.apply(scram("shop", "kept", loop.clock.instant())));
    loop.password(kept, "kept-s3cret");
    loop.reconcile(app);
    loop.reconcile(kept);

    assertThat(loop.delete(app).next()).isEqualTo("gone");
    assertThat(loop.delete(kept).next()).isEqualTo("gone");

    assertThat(loop.atlas.user(key("app"))).isEmpty();
    DatabaseUser left = loop.atlas.user(key("kept")).orElseThrow();
    assertThat(left.labels()).noneMatch(l -> l.key().equals(Ownership.LABEL));
    assertThat(loop.atlas.writes())
        .containsExactly("POST app", "POST kept", "DELETE app", "PATCH kept");
    assertThat(loop.events.subList(2, 4))
        .extracting(TestLoop.Event::reason)
        .containsExactly(Reason.Deleted, Reason.Retained);
  }

  @Test
  void aDeletionAtlasCannotTakeKeepsTheFinalizerAndSaysWhy() {
    AtlasDatabaseUser app = app();
    loop.reconcile(app);
    loop.atlas.failNext("DELETE", AtlasFailure.Kind.TRANSIENT, null);
    loop.atlas.failNext("DELETE", AtlasFailure.Kind.UNAUTHORIZED, null);

    TestLoop.Result outage = loop.delete(app);
    assertThat(outage.next()).isEqualTo("backoff");
    assertThat(ready(app)).isEqualTo("Deleting");
    assertThat(outage.statusWritten()).as("JOSDK writes no status while deleting").isTrue();

    TestLoop.Result blocked = loop.delete(app);
    assertThat(blocked.next()).isEqualTo("after PT10M");
    assertThat(ready(app)).isEqualTo("DeletionBlocked");
    assertThat(loop.deletionStatuses)
        .containsExactly("shop/app Deleting", "shop/app DeletionBlocked");
    assertThat(app.getStatus().getConditions().get(0).getMessage())
        .contains("Atlas answered 401 (UNAUTHORIZED). The finalizer stays")
        .contains("set spec.deletionPolicy to Retain");

    assertThat(loop.delete(app).next()).isEqualTo("gone");
    assertThat(loop.atlas.user(key("app"))).isEmpty();
    assertThat(loop.events)
        .extracting(TestLoop.Event::reason)
        .containsExactly(Reason.Created, Reason.Deleting, Reason.DeletionBlocked, Reason.Deleted);
  }

  @Test
  void aReadyResourceWhoseReReadWaitsForTheBudgetStaysReady() {
    AtlasDatabaseUser app = app();
    loop.reconcile(app);
    loop.clock.advance(TestLoop.RESYNC.plusSeconds(1));
    loop.atlas.failNext("LIST", AtlasFailure.Kind.RATE_LIMITED, null);

    TestLoop.Result deferred = loop.reconcile(app);

    assertThat(deferred.outcome())
        .isEqualTo(new Outcome.Unchanged("its periodic re-read waits for the call budget", null));
    assertThat(deferred.next()).isEqualTo("after PT10M");
    assertThat(ready(app)).isEqualTo("Created");

    // Atlas's own 429 on the re-read: the same, and the failed call is there to be logged.
    loop.atlas.failNext("LIST", AtlasFailure.Kind.RATE_LIMITED, Duration.ofSeconds(30));
    TestLoop.Result limited = loop.reconcile(app);
    assertThat(limited.outcome())
        .isInstanceOfSatisfying(
            Outcome.Unchanged.class,
            u -> assertThat(u.failedCall()).isEqualTo("operation=LIST status=429"));
    assertThat(ready(app)).isEqualTo("Created");
    assertThat(loop.events).hasSize(1);
  }

  @Test
  void anOwnerLabelRemovedInAtlasIsRestored() {
    AtlasDatabaseUser app = app();
    app.getSpec().getLabels().add(new io.atlasoperator.crd.Label("team", "checkout"));
    loop.reconcile(app);
    loop.atlas.put(
        TestUsers.user("app").project(TestResources.PROJECT).role("readWrite", "orders").build());
    loop.clock.advance(TestLoop.RESYNC.plusSeconds(1));

    loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("Updated");
    assertThat(loop.atlas.user(key("app")).orElseThrow().labels())
        .anyMatch(l -> l.key().equals(Ownership.LABEL) && l.value().equals("shop/app"));
    assertThat(loop.atlas.user(key("app")).orElseThrow().labels())
        .anyMatch(l -> l.key().equals("team") && l.value().equals("checkout"));
    assertThat(loop.events.get(1).message())
        .contains("had been removed in Atlas")
        .endsWith("restored it with the spec's other labels");
  }

  @Test
  void aSecondResourceForTheSameUserIsAConflictAndItsDeletionLeavesTheUser() {
    AtlasDatabaseUser first = app();
    AtlasDatabaseUser second =
        loop.apply(scram("shop", "second", loop.clock.instant().plusSeconds(5)));
    second.getSpec().setUsername("app");
    loop.password(second, "other-s3cret");
    loop.reconcile(first);

    loop.reconcile(second);
    assertThat(ready(second)).isEqualTo("Conflict");
    // Even if the user lost its label and the second resource's record says it once had it, the
    // first resource (older) is the one that may delete it.
    loop.atlas.put(TestUsers.user("app").project(TestResources.PROJECT).build());
    second
        .getStatus()
        .setAtlas(
            new io.atlasoperator.crd.AtlasUserStatus(TestResources.PROJECT, "app", "admin", null));
    int events = loop.events.size();
    assertThat(loop.delete(second).next()).isEqualTo("gone");

    assertThat(loop.atlas.user(key("app"))).isPresent();
    assertThat(loop.atlas.writes()).containsExactly("POST app");
    assertThat(loop.events).hasSize(events);
  }

  @Test
  void deletingAPausedOrDryRunResourceOrOneThatNeverReachedAtlasWritesNothing() {
    AtlasDatabaseUser paused = app();
    loop.reconcile(paused);
    TestResources.annotated(paused, Annotations.PAUSED, "true");
    AtlasDatabaseUser dry = loop.apply(scram("shop", "dry", loop.clock.instant()));
    loop.password(dry, "dry-s3cret");
    loop.reconcile(dry);
    TestResources.annotated(dry, Annotations.DRY_RUN, "true");
    AtlasDatabaseUser never = loop.apply(scram("shop", "never", loop.clock.instant()));
    never.getSpec().setCredentialsSecretRef(new io.atlasoperator.crd.SecretRef("typo"));
    loop.reconcile(never);
    assertThat(ready(never)).isEqualTo("SecretNotFound");
    int writes = loop.atlas.writes().size();

    assertThat(loop.delete(paused).next()).isEqualTo("gone");
    assertThat(loop.delete(dry).next()).isEqualTo("gone");
    assertThat(loop.delete(never).next()).isEqualTo("gone");

    assertThat(loop.atlas.writes()).hasSize(writes);
    assertThat(loop.events.subList(loop.events.size() - 2, loop.events.size()))
        .extracting(TestLoop.Event::reason, e -> e.message().startsWith("Dry run"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Reason.Retained, false),
            org.assertj.core.groups.Tuple.tuple(Reason.DryRun, true));
  }

  @Test
  void retainLetsGoEvenWhenTheOwnerLabelCannotBeRemovedAndRetryAfterPacesADeletion() {
    AtlasDatabaseUser kept =
        TestResources.retained(loop.apply(scram("shop", "kept", loop.clock.instant())));
    loop.password(kept, "kept-s3cret");
    AtlasDatabaseUser app = app();
    loop.reconcile(kept);
    loop.reconcile(app);
    loop.atlas.failNext("PATCH", AtlasFailure.Kind.UNAUTHORIZED, null);
    loop.atlas.failNext("DELETE", AtlasFailure.Kind.RATE_LIMITED, Duration.ofSeconds(42));

    assertThat(loop.delete(kept).next()).isEqualTo("gone");
    TestLoop.Result paced = loop.delete(app);

    assertThat(loop.events.get(2).message())
        .startsWith("Left Atlas user " + key("kept") + " in place (deletionPolicy Retain)")
        .contains("its owner label could not be removed");
    assertThat(paced.next()).isEqualTo("after PT42S");
    assertThat(ready(app)).isEqualTo("Deleting");
  }

  @Test
  void atlassRetryAfterOnAFailureOnlyAChangeCanFixDoesNotBringItBackSooner() {
    AtlasDatabaseUser app = app();
    loop.atlas.failNext("POST", AtlasFailure.Kind.UNAUTHORIZED, Duration.ofSeconds(5));

    TestLoop.Result refused = loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("AtlasUnauthorized");
    assertThat(refused.next()).isEqualTo("after PT10M");
  }

  @Test
  void everyReasonHasItsNextStep() {
    Map<Reason.Retry, List<Reason>> table =
        List.of(Reason.values()).stream()
            .collect(java.util.stream.Collectors.groupingBy(Reason::retry));
    assertThat(table.get(Reason.Retry.BACKOFF))
        .containsExactly(
            Reason.AtlasUnavailable,
            Reason.AtlasAnswerUnreadable,
            Reason.RateLimited,
            Reason.Deleting,
            Reason.SecretUnreadable,
            Reason.SecretNotWritten);
    assertThat(table.get(Reason.Retry.POLL))
        .containsExactly(Reason.ClustersApplying, Reason.ApplyTimedOut);
    assertThat(table.get(Reason.Retry.ON_CHANGE))
        .containsExactlyInAnyOrder(
            Reason.InvalidSpec,
            Reason.InvalidCredentials,
            Reason.AtlasRejected,
            Reason.AtlasUnauthorized,
            Reason.Expired,
            Reason.InvalidPassword,
            Reason.NotApplied,
            Reason.SecretRefused);
    assertThat(table.get(Reason.Retry.NONE))
        .containsExactly(Reason.Deleted, Reason.Retained, Reason.SecretNotLabelled);
    assertThat(table.get(Reason.Retry.AT_RESYNC))
        .containsExactlyInAnyOrder(
            Reason.Created,
            Reason.Updated,
            Reason.PasswordRotated,
            Reason.Adopted,
            Reason.WriteConfirmed,
            Reason.UpToDate,
            Reason.Paused,
            Reason.DryRun,
            Reason.SecretNotFound,
            Reason.SecretKeyNotFound,
            Reason.CredentialsNotConfigured,
            Reason.Conflict,
            Reason.PolicyDenied,
            Reason.AdoptionNotAllowed,
            Reason.AtlasTlsError,
            Reason.DeletionBlocked,
            Reason.ScopeNotFound,
            Reason.ProjectFull,
            Reason.SecretConflict,
            Reason.SecretNameInvalid);
  }

  @Test
  void aNewVersionOfThePasswordSecretWithTheSamePasswordSendsNothing() {
    AtlasDatabaseUser app = app();
    loop.reconcile(app);
    String applied = app.getStatus().getAppliedPasswordVersion();

    // kubectl label: the Secret's resourceVersion changes, its password does not.
    loop.password(app, "first-s3cret");
    TestLoop.Result relabelled = loop.reconcile(app);

    assertThat(loop.atlas.writes()).as("no second PATCH").containsExactly("POST app");
    assertThat(ready(app)).as("nothing changed: the last change's words stay").isEqualTo("Created");
    assertThat(app.getStatus().getAppliedPasswordVersion())
        .isNotEqualTo(applied)
        .doesNotContain("s3cret");
    assertThat(relabelled.outcome()).isInstanceOf(Outcome.Applied.class);
    assertThat(loop.events).extracting(TestLoop.Event::reason).containsExactly(Reason.Created);

    loop.password(app, "second-s3cret");
    loop.reconcile(app);
    assertThat(ready(app)).isEqualTo("PasswordRotated");
    assertThat(loop.atlas.writes()).containsExactly("POST app", "PATCH app");
  }
}
