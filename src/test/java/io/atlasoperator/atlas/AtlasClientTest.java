package io.atlasoperator.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atlasoperator.domain.ApiKey;
import io.atlasoperator.domain.AuthType;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.Password;
import io.atlasoperator.domain.UserKey;
import io.atlasoperator.domain.UserRole;
import io.atlasoperator.domain.UserScope;
import io.atlasoperator.emulator.AtlasEmulator;
import io.atlasoperator.emulator.Fault;
import io.atlasoperator.emulator.JournalEntry;
import io.atlasoperator.testing.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Atlas client against the emulator, over real HTTP with real Digest challenges, on the v2 API
 * (the default).
 */
class AtlasClientTest {

  static final String PROJECT = "5356823b3794dee37132bb7b";
  static final String OTHER_PROJECT = "6356823b3794dee37132bb7c";
  static final ApiKey KEY = new ApiKey("pubkeyaa", "11111111-placeholder-private-key");
  static final ApiKey OTHER_KEY = new ApiKey("pubkeybb", "22222222-placeholder-private-key");

  static AtlasEmulator atlas;
  AtlasClient client;

  @BeforeAll
  static void startEmulator() {
    atlas =
        AtlasEmulator.builder()
            .apiKey(KEY.publicKey(), KEY.privateKey())
            .apiKey(OTHER_KEY.publicKey(), OTHER_KEY.privateKey())
            .project(PROJECT, KEY.publicKey())
            .project(OTHER_PROJECT, OTHER_KEY.publicKey())
            .customRole(PROJECT, "ordersAuditor")
            .start();
  }

  @AfterAll
  static void stopEmulator() {
    atlas.stop();
  }

  @BeforeEach
  void freshState() {
    atlas.reset();
    client = AtlasClient.create(config(), KEY);
  }

  /** The API these tests speak; {@link AtlasClientV1Test} runs them all again on v1.0. */
  AtlasApi api() {
    return AtlasApi.V2;
  }

  AtlasClientConfig config() {
    return AtlasClientConfig.defaults().withBaseUrl(atlas.baseUrl()).withApi(api());
  }

  static DatabaseUser scramUser(String username) {
    return TestUsers.user(username)
        .project(PROJECT)
        .roles(
            new UserRole("readWrite", "orders", null), new UserRole("read", "catalog", "products"))
        .scopes(new UserScope("cluster0", "CLUSTER"))
        .labels("team", "checkout")
        .description("orders service")
        .build();
  }

  @Test
  void createThenGetReturnsEveryField() {
    DatabaseUser created = client.create(scramUser("orders-app"), new Password("s3cret-pass"));

    Optional<DatabaseUser> read = client.get(created.key());

    assertThat(read).contains(scramUser("orders-app"));
    assertThat(created).isEqualTo(scramUser("orders-app"));
  }

  @Test
  void createSendsThePasswordButAtlasNeverReturnsIt() {
    client.create(scramUser("orders-app"), new Password("s3cret-pass"));

    assertThat(
            atlas.lastWrite(PROJECT, "admin", "orders-app").orElseThrow().get("password").asText())
        .isEqualTo("s3cret-pass");
    assertThat(atlas.storedUser(PROJECT, "admin", "orders-app").orElseThrow().has("password"))
        .isFalse();
  }

  @Test
  void getOfAMissingUserIsEmptyNotAnError() {
    assertThat(client.get(new UserKey(PROJECT, "admin", "nobody"))).isEmpty();
  }

  @Test
  void updatePatchesTheUserAndChangesThePasswordOnlyWhenGiven() {
    client.create(scramUser("orders-app"), new Password("first-pass"));
    DatabaseUser changed =
        TestUsers.user("orders-app")
            .project(PROJECT)
            .role("read", "orders")
            .labels("team", "payments")
            .description("orders service")
            .build();

    DatabaseUser updated = client.update(changed, null);

    assertThat(updated).isEqualTo(changed);
    assertThat(client.get(changed.key())).contains(changed);
    assertThat(atlas.lastWrite(PROJECT, "admin", "orders-app").orElseThrow().has("password"))
        .isFalse();

    client.update(changed, new Password("second-pass"));

    assertThat(
            atlas.lastWrite(PROJECT, "admin", "orders-app").orElseThrow().get("password").asText())
        .isEqualTo("second-pass");
  }

  @Test
  void deleteRemovesTheUserAndReportsFalseWhenAlreadyGone() {
    client.create(scramUser("orders-app"), new Password("s3cret-pass"));
    UserKey key = new UserKey(PROJECT, "admin", "orders-app");

    assertThat(client.delete(key)).isTrue();
    assertThat(client.get(key)).isEmpty();
    assertThat(client.delete(key)).isFalse();
  }

  @Test
  void externalUsersWithSpecialCharactersInTheirNamesAreAddressedCorrectly() {
    String dn = "CN=data engineers,OU=groups,DC=example,DC=com";
    String oidc = "0oa1b2c3d4/app/reader";
    DatabaseUser ldap =
        TestUsers.user(dn)
            .project(PROJECT)
            .external(AuthType.LDAP_USER)
            .role("readWriteAnyDatabase", "admin")
            .build();
    DatabaseUser workload =
        TestUsers.user(oidc)
            .project(PROJECT)
            .external(AuthType.OIDC_USER)
            .role("read", "app")
            .build();

    client.create(ldap, null);
    client.create(workload, null);

    assertThat(client.get(ldap.key())).contains(ldap);
    assertThat(client.get(workload.key())).contains(workload);
    assertThat(atlas.journal())
        .extracting(JournalEntry::path)
        .contains(
            "/api/atlas/"
                + api().pathSegment()
                + "/groups/"
                + PROJECT
                + "/databaseUsers/%24external/CN%3Ddata%20engineers%2COU%3Dgroups%2CDC%3Dexample%2CDC%3Dcom",
            "/api/atlas/"
                + api().pathSegment()
                + "/groups/"
                + PROJECT
                + "/databaseUsers/%24external/0oa1b2c3d4%2Fapp%2Freader");
    assertThat(client.delete(workload.key())).isTrue();
  }

  @Test
  void temporaryUserKeepsItsExpiry() {
    Instant expiry = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
    DatabaseUser temporary =
        TestUsers.user("incident")
            .project(PROJECT)
            .role("readAnyDatabase", "admin")
            .expiring(expiry)
            .build();

    client.create(temporary, new Password("s3cret-pass"));

    assertThat(client.get(temporary.key()).orElseThrow().deleteAfterDate()).isEqualTo(expiry);
  }

  @Test
  void listAllFollowsEveryPage() {
    AtlasClient smallPages =
        AtlasClient.create(
            new AtlasClientConfig(
                atlas.baseUrl(),
                api(),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                3,
                false,
                false),
            KEY);
    IntStream.rangeClosed(1, 8)
        .forEach(i -> client.create(scramUser("user-" + i), new Password("s3cret-pass")));
    atlas.clearJournal();

    List<DatabaseUser> users = smallPages.listAll(PROJECT);

    assertThat(users)
        .extracting(DatabaseUser::username)
        .containsExactly(
            "user-1", "user-2", "user-3", "user-4", "user-5", "user-6", "user-7", "user-8");
    assertThat(atlas.journal())
        .filteredOn(JournalEntry::authenticated)
        .extracting(JournalEntry::query)
        .containsExactly(
            "pageNum=1&itemsPerPage=3&includeCount=true",
            "pageNum=2&itemsPerPage=3&includeCount=true",
            "pageNum=3&itemsPerPage=3&includeCount=true");
  }

  @Test
  void listPageReportsTheTotalCount() {
    IntStream.rangeClosed(1, 5)
        .forEach(i -> client.create(scramUser("user-" + i), new Password("s3cret-pass")));

    UserPage page = client.listPage(PROJECT, 2, 2);

    assertThat(page.totalCount()).isEqualTo(5);
    assertThat(page.users()).extracting(DatabaseUser::username).containsExactly("user-3", "user-4");
    assertThat(page.hasNext()).isTrue();
    assertThat(client.listPage(PROJECT, 3, 2).hasNext()).isFalse();
  }

  @Test
  void envelopeOnGivesTheSameResultsAndTheSameErrors() {
    AtlasClient enveloped =
        AtlasClient.create(
            new AtlasClientConfig(
                atlas.baseUrl(),
                api(),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                500,
                true,
                true),
            KEY);
    enveloped.create(scramUser("orders-app"), new Password("s3cret-pass"));

    assertThat(enveloped.get(new UserKey(PROJECT, "admin", "orders-app")))
        .contains(scramUser("orders-app"));
    assertThat(enveloped.listAll(PROJECT)).hasSize(1);
    assertThat(enveloped.get(new UserKey(PROJECT, "admin", "nobody"))).isEmpty();
    assertThatThrownBy(() -> enveloped.create(scramUser("orders-app"), new Password("x-pass-1")))
        .isInstanceOfSatisfying(
            AtlasApiException.class,
            e -> assertThat(e.code()).contains(AtlasErrorCode.USER_ALREADY_EXISTS));
    assertThat(enveloped.delete(new UserKey(PROJECT, "admin", "orders-app"))).isTrue();
    assertThat(atlas.journal()).allSatisfy(e -> assertThat(e.query()).contains("envelope=true"));
  }

  @Test
  void duplicateCreateIsAConflictWithAtlasErrorCode() {
    client.create(scramUser("orders-app"), new Password("s3cret-pass"));

    assertThatThrownBy(() -> client.create(scramUser("orders-app"), new Password("s3cret-pass")))
        .isInstanceOfSatisfying(
            AtlasApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.code()).contains(AtlasErrorCode.USER_ALREADY_EXISTS);
              assertThat(e.detail()).isEqualTo("A user with username orders-app already exists.");
              assertThat(e.reason()).isEqualTo("Conflict");
              assertThat(e.isTransient()).isFalse();
            });
  }

  @Test
  void invalidUserIsABadRequestNamingTheProblem() {
    DatabaseUser unknownRole =
        TestUsers.user("app").project(PROJECT).role("readWriteEverything", "app").build();

    assertThatThrownBy(() -> client.create(unknownRole, new Password("s3cret-pass")))
        .isInstanceOfSatisfying(
            AtlasApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.code()).contains(AtlasErrorCode.ATLAS_INVALID_ROLE);
              assertThat(e.parameters()).containsExactly("readWriteEverything", "app");
            });
  }

  @Test
  void updateOfAMissingUserIsNotFound() {
    assertThatThrownBy(() -> client.update(scramUser("nobody"), null))
        .isInstanceOfSatisfying(
            AtlasApiException.class,
            e -> assertThat(e.code()).contains(AtlasErrorCode.USERNAME_NOT_FOUND));
  }

  @Test
  void wrongPrivateKeyIsUnauthorized() {
    AtlasClient wrong =
        AtlasClient.create(config(), new ApiKey(KEY.publicKey(), "not-the-private-key"));

    assertThatThrownBy(() -> wrong.listAll(PROJECT))
        .isInstanceOfSatisfying(
            AtlasApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.code()).contains(AtlasErrorCode.USER_UNAUTHORIZED);
            });
  }

  @Test
  void keyWithoutAccessToTheProjectIsNotInGroup() {
    AtlasClient other = AtlasClient.create(config(), OTHER_KEY);

    assertThatThrownBy(() -> other.listAll(PROJECT))
        .isInstanceOfSatisfying(
            AtlasApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.code()).contains(AtlasErrorCode.NOT_IN_GROUP);
            });
    assertThat(other.listAll(OTHER_PROJECT)).isEmpty();
  }

  @Test
  void digestHandshakeCostsOne401OnlyOnTheFirstCall() {
    client.listAll(PROJECT);
    client.listAll(PROJECT);
    client.get(new UserKey(PROJECT, "admin", "nobody"));
    client.create(scramUser("orders-app"), new Password("s3cret-pass"));

    assertThat(atlas.journal())
        .extracting(JournalEntry::status)
        .containsExactly(401, 200, 200, 404, 201);
  }

  @Test
  void staleNonceIsRenewedWithoutFailingTheCall() {
    client.listAll(PROJECT);
    atlas.clock().advance(Duration.ofMinutes(6));

    assertThat(client.listAll(PROJECT)).isEmpty();

    assertThat(atlas.journal())
        .extracting(JournalEntry::status)
        .containsExactly(401, 200, 401, 200);
    client.listAll(PROJECT);
    assertThat(atlas.journal()).hasSize(5);
  }

  @Test
  void rateLimitExposesRetryAfter() {
    atlas.inject(Fault.status(429).retryAfter(Duration.ofSeconds(7)).times(1));

    assertThatThrownBy(() -> client.listAll(PROJECT))
        .isInstanceOfSatisfying(
            AtlasApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.code()).contains(AtlasErrorCode.RATE_LIMITED);
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
              assertThat(e.isTransient()).isTrue();
            });
    assertThat(client.listAll(PROJECT)).isEmpty();
  }

  @Test
  void serverErrorIsTransient() {
    atlas.inject(Fault.status(503).forProject(PROJECT).times(1));

    assertThatThrownBy(() -> client.listAll(PROJECT))
        .isInstanceOfSatisfying(
            AtlasApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.isTransient()).isTrue();
            });
  }

  @Test
  void droppedConnectionIsAnAtlasExceptionWithoutAnAnswer() {
    client.listAll(PROJECT);
    atlas.inject(Fault.dropConnection().onMethod("GET"));

    assertThatThrownBy(() -> client.listAll(PROJECT))
        .isExactlyInstanceOf(AtlasException.class)
        .hasMessageContaining("No answer from Atlas");
  }

  @Test
  void aReadOnAConnectionClosedUnderItIsSentOnceMoreButAWriteNever() {
    client.listAll(PROJECT);
    atlas.inject(Fault.dropConnection().onMethod("GET").times(1));
    atlas.inject(Fault.dropConnection().onMethod("POST").times(1));
    atlas.clearJournal();

    assertThat(client.listAll(PROJECT)).isEmpty();
    assertThatThrownBy(() -> client.create(scramUser("once"), new Password("s3cret-pass")))
        .isExactlyInstanceOf(AtlasException.class);

    assertThat(atlas.journal())
        .filteredOn(JournalEntry::authenticated)
        .extracting(e -> e.method() + " " + e.status())
        .containsExactly("GET 0", "GET 200", "POST 0");
  }

  @Test
  void readTimeoutIsAnAtlasExceptionWithoutAnAnswer() {
    AtlasClient impatient =
        AtlasClient.create(
            new AtlasClientConfig(
                atlas.baseUrl(),
                api(),
                Duration.ofSeconds(1),
                Duration.ofMillis(200),
                500,
                false,
                false),
            KEY);
    impatient.listAll(PROJECT);
    atlas.inject(Fault.latency(Duration.ofMillis(1500)).times(1));

    assertThatThrownBy(() -> impatient.listAll(PROJECT)).isExactlyInstanceOf(AtlasException.class);
  }
}
