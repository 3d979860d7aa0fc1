package io.atlasoperator.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

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
}
