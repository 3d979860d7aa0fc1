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
}
