package io.atlasoperator.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasoperator.benchmark.AcceptWindows.Verdict;
import io.atlasoperator.benchmark.AtlasCalls.Kind;
import io.atlasoperator.emulator.JournalEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's own arithmetic: how calls are sorted, floors, API-server write deltas. */
class BenchmarkFiguresTest {

  private static final String GROUP = "/api/atlas/v2/groups/0123456789abcdef01234567";

  private static AtlasCalls.Call call(String method, String path, int status) {
    return AtlasCalls.classify(
        0, new JournalEntry(Instant.EPOCH, method, path, null, status, "key"));
  }

  @Test
  void sortsCallsByEndpoint() {
    assertThat(call("GET", GROUP + "/databaseUsers", 200).kind()).isEqualTo(Kind.LIST);
    assertThat(call("POST", GROUP + "/databaseUsers", 201).kind()).isEqualTo(Kind.POST);
    assertThat(call("PATCH", GROUP + "/databaseUsers/admin/u", 200).kind()).isEqualTo(Kind.PATCH);
    assertThat(call("DELETE", GROUP + "/databaseUsers/admin/u", 204).kind()).isEqualTo(Kind.DELETE);
    assertThat(call("GET", GROUP + "/clusters", 200).kind()).isEqualTo(Kind.CLUSTERS_LIST);
    assertThat(call("GET", GROUP + "/flexClusters", 200).kind()).isEqualTo(Kind.FLEX_LIST);
    assertThat(call("GET", GROUP + "/clusters/flex-0/status", 200).kind()).isEqualTo(Kind.STATUS);
    assertThat(call("GET", GROUP + "/clusters/cluster-0", 200).kind()).isEqualTo(Kind.OTHER);
    assertThat(call("POST", "/api/oauth/token", 200).kind()).isEqualTo(Kind.OTHER);
  }

  @Test
  void countsByEndpointAndProjectWith429sApart() {
    AtlasCalls.Counts counts =
        AtlasCalls.Counts.of(
            List.of(
                call("GET", GROUP + "/databaseUsers", 200),
                call("GET", GROUP + "/clusters", 200),
                call("GET", GROUP + "/flexClusters", 200),
                call("GET", GROUP + "/clusters/cluster-0/status", 200),
                call("GET", GROUP + "/clusters/cluster-0/status", 429),
                call("POST", GROUP + "/databaseUsers", 429)));

    assertThat(counts.list()).isEqualTo(1);
    assertThat(counts.clustersList()).isEqualTo(1);
    assertThat(counts.flexList()).isEqualTo(1);
    assertThat(counts.status()).isEqualTo(1);
    assertThat(counts.tooMany()).isEqualTo(2);
    assertThat(counts.tooManyClusters()).isEqualTo(1);
    assertThat(counts.clusterListsPerProject()).containsValue(2L);
    assertThat(counts.statusPerProject()).containsValue(1L);
    assertThat(counts.versions()).containsExactly("v2");
  }

  @Test
  void floorIsTheBucketsThenTheApplyDelay() {
    Options o =
        Options.parse(
            "--bucket",
            "100:100/60s",
            "--clusters",
            "2",
            "--flex-clusters",
            "1",
            "--apply-delay",
            "5s");
    Floors floors = new Floors(o, true);

    // 101 calls through a bucket of 100: one refill (60 s), then Atlas applies the last write.
    assertThat(floors.of(Map.of("p", 101L), floors.createClusterCalls(), true))
        .isEqualTo(Duration.ofSeconds(65));
    // Within the bucket: the apply delay alone.
    assertThat(floors.of(Map.of("p", 10L), floors.changeClusterCalls(), true))
        .isEqualTo(Duration.ofSeconds(5));
    // Deletion waits for no apply.
    assertThat(floors.of(Map.of("p", 100L), 0, false)).isZero();
    // Without clusters no step waits for Atlas to apply.
    Floors none = new Floors(Options.parse("--apply-delay", "5s"), true);
    assertThat(none.of(Map.of("p", 10L), 0, true)).isZero();
  }

  @Test
  void apiServerWritesBetweenTwoReadings() {
    Map<String, Long> delta =
        KubeWrites.since(
            Map.of("secrets", 10L, "leases", 3L),
            Map.of("secrets", 13L, "leases", 3L, "atlasdatabaseusers/status", 2L));

    assertThat(delta)
        .containsExactlyInAnyOrderEntriesOf(Map.of("secrets", 3L, "atlasdatabaseusers/status", 2L));
    assertThat(KubeWrites.operators(Map.of("secrets", 3L, "leases", 4L))).isEqualTo(3);
  }

  private static Instant at(double seconds) {
    return Instant.EPOCH.plusMillis(Math.round(seconds * 1000));
  }

  @Test
  void aWriteIsAppliedOnceTheProjectsLatestWriteIsApplyDelayOld() {
    List<Instant> writes = List.of(at(0), at(1), at(1.5), at(5), at(7));
    Duration d = Duration.ofSeconds(2);

    // Writes 1 and 1.5 s come within 2 s of the one before: PENDING until 3.5 s.
    assertThat(AcceptWindows.appliedAt(writes, at(0), d)).isEqualTo(at(3.5));
    assertThat(AcceptWindows.appliedAt(writes, at(1.5), d)).isEqualTo(at(3.5));
    // 5 s, then 7 s exactly 2 s later: PENDING at 7 s (7 < 7 + 2), APPLIED from 9 s.
    assertThat(AcceptWindows.appliedAt(writes, at(5), d)).isEqualTo(at(9));
    // No delay: applied at once.
    assertThat(AcceptWindows.appliedAt(writes, at(1), Duration.ZERO)).isEqualTo(at(1));
    assertThat(AcceptWindows.latestAtOrBefore(writes, at(1))).isEqualTo(at(1));
    assertThat(AcceptWindows.latestAtOrBefore(writes, at(-1))).isNull();
  }

  @Test
  void aSecretIsAcceptedWithTheUsersLatestPasswordOnceItsWriteIsApplied() {
    Duration d = Duration.ofSeconds(2);
    List<PasswordLedger.Written> history =
        List.of(
            new PasswordLedger.Written(at(0), "old"), new PasswordLedger.Written(at(10), "new"));
    // Another user's write at 11 s keeps the project PENDING until 13 s.
    List<Instant> writes = List.of(at(0), at(10), at(11));

    // In place: the old password stops working with the PATCH at 10 s ...
    assertThat(PasswordLedger.verdict(history, writes, d, "old", at(9.9)))
        .isEqualTo(Verdict.ACCEPTED);
    assertThat(PasswordLedger.verdict(history, writes, d, "old", at(10)))
        .isEqualTo(Verdict.WRONG_PASSWORD);
    // ... and the new one works once applied, at 13 s.
    assertThat(PasswordLedger.verdict(history, writes, d, "new", at(12.9)))
        .isEqualTo(Verdict.NOT_APPLIED);
    assertThat(PasswordLedger.verdict(history, writes, d, "new", at(13)))
        .isEqualTo(Verdict.ACCEPTED);
    // Two users: the user the Secret names keeps its applied password while the project is
    // PENDING for the other user's write (which the stricter reading does not accept).
    List<PasswordLedger.Written> named = List.of(new PasswordLedger.Written(at(0), "kept"));
    assertThat(PasswordLedger.verdict(named, writes, d, "kept", at(11.5)))
        .isEqualTo(Verdict.PROJECT_PENDING);
    assertThat(PasswordLedger.verdict(named, writes, d, "kept", at(13)))
        .isEqualTo(Verdict.ACCEPTED);
    // Deleted, or never seen.
    List<PasswordLedger.Written> deleted =
        List.of(new PasswordLedger.Written(at(0), "kept"), new PasswordLedger.Written(at(5), null));
    assertThat(PasswordLedger.verdict(deleted, writes, d, "kept", at(6)))
        .isEqualTo(Verdict.WRONG_PASSWORD);
    assertThat(PasswordLedger.verdict(List.of(), writes, d, "kept", at(6)))
        .isEqualTo(Verdict.UNKNOWN_USER);
  }

  @Test
  void aWindowLastsFromTheFirstNotAcceptedSampleToTheNextAcceptedOne() {
    AcceptWindows windows = new AcceptWindows();
    long ms = 1_000_000;
    windows.round(0, Map.of("a", Verdict.ACCEPTED, "b", Verdict.ACCEPTED));
    windows.round(250 * ms, Map.of("a", Verdict.WRONG_PASSWORD, "b", Verdict.ACCEPTED));
    windows.round(500 * ms, Map.of("a", Verdict.NOT_APPLIED, "b", Verdict.ACCEPTED));
    windows.round(
        750 * ms,
        Map.of("a", Verdict.ACCEPTED, "b", Verdict.ACCEPTED, "c", Verdict.WRONG_PASSWORD));

    AcceptWindows.Result r = windows.finish(1000 * ms);

    assertThat(r.rounds()).isEqualTo(4);
    assertThat(r.samples()).isEqualTo(9);
    assertThat(r.meanIntervalSeconds()).isEqualTo(0.25);
    assertThat(r.secretsWithWindow()).isEqualTo(2);
    assertThat(r.longestSeconds()).isEqualTo(0.5);
    assertThat(r.longestSecret()).isEqualTo("a");
    assertThat(r.meanSeconds()).isEqualTo(0.375); // a 0.5 s, c 0.25 s (still open at the end)
    assertThat(r.openAtEnd()).isEqualTo(1);
    assertThat(r.notAccepted())
        .containsExactlyInAnyOrderEntriesOf(Map.of("WRONG_PASSWORD", 2L, "NOT_APPLIED", 1L));
    assertThat(r.strictSecretsWithWindow()).isEqualTo(2);
    assertThat(r.strictLongestSeconds()).isEqualTo(0.5);
  }

  @Test
  void aPendingProjectIsAWindowOnlyByTheStricterReading() {
    AcceptWindows windows = new AcceptWindows();
    long ms = 1_000_000;
    windows.round(0, Map.of("a", Verdict.ACCEPTED));
    windows.round(250 * ms, Map.of("a", Verdict.PROJECT_PENDING));
    windows.round(500 * ms, Map.of("a", Verdict.PROJECT_PENDING));
    windows.round(750 * ms, Map.of("a", Verdict.ACCEPTED));

    AcceptWindows.Result r = windows.finish(1000 * ms);

    assertThat(r.secretsWithWindow()).isZero();
    assertThat(r.longestSeconds()).isZero();
    assertThat(r.notAccepted()).containsExactlyEntriesOf(Map.of("PROJECT_PENDING", 2L));
    assertThat(r.strictSecretsWithWindow()).isEqualTo(1);
    assertThat(r.strictLongestSeconds()).isEqualTo(0.5);
  }

  @Test
  void aSecretThatGoesAwayClosesItsWindow() {
    AcceptWindows windows = new AcceptWindows();
    windows.round(0, Map.of("a", Verdict.UNKNOWN_USER));
    windows.round(250_000_000, Map.of());

    AcceptWindows.Result r = windows.finish(500_000_000);

    assertThat(r.longestSeconds()).isEqualTo(0.25);
    assertThat(r.openAtEnd()).isZero();
  }

  @Test
  void onlyTwoUsersHasAWindowTarget() {
    AcceptWindows.Result none =
        new AcceptWindows.Result(40, 20_000, 0.25, 0, 0, null, 0, Map.of(), 0, 0, 0);
    AcceptWindows.Result some =
        new AcceptWindows.Result(
            40,
            20_000,
            0.25,
            3,
            2.25,
            "user-1-cluster-0",
            2.1,
            Map.of("WRONG_PASSWORD", 27L),
            0,
            3,
            2.25);
    AcceptWindows.Result unsampled =
        new AcceptWindows.Result(40, 0, 0.25, 0, 0, null, 0, Map.of(), 0, 0, 0);

    assertThat(GeneratedRotation.windowTarget(none, true).met()).isTrue();
    assertThat(GeneratedRotation.windowTarget(some, true).met()).isFalse();
    assertThat(GeneratedRotation.windowTarget(some, true).measured())
        .isEqualTo("2.25 s (user-1-cluster-0; 3 Secrets had one, mean 2.10 s)");
    assertThat(GeneratedRotation.windowTarget(some, false).met()).isTrue();
    assertThat(GeneratedRotation.windowTarget(unsampled, true).measured()).startsWith("n/a");
  }

  @Test
  void twoUsersRotationFloorCountsTheGracePeriodAndBothPatches() {
    Options o = Options.parse("--passwords", "two-users", "--clusters", "1", "--apply-delay", "2s");
    Floors floors = new Floors(o, true);
    Duration grace = Duration.ofSeconds(10);

    // 50 pairs: 100 PATCHes fit the bucket of 100; the idle users' applied (2 s), then the grace.
    assertThat(floors.twoUsersRotation(Map.of("p", 50L), floors.changeClusterCalls(), grace))
        .isEqualTo(Duration.ofSeconds(12));
    // 60 pairs: 120 PATCHes, one refill (60 s) outlasts 2 s + 10 s.
    assertThat(floors.twoUsersRotation(Map.of("p", 60L, "q", 1L), 1, grace))
        .isEqualTo(Duration.ofSeconds(60));
    // 150 pairs, 1000 tokens a refill: the idle users' PATCHes need one refill, then Atlas applies
    // them and the grace period passes; the left users' PATCHes fit that same refill.
    Floors big =
        new Floors(
            Options.parse(
                "--passwords",
                "two-users",
                "--clusters",
                "1",
                "--apply-delay",
                "2s",
                "--bucket",
                "100:1000/60s"),
            true);
    assertThat(big.twoUsersRotation(Map.of("p", 150L), 1, grace)).isEqualTo(Duration.ofSeconds(72));
    // Without clusters nothing waits for Atlas to apply; the grace period stays.
    Floors none = new Floors(Options.parse("--passwords", "two-users"), true);
    assertThat(none.twoUsersRotation(Map.of("p", 50L), 0, grace)).isEqualTo(grace);
    // In place: one PATCH per resource, the usual floor.
    assertThat(floors.of(Map.of("p", 100L), floors.changeClusterCalls(), true))
        .isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void stepColumnWidensForALongerStepName() {
    RunResult run =
        new RunResult(
            "v2",
            "digest",
            "measured",
            List.of(),
            Map.of(),
            List.of(new StepResult(GeneratedRotation.NAME, null, null, null, Map.of(), List.of())),
            1);
    RunResult given =
        new RunResult(
            "v2",
            "digest",
            "measured",
            List.of(),
            Map.of(),
            List.of(new StepResult("4 rotate passwords", null, null, null, Map.of(), List.of())),
            1);

    assertThat(Report.widened("%-STEPs", List.of(given))).isEqualTo("%-19s");
    assertThat(Report.widened("%-STEPs", List.of(given, run))).isEqualTo("%-28s");
  }
}
