package io.atlasoperator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasoperator.config.OperatorConfig;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ControllersTest {

  @Test
  void theLogsNextRetryIsJosdksOwnScheduleBaseTwiceThenDoublingUpToTheMaximum() {
    OperatorConfig config =
        OperatorConfig.builder()
            .atlasBaseUrl("https://cloud.mongodb.com/")
            .retry(Duration.ofSeconds(1), Duration.ofMinutes(5))
            .build();

    assertThat(IntStream.rangeClosed(1, 11).mapToObj(n -> Controllers.backoff(config, n)))
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(16),
            Duration.ofSeconds(32),
            Duration.ofSeconds(64),
            Duration.ofSeconds(128),
            Duration.ofSeconds(256),
            Duration.ofMinutes(5));
  }
}
