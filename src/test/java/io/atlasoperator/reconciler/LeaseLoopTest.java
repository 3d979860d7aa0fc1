package io.atlasoperator.reconciler;

import static io.atlasoperator.reconciler.TestLoop.ready;
import static io.atlasoperator.reconciler.TestResources.scram;
import static org.assertj.core.api.Assertions.assertThat;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.domain.UserKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Users on a lease (spec.lease), through the whole loop in memory: created a lease ahead, renewed
 * with one PATCH once less than half is left and not before, looked at again in time for a short
 * lease, and created again when the lease ran out while the operator was away.
 */
class LeaseLoopTest {

  static final UserKey APP = new UserKey(TestResources.PROJECT, "admin", "app");
  final TestLoop loop = new TestLoop();

  AtlasDatabaseUser app(String lease) {
    AtlasDatabaseUser app = loop.apply(scram("shop", "app", loop.clock.instant()));
    app.getSpec().setLease(lease);
    loop.password(app, "first-s3cret");
    return app;
  }

  Instant expiry() {
    return loop.atlas.user(APP).orElseThrow().deleteAfterDate();
  }

  @Test
  void aLeaseIsRenewedOnceLessThanHalfIsLeftAndNotBefore() {
    AtlasDatabaseUser app = app("24h");
    Instant created = loop.clock.instant();

    assertThat(loop.reconcile(app).next()).isEqualTo("after PT10M");
    assertThat(ready(app)).isEqualTo("Created");
    assertThat(expiry()).isEqualTo(created.plus(Duration.ofHours(24)));
    assertThat(app.getStatus().getAtlas().getExpiresAt())
        .isEqualTo(created.plus(Duration.ofHours(24)).toString());

    loop.clock.advance(Duration.ofHours(11));
    loop.reconcile(app);
    assertThat(loop.atlas.writes()).as("more than half left").containsExactly("POST app");

    loop.clock.advance(Duration.ofHours(1).plusSeconds(1));
    loop.reconcile(app);
    assertThat(loop.atlas.writes()).containsExactly("POST app", "PATCH app");
    assertThat(expiry()).isEqualTo(loop.clock.instant().plus(Duration.ofHours(24)));
    assertThat(ready(app)).isEqualTo("Updated");

    loop.reconcile(app);
    assertThat(loop.atlas.writes()).hasSize(2);
  }

  @Test
  void aShortLeaseIsLookedAtAgainBeforeItsHalfRunsOut() {
    AtlasDatabaseUser app = app("10m");
    assertThat(loop.reconcile(app).next()).isEqualTo("after PT5M");
    loop.clock.advance(Duration.ofMinutes(5));
    loop.reconcile(app);
    assertThat(expiry()).isEqualTo(loop.clock.instant().plus(Duration.ofMinutes(10)));
  }

  @Test
  void aLeaseThatRanOutWhileTheOperatorWasAwayIsCreatedAgain() {
    AtlasDatabaseUser app = app("1h");
    loop.reconcile(app);

    loop.clock.advance(Duration.ofHours(2));
    assertThat(loop.atlas.user(APP)).as("Atlas removed it by its own clock").isEmpty();
    loop.reconcile(app);

    assertThat(ready(app)).isEqualTo("Created");
    assertThat(expiry()).isEqualTo(loop.clock.instant().plus(Duration.ofHours(1)));
  }
}
