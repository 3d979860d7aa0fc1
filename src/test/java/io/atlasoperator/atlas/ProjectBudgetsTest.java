package io.atlasoperator.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atlasoperator.domain.ApiKey;
import io.atlasoperator.domain.AtlasFailure;
import io.atlasoperator.domain.UserKey;
import io.atlasoperator.emulator.AtlasEmulator;
import io.atlasoperator.emulator.JournalEntry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * The operator's own call budget per project: what it lets through, when it refills, what it learns
 * from Atlas's RateLimit headers and 429s, and that a spent budget sends nothing to Atlas.
 */
class ProjectBudgetsTest {

  static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  static final CallBudget BUDGET = new CallBudget(3, 2, Duration.ofSeconds(60));

  @Test
  void aFullBucketLetsItsCapacityThroughThenSaysWhenItRefills() {
    ProjectBudgets.Bucket bucket = new ProjectBudgets.Bucket(BUDGET, 0);
    assertThat(bucket.take(0)).isZero();
    assertThat(bucket.take(0)).isZero();
    assertThat(bucket.take(0)).isZero();
    assertThat(bucket.take(10 * SECOND)).isEqualTo(50 * SECOND);
  }

  @Test
  void refillsComeWholeEveryPeriodFromTheFirstAnswerAndNeverPassTheCapacity() {
    ProjectBudgets.Bucket bucket = new ProjectBudgets.Bucket(BUDGET, 0);
    for (int i = 0; i < 3; i++) {
      bucket.take(0);
    }
    bucket.answered(2 * SECOND, answer(200, null, null, null), null);
    // The clock starts at the first answer (2 s), after Atlas started its own bucket.
    assertThat(bucket.take(61 * SECOND)).isEqualTo(SECOND);
    assertThat(bucket.take(62 * SECOND)).isZero();
    assertThat(bucket.take(62 * SECOND)).isZero();
    assertThat(bucket.take(62 * SECOND)).isPositive();
    assertThat(bucket.tokens()).isZero();
    // Ten idle minutes refill to the capacity, not beyond.
    assertThat(bucket.take(662 * SECOND)).isZero();
    assertThat(bucket.tokens()).isEqualTo(2);
  }

  @Test
  void atlasHeadersLowerWhatIsLeftAndTheCapacity() {
    ProjectBudgets.Bucket bucket =
        new ProjectBudgets.Bucket(new CallBudget(100, 100, Duration.ofSeconds(60)), 0);
    bucket.take(0);
    bucket.answered(SECOND, answer(200, "10", "4", null), null);
    assertThat(bucket.tokens()).isEqualTo(4);
    for (int i = 0; i < 4; i++) {
      assertThat(bucket.take(SECOND)).isZero();
    }
    assertThat(bucket.take(SECOND)).isPositive();
    // Headers never raise it: a stale answer saying more is left changes nothing.
    bucket.answered(SECOND, answer(200, "10", "9", null), null);
    assertThat(bucket.tokens()).isZero();
    // The capacity is Atlas's now: a long idle time refills to 10, not 100.
    bucket.take(3600 * SECOND);
    assertThat(bucket.tokens()).isEqualTo(9);
  }

  @Test
  void atlassHigherLimitRaisesTheBudgetSoTheDefaultNeverMakesACallWaitButRemainingOnlyLowersIt() {
    // The default is 100 a minute; Atlas answers that the project's set allows 1,200.
    ProjectBudgets.Bucket bucket =
        new ProjectBudgets.Bucket(new CallBudget(100, 100, Duration.ofSeconds(60)), 0);
    for (int i = 0; i < 100; i++) {
      assertThat(bucket.take(0)).isZero();
    }
    assertThat(bucket.take(0)).as("the default alone stops at 100").isPositive();
    // Atlas counts each call as it comes: the i-th answer says 1200 - i are left.
    for (int i = 1; i <= 100; i++) {
      bucket.answered(SECOND, answer(200, "1200", Integer.toString(1200 - i), null), null);
      assertThat(bucket.tokens()).as("after answer %d", i).isEqualTo(1100);
    }
    // An answer overtaken on the way, saying more is left than is, never raises it.
    bucket.answered(SECOND, answer(200, "1200", "1199", null), null);
    assertThat(bucket.tokens()).isEqualTo(1100);
    for (int i = 0; i < 1100; i++) {
      assertThat(bucket.take(SECOND)).isZero();
    }
    assertThat(bucket.take(SECOND)).isPositive();
    // And down again when Atlas says less is allowed.
    bucket.answered(2 * SECOND, answer(200, "50", "10", null), null);
    assertThat(bucket.tokens()).isZero();
    bucket.take(3600 * SECOND);
    assertThat(bucket.tokens()).as("refilled to Atlas's 50, one taken").isEqualTo(49);
  }

  @Test
  void a429PausesTheBucketForRetryAfterAndRefillsThen() {
    ProjectBudgets.Bucket bucket = new ProjectBudgets.Bucket(BUDGET, 0);
    bucket.take(0);
    bucket.answered(SECOND, answer(429, null, null, "30"), null);
    assertThat(bucket.take(SECOND)).isEqualTo(30 * SECOND);
    assertThat(bucket.take(31 * SECOND)).isZero();
  }

  @Test
  void a429TeachesAtlasRefillFromItsDocumentedParametersAndAHugeRetryAfterIsCapped() {
    ProjectBudgets.Bucket bucket =
        new ProjectBudgets.Bucket(new CallBudget(100, 100, Duration.ofSeconds(60)), 0);
    bucket.take(0);
    Response tooMany =
        new Response.Builder()
            .request(new Request.Builder().url("https://cloud.mongodb.com/").build())
            .protocol(Protocol.HTTP_1_1)
            .code(429)
            .message("Too Many Requests")
            .header("Retry-After", "999999")
            .header("RateLimit-Limit", "10")
            .body(
                okhttp3.ResponseBody.create(
                    "{\"detail\":\"Rate limit exceeded\",\"error\":429,"
                        + "\"errorCode\":\"RATE_LIMITED_TOKEN_BUCKET\","
                        + "\"parameters\":[\"api/atlas/v2/groups/x/databaseUsers\",999999,10,5,30],"
                        + "\"reason\":\"Too Many Requests\"}",
                    okhttp3.MediaType.get("application/json")))
            .build();

    bucket.answered(SECOND, tooMany, ProjectBudgets.refillOf(tooMany));

    long paused = bucket.take(SECOND);
    assertThat(paused).isEqualTo(ProjectBudgets.LONGEST_PAUSE.toNanos());
    long resumed = SECOND + paused;
    // After the pause: Atlas's 5, not the configured 100, then 5 more every 30 s.
    for (int i = 0; i < 5; i++) {
      assertThat(bucket.take(resumed)).isZero();
    }
    assertThat(bucket.take(resumed)).isEqualTo(30 * SECOND);
  }

  @Test
  void aSpentBudgetDefersTheCallWithoutSendingItAndOtherProjectsGoOn() {
    String project = "5356823b3794dee37132bb7b";
    String other = "6356823b3794dee37132bb7c";
    ApiKey key = new ApiKey("budget-public", "budget-private-key");
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    try (AtlasEmulator atlas =
            AtlasEmulator.builder()
                .apiKey(key.publicKey(), key.privateKey())
                .project(project)
                .project(other)
                .start();
        AtlasUsersClient client =
            new AtlasUsersClient(
                AtlasClientConfig.defaults().withBaseUrl(atlas.baseUrl()).withApi(AtlasApi.V1_0),
                new CallBudget(2, 1, Duration.ofMinutes(1)),
                Optional.empty(),
                metrics)) {
      UserKey nobody = new UserKey(project, "admin", "nobody");
      client.get(key, nobody);
      client.list(key, project);

      assertThatThrownBy(() -> client.get(key, nobody))
          .isInstanceOfSatisfying(
              AtlasFailure.class,
              f -> {
                assertThat(f.kind()).isEqualTo(AtlasFailure.Kind.RATE_LIMITED);
                assertThat(f.mayHaveRun()).isFalse();
                assertThat(f.retryAfter().orElseThrow())
                    .isGreaterThan(Duration.ofSeconds(50))
                    .isLessThanOrEqualTo(Duration.ofMinutes(1));
                assertThat(f.getMessage()).contains(project, "2:1/60s", "spent");
              });
      assertThat(atlas.countRequests(e -> e.authenticated() && e.path().contains(project)))
          .isEqualTo(2);
      assertThat(client.list(key, other)).isEmpty();
      assertThat(atlas.journal()).extracting(JournalEntry::status).doesNotContain(429);
    }
    assertThat(metrics.get("atlas.operator.atlas.deferred").counter().count()).isEqualTo(1);
    assertThat(
            metrics.get("atlas.operator.atlas.calls").counters().stream()
                .mapToDouble(c -> c.count())
                .sum())
        .as("a deferred call is not a call")
        .isEqualTo(3);
  }

  private static Response answer(int status, String limit, String remaining, String retryAfter) {
    Response.Builder b =
        new Response.Builder()
            .request(new Request.Builder().url("https://cloud.mongodb.com/").build())
            .protocol(Protocol.HTTP_1_1)
            .code(status)
            .message("answer");
    if (limit != null) {
      b.header("RateLimit-Limit", limit);
    }
    if (remaining != null) {
      b.header("RateLimit-Remaining", remaining);
    }
    if (retryAfter != null) {
      b.header("Retry-After", retryAfter);
    }
    return b.build();
  }
}
