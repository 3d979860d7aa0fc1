package io.atlasoperator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** The test API server is never started when kube-api-test's time-of-day timeout would wrap. */
class LocalKubeApiServerTest {

  @Test
  void aStartInTheLastTwoMinutesOfTheDayWaitsUntilJustAfterMidnight() {
    assertThat(LocalKubeApiServer.waitBeforeStart(LocalTime.of(23, 59, 0)))
        .isEqualTo(Duration.ofSeconds(61));
    // Its deadline would be 00:00, which every moment before midnight is "after".
    assertThat(LocalKubeApiServer.waitBeforeStart(LocalTime.of(23, 58, 0)))
        .isEqualTo(Duration.ofSeconds(121));
    assertThat(LocalKubeApiServer.waitBeforeStart(LocalTime.of(23, 57, 59))).isZero();
    assertThat(LocalKubeApiServer.waitBeforeStart(LocalTime.NOON)).isZero();
    assertThat(LocalKubeApiServer.waitBeforeStart(LocalTime.MIDNIGHT)).isZero();
  }
}
