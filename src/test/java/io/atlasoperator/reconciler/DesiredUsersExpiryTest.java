package io.atlasoperator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** spec.deleteAfterDate in the forms users of MongoDB's operator write, normalised to UTC. */
class DesiredUsersExpiryTest {

  @ParameterizedTest
  @CsvSource({
    "2026-12-01T00:00:00Z, 2026-12-01T00:00:00Z",
    "2026-12-01T02:00:00+02:00, 2026-12-01T00:00:00Z",
    "2026-11-30T19:00:00-0500, 2026-12-01T00:00:00Z",
    "2026-12-01T00:00:00, 2026-12-01T00:00:00Z",
    "2026-12-01T00:00, 2026-12-01T00:00:00Z",
    "2026-12-01T00:00:00.250Z, 2026-12-01T00:00:00.250Z",
    "2026-12-01, 2026-12-01T00:00:00Z"
  })
  void everyFormIsTheSameInstantInUtc(String written, String utc) {
    assertThat(DesiredUsers.expiry(written)).isEqualTo(Instant.parse(utc));
  }

  @ParameterizedTest
  @CsvSource({"next friday", "2026-13-01", "2026-12-01T25:00:00Z"})
  void whatIsNotADateIsRefused(String written) {
    assertThatThrownBy(() -> DesiredUsers.expiry(written))
        .isInstanceOf(DateTimeParseException.class);
  }
}
