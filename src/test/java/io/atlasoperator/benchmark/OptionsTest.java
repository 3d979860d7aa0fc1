package io.atlasoperator.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsTest {

  @Test
  void noClusterByDefault() {
    Options o = Options.parse();

    assertThat(o.clusters()).isZero();
    assertThat(o.flexClusters()).isZero();
    assertThat(o.applyDelay()).isZero();
    assertThat(o.secretsPerUser()).isZero();
    assertThat(o.operatorBucket()).isEqualTo(o.atlasBucket());
  }

  @Test
  void clustersFlexClustersAndApplyDelay() {
    Options o =
        Options.parse(
            "--clusters",
            "2",
            "--flex-clusters",
            "1",
            "--apply-delay",
            "5s",
            "--bucket",
            "1200:1200/60s");

    assertThat(o.clusters()).isEqualTo(2);
    assertThat(o.flexClusters()).isEqualTo(1);
    assertThat(o.secretsPerUser()).isEqualTo(3);
    assertThat(o.applyDelay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.atlasBucket().capacity()).isEqualTo(1200);
    assertThat(o.operatorBucket().text()).isEqualTo("1200:1200/60s");
    assertThat(Options.parse("--apply-delay", "250ms").applyDelay())
        .isEqualTo(Duration.ofMillis(250));
    assertThat(Options.parse("--apply-delay", "0").applyDelay()).isZero();
  }

  @Test
  void refusesNegativeClustersAndNamesTheFlagsInUsage() {
    assertThatThrownBy(() -> Options.parse("--clusters", "-1"))
        .hasMessageContaining("--clusters must not be negative");
    assertThatThrownBy(() -> Options.parse("--help"))
        .hasMessageContaining("--clusters N")
        .hasMessageContaining("--flex-clusters M")
        .hasMessageContaining("--apply-delay");
  }

  @Test
  void givenPasswordsByDefault() {
    Options o = Options.parse();

    assertThat(o.passwords()).isEqualTo("given");
    assertThat(o.generated()).isFalse();
    assertThat(o.twoUsers()).isFalse();
    assertThat(o.resources()).isEqualTo(1000);
    assertThat(o.changed()).isEqualTo(100);
    assertThat(o.grace()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void generatedAndTwoUsers() {
    Options generated = Options.parse("--passwords", "generated");
    Options two = Options.parse("--passwords", "two-users", "--grace", "30s");

    assertThat(generated.generated()).isTrue();
    assertThat(generated.twoUsers()).isFalse();
    assertThat(generated.resources()).isEqualTo(1000);
    assertThat(two.generated()).isTrue();
    assertThat(two.twoUsers()).isTrue();
    // --users counts Atlas users: 1,000 of them are 500 pairs, 50 per project.
    assertThat(two.atlasUsersPerResource()).isEqualTo(2);
    assertThat(two.resources()).isEqualTo(500);
    assertThat(two.changed()).isEqualTo(50);
    assertThat(two.grace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(Options.parse("--grace", "0").grace()).isZero();
  }

  @Test
  void refusesWhatAtlasOrTheCrdWouldRefuse() {
    assertThatThrownBy(() -> Options.parse("--passwords", "random"))
        .hasMessageContaining("--passwords is one of given, generated, two-users");
    assertThatThrownBy(() -> Options.parse("--grace", "1500ms"))
        .hasMessageContaining("--grace is whole seconds");
    assertThatThrownBy(() -> Options.parse("--passwords", "two-users", "--users", "999"))
        .hasMessageContaining("even");
    // 2,000 Atlas users in 10 projects: 200 in each, past Atlas's 100.
    assertThatThrownBy(() -> Options.parse("--passwords", "two-users", "--users", "2000"))
        .hasMessageContaining("at most 100 database users per project");
    assertThatThrownBy(() -> Options.parse("--users", "1001"))
        .hasMessageContaining("puts 101 in one");
    assertThatThrownBy(() -> Options.parse("--help"))
        .hasMessageContaining("--passwords given|generated|two-users")
        .hasMessageContaining("--grace");
  }
}
