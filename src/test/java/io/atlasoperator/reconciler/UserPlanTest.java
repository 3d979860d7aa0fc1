package io.atlasoperator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.AtlasDatabaseUserStatus;
import io.atlasoperator.crd.AtlasUserStatus;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.UserLabel;
import io.atlasoperator.domain.UserRole;
import io.atlasoperator.domain.UserScope;
import io.atlasoperator.testing.TestUsers;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserPlanTest {

  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  static AtlasDatabaseUser resource(String appliedPassword) {
    AtlasDatabaseUser resource = new AtlasDatabaseUser();
    resource.setMetadata(new ObjectMetaBuilder().withName("app").withNamespace("team").build());
    resource.setSpec(new io.atlasoperator.crd.AtlasDatabaseUserSpec());
    AtlasDatabaseUserStatus status = new AtlasDatabaseUserStatus();
    status.setAppliedPasswordVersion(appliedPassword);
    if (appliedPassword != null) {
      // A resource whose write Atlas confirmed before.
      status.setAtlas(new AtlasUserStatus("p", "app", "admin", null));
    }
    resource.setStatus(status);
    return resource;
  }

  static DatabaseUser user(
      List<UserRole> roles, List<UserLabel> labels, Instant expiry, String description) {
    TestUsers user =
        TestUsers.user("app")
            .project("p")
            .roles(roles.toArray(UserRole[]::new))
            .scopes(new UserScope("c0", "CLUSTER"))
            .expiring(expiry)
            .description(description);
    labels.forEach(l -> user.labels(l.key(), l.value()));
    return user.build();
  }

  static final List<UserLabel> OWNED =
      List.of(new UserLabel("team", "a"), new UserLabel("atlasoperator.io/owner", "team/app"));

  @Test
  void orderOfRolesAndLabelsAndAnEmptyDescriptionAreNoChange() {
    DatabaseUser desired =
        user(
            List.of(new UserRole("read", "a", null), new UserRole("readWrite", "b", null)),
            OWNED,
            null,
            "");
    DatabaseUser actual =
        user(
            List.of(new UserRole("readWrite", "b", null), new UserRole("read", "a", null)),
            List.of(OWNED.get(1), OWNED.get(0)),
            null,
            null);

    assertThat(decide(resource("v1"), desired, Optional.of(actual), "v1", true))
        .isInstanceOf(UserPlan.NoChange.class);
  }

  @Test
  void changedFieldsAndRotatedPasswordMakeOneUpdate() {
    DatabaseUser desired = user(List.of(new UserRole("read", "a", "coll")), OWNED, null, "new");
    DatabaseUser actual = user(List.of(new UserRole("read", "a", null)), OWNED, null, "old");

    assertThat(decide(resource("v1"), desired, Optional.of(actual), "v2", true))
        .isEqualTo(new UserPlan.Update(List.of("roles", "description"), true));
    assertThat(decide(resource("v2"), actual, Optional.of(actual), "v3", true))
        .isEqualTo(new UserPlan.Update(List.of(), true));
  }

  @Test
  void absentUserIsCreatedUnlessItsDateHasPassed() {
    DatabaseUser permanent = user(List.of(), OWNED, null, null);
    DatabaseUser expired = user(List.of(), OWNED, NOW.minus(Duration.ofMinutes(1)), null);

    assertThat(decide(resource(null), permanent, Optional.empty(), "v1", true))
        .isInstanceOf(UserPlan.Create.class);
    assertThat(decide(resource("v1"), expired, Optional.empty(), "v1", true))
        .isEqualTo(new UserPlan.Expired(Expiry.absolute(expired.deleteAfterDate())));
  }

  @Test
  void aPastOrTooDistantDateForAUserNeverCreatedIsInvalidNotExpired() {
    DatabaseUser past = user(List.of(), OWNED, NOW.minus(Duration.ofMinutes(1)), null);
    DatabaseUser tooFar = user(List.of(), OWNED, NOW.plus(Duration.ofDays(8)), null);
    DatabaseUser inAWeek = user(List.of(), OWNED, NOW.plus(Duration.ofDays(7)), null);

    assertThat(decide(resource(null), past, Optional.empty(), "v1", true))
        .isInstanceOfSatisfying(
            UserPlan.Invalid.class,
            i ->
                assertThat(i.message())
                    .contains("is in the past, so the temporary user was not created"));
    assertThat(decide(resource(null), tooFar, Optional.empty(), "v1", true))
        .isInstanceOfSatisfying(
            UserPlan.Invalid.class,
            i -> assertThat(i.message()).contains("is more than 7 days ahead"));
    assertThat(decide(resource(null), inAWeek, Optional.empty(), "v1", true))
        .isInstanceOf(UserPlan.Create.class);
  }

  @Test
  void aRelativeExpiryIsJudgedByTheDateItGivesAndNamedAsTheUserWroteIt() {
    Instant created = NOW.minus(Duration.ofHours(2));
    Expiry stale = new Expiry(created.plus(Duration.ofHours(1)), "1h", created);
    Expiry ahead = new Expiry(created.plus(Duration.ofHours(72)), "72h", created);

    assertThat(plan(resource(null), stale, Optional.empty()))
        .isInstanceOfSatisfying(
            UserPlan.Invalid.class,
            i ->
                assertThat(i.message())
                    .startsWith("the expiry " + stale.at() + " (spec.expiresAfter 1h from")
                    .contains("is in the past, so the temporary user was not created"));
    assertThat(plan(resource(null), ahead, Optional.empty())).isInstanceOf(UserPlan.Create.class);
    assertThat(plan(resource("v1"), stale, Optional.empty()))
        .isEqualTo(new UserPlan.Expired(stale));
  }

  @Test
  void aChangedDateIsCheckedBeforeItIsWrittenButOnlyWhenItWouldBeWritten() {
    Expiry past = Expiry.absolute(NOW.minus(Duration.ofMinutes(1)));
    DatabaseUser inAtlas = user(List.of(), OWNED, NOW.plus(Duration.ofDays(1)), null);
    DatabaseUser unowned =
        user(List.of(), List.of(new UserLabel("team", "a")), NOW.plus(Duration.ofDays(1)), null);
    AtlasDatabaseUser optedIn = resource(null);
    optedIn.getSpec().setAdoptExisting(true);

    // Edited to a past date: Atlas would refuse it, so nothing is sent.
    assertThat(plan(resource("v1"), past, Optional.of(inAtlas)))
        .isInstanceOfSatisfying(
            UserPlan.Invalid.class,
            i ->
                assertThat(i.message())
                    .isEqualTo(
                        "spec.deleteAfterDate "
                            + past.at()
                            + " is in the past; Atlas accepts a temporary user's date only in"
                            + " the future, at most 7 days ahead"));
    // A takeover writes the date too.
    assertThat(plan(optedIn, past, Optional.of(unowned))).isInstanceOf(UserPlan.Invalid.class);
    // Not taken over: nothing would be written, so that is what the resource says.
    assertThat(plan(resource(null), past, Optional.of(unowned)))
        .isEqualTo(new UserPlan.AdoptionNotAllowed(false));
  }

  private static UserPlan plan(
      AtlasDatabaseUser resource, Expiry expiry, Optional<DatabaseUser> actual) {
    return decide(resource, user(List.of(), OWNED, expiry.at(), null), actual, "v1", true, expiry);
  }

  @Test
  void ownUserNeverConfirmedIsACreateWhoseAnswerWasLost() {
    DatabaseUser desired = user(List.of(new UserRole("read", "a", null)), OWNED, null, null);

    assertThat(decide(resource(null), desired, Optional.of(desired), "v1", true))
        .isInstanceOf(UserPlan.CompleteCreate.class);
    assertThat(decide(resource("v1"), desired, Optional.of(desired), "v1", true))
        .isEqualTo(new UserPlan.NoChange(desired));
  }

  @Test
  void aUserThisResourceWroteThatLostItsOwnerLabelIsReclaimedNotRefused() {
    DatabaseUser desired = user(List.of(new UserRole("read", "a", null)), OWNED, null, null);
    DatabaseUser unlabelled =
        user(
            List.of(new UserRole("read", "a", null)),
            List.of(new UserLabel("team", "a")),
            null,
            null);

    assertThat(decide(resource("v1"), desired, Optional.of(unlabelled), "v2", true))
        .isEqualTo(new UserPlan.Reclaim(List.of("labels"), true));
    // Even with adoption off: the resource's record proves the user is its own.
    assertThat(decide(resource("v1"), desired, Optional.of(unlabelled), "v1", false))
        .isEqualTo(new UserPlan.Reclaim(List.of("labels"), false));
    // Without that record the user is someone else's to give.
    assertThat(decide(resource(null), desired, Optional.of(unlabelled), "v1", true))
        .isEqualTo(new UserPlan.AdoptionNotAllowed(false));
  }

  @Test
  void ownerLabelDecidesBetweenAdoptingAndLeavingAlone() {
    DatabaseUser desired = user(List.of(), OWNED, null, null);
    DatabaseUser unowned = user(List.of(), List.of(new UserLabel("team", "a")), null, null);
    DatabaseUser foreign =
        user(List.of(), List.of(new UserLabel("atlasoperator.io/owner", "other/app")), null, null);

    AtlasDatabaseUser optedIn = resource(null);
    optedIn.getSpec().setAdoptExisting(true);

    assertThat(decide(optedIn, desired, Optional.of(unowned), "v1", true))
        .isInstanceOf(UserPlan.Adopt.class);
    assertThat(decide(resource(null), desired, Optional.of(unowned), "v1", true))
        .isEqualTo(new UserPlan.AdoptionNotAllowed(false));
    assertThat(decide(optedIn, desired, Optional.of(unowned), "v1", false))
        .isEqualTo(new UserPlan.AdoptionNotAllowed(true));
    assertThat(decide(resource(null), desired, Optional.of(foreign), "v1", true))
        .isEqualTo(new UserPlan.OwnedElsewhere("other/app"));
  }

  /** The plan for a resource as the reconciler builds its request. */
  private static UserPlan decide(
      AtlasDatabaseUser resource,
      DatabaseUser desired,
      Optional<DatabaseUser> actual,
      String passwordVersion,
      boolean adoptionEnabled) {
    return decide(
        resource,
        desired,
        actual,
        passwordVersion,
        adoptionEnabled,
        desired.deleteAfterDate() == null ? null : Expiry.absolute(desired.deleteAfterDate()));
  }

  private static UserPlan decide(
      AtlasDatabaseUser resource,
      DatabaseUser desired,
      Optional<DatabaseUser> actual,
      String passwordVersion,
      boolean adoptionEnabled,
      Expiry expiry) {
    UserPlan.Request request = DesiredUsers.request(resource, desired, passwordVersion, expiry);
    return UserPlan.decide(request, actual, NOW, adoptionEnabled);
  }
}
