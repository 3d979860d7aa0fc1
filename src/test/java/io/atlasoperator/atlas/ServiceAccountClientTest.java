package io.atlasoperator.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atlasoperator.domain.AtlasFailure;
import io.atlasoperator.domain.ServiceAccount;
import io.atlasoperator.domain.UserKey;
import io.atlasoperator.emulator.AtlasEmulator;
import io.atlasoperator.emulator.EmulatorClock;
import io.atlasoperator.emulator.JournalEntry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Service Account against the emulator's OAuth token endpoint and Bearer checks: one token for
 * many calls, renewed before it expires, fetched again when Atlas stops accepting it, and a wrong
 * secret reported as such without the secret.
 */
class ServiceAccountClientTest {

  static final String PROJECT = "5356823b3794dee37132bb7b";
  static final ServiceAccount ACCOUNT =
      new ServiceAccount("mdb_sa_id_65f0a1b2c3d4e5f6", "mdb_sa_sk_secret-canary-4d2e");
  static final UserKey NOBODY = new UserKey(PROJECT, "admin", "nobody");

  AtlasEmulator atlas;
  AtlasUsersClient client;

  void start(Duration tokenLifetime, AtlasApi api) {
    atlas =
        AtlasEmulator.builder()
            .serviceAccount(ACCOUNT.clientId(), ACCOUNT.clientSecret())
            .project(PROJECT, ACCOUNT.clientId())
            .tokenLifetime(tokenLifetime)
            .start();
    client =
        new AtlasUsersClient(
            AtlasClientConfig.defaults().withBaseUrl(atlas.baseUrl()).withApi(api),
            CallBudget.DEFAULT,
            Optional.empty(),
            new SimpleMeterRegistry());
  }

  @BeforeEach
  void defaults() {
    start(Duration.ofHours(1), AtlasApi.V2);
  }

  @AfterEach
  void stop() {
    client.close();
    atlas.close();
  }

  long tokenRequests() {
    return atlas.countRequests(e -> e.path().equals("/api/oauth/token"));
  }

  @Test
  void oneTokenServesEveryCallOnBothApis() {
    for (int i = 0; i < 5; i++) {
      assertThat(client.get(ACCOUNT, NOBODY)).isEmpty();
      assertThat(client.list(ACCOUNT, PROJECT)).isEmpty();
    }
    assertThat(tokenRequests()).isEqualTo(1);
    assertThat(atlas.journal())
        .filteredOn(e -> e.path().startsWith("/api/atlas/"))
        .hasSize(10)
        .allSatisfy(
            e -> {
              assertThat(e.status()).isIn(200, 404);
              assertThat(e.principal()).isEqualTo(ACCOUNT.clientId());
            });

    stop();
    start(Duration.ofHours(1), AtlasApi.V1_0);
    assertThat(client.list(ACCOUNT, PROJECT)).isEmpty();
    assertThat(atlas.journal())
        .extracting(JournalEntry::path)
        .containsExactly(
            "/api/oauth/token", "/api/atlas/v1.0/groups/" + PROJECT + "/databaseUsers");
  }

  @Test
  void theTokenIsRenewedOnceTwoThirdsOfItsLifetimeHavePassed() throws Exception {
    EmulatorClock clientClock = new EmulatorClock();
    ServiceAccountTokens tokens =
        new ServiceAccountTokens(new OkHttpClient(), atlas.baseUrl(), ACCOUNT, clientClock);
    String first = tokens.token();
    clientClock.advance(Duration.ofMinutes(39));
    assertThat(tokens.token()).isEqualTo(first);
    assertThat(tokenRequests()).isEqualTo(1);

    clientClock.advance(Duration.ofMinutes(2));

    assertThat(tokens.token()).isNotEqualTo(first);
    assertThat(tokenRequests()).isEqualTo(2);
  }

  @Test
  void aRevokedOrExpiredTokenIsReplacedAndTheCallStillSucceeds() {
    client.list(ACCOUNT, PROJECT);
    atlas.revokeAllTokens();

    assertThat(client.list(ACCOUNT, PROJECT)).isEmpty();

    atlas.clock().advance(Duration.ofHours(2));
    assertThat(client.get(ACCOUNT, NOBODY)).isEmpty();
    assertThat(tokenRequests()).isEqualTo(3);
    assertThat(atlas.journal())
        .filteredOn(e -> e.path().startsWith("/api/atlas/"))
        .extracting(JournalEntry::status)
        .containsExactly(200, 401, 200, 401, 404);
  }

  @Test
  void aFailedRenewalKeepsTheStillValidTokenAndTriesAgainAMinuteLater() throws Exception {
    stop();
    start(Duration.ofHours(1), AtlasApi.V2);
    atlas.close();
    atlas =
        AtlasEmulator.builder()
            .serviceAccount(ACCOUNT.clientId(), ACCOUNT.clientSecret())
            .project(PROJECT, ACCOUNT.clientId())
            .tokenEndpointRateLimit(1)
            .start();
    io.atlasoperator.emulator.EmulatorClock clientClock =
        new io.atlasoperator.emulator.EmulatorClock();
    ServiceAccountTokens tokens =
        new ServiceAccountTokens(new OkHttpClient(), atlas.baseUrl(), ACCOUNT, clientClock);
    String first = tokens.token();

    // Due for renewal after two thirds of the hour; the token endpoint allows one request a
    // minute, so the renewal is refused (429) while the token still has 20 minutes.
    clientClock.advance(Duration.ofMinutes(41));
    assertThat(tokens.token()).isEqualTo(first);
    assertThat(tokenRequests()).isEqualTo(2);
    clientClock.advance(Duration.ofSeconds(30));
    assertThat(tokens.token()).isEqualTo(first);
    assertThat(tokenRequests()).as("not asked again within the minute").isEqualTo(2);

    atlas.clock().advance(Duration.ofMinutes(2));
    clientClock.advance(Duration.ofSeconds(31));
    assertThat(tokens.token()).isNotEqualTo(first);
    assertThat(tokenRequests()).isEqualTo(3);
  }

  @Test
  void aRefusalThatIsNotAboutTheTokenDoesNotBuyANewOne() {
    client.list(ACCOUNT, PROJECT);
    atlas.inject(io.atlasoperator.emulator.Fault.status(401).times(3));

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> client.list(ACCOUNT, PROJECT))
          .isInstanceOfSatisfying(
              AtlasFailure.class,
              f -> assertThat(f.kind()).isEqualTo(AtlasFailure.Kind.UNAUTHORIZED));
    }
    assertThat(tokenRequests()).as("a fresh token refused for its rights is kept").isEqualTo(1);
  }

  @Test
  void aWrongSecretIsUnauthorizedAndNamesTheAccountButNotTheSecret() {
    ServiceAccount wrong = new ServiceAccount(ACCOUNT.clientId(), "mdb_sa_sk_wrong-canary-9b1f");

    assertThatThrownBy(() -> client.list(wrong, PROJECT))
        .isInstanceOfSatisfying(
            AtlasFailure.class,
            f -> {
              assertThat(f.kind()).isEqualTo(AtlasFailure.Kind.UNAUTHORIZED);
              assertThat(f.getMessage())
                  .contains("401", "Service Account " + ACCOUNT.clientId(), "invalid_client")
                  .doesNotContain("canary");
              assertThat(f.call()).doesNotContain("canary");
            });
    assertThat(atlas.countRequests(e -> e.path().startsWith("/api/atlas/"))).isZero();
  }

  @Test
  void anAccountWithoutAccessToTheProjectGetsNotInGroupWithoutNewTokens() {
    String other = "6356823b3794dee37132bb7c";
    atlas.addProject(other, "someone-else");

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> client.list(ACCOUNT, other))
          .isInstanceOfSatisfying(
              AtlasFailure.class, f -> assertThat(f.getMessage()).contains("401 NOT_IN_GROUP"));
    }
    assertThat(tokenRequests()).isEqualTo(1);
  }
}
