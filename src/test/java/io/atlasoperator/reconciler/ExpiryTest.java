package io.atlasoperator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.AtlasDatabaseUserSpec;
import io.atlasoperator.status.Reason;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A temporary user's expiry: spec.deleteAfterDate in the forms users of MongoDB's operator write,
 * normalised to UTC, and spec.expiresAfter counted from the resource's creation.
 */
class ExpiryTest {

  /** The test's own clock: every date below is relative to it. */
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

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
  void everyFormOfADateIsTheSameInstantInUtc(String written, String utc) {
    // Parsing only: no clock is involved, so fixed dates cannot go stale here.
    assertThat(Expiry.date(written)).isEqualTo(Instant.parse(utc));
  }

  @ParameterizedTest
  @CsvSource({"next friday", "2026-13-01", "2026-12-01T25:00:00Z"})
  void whatIsNotADateIsRefused(String written) {
    assertThatThrownBy(() -> Expiry.date(written)).isInstanceOf(DateTimeParseException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "72h, 259200",
    "36h30m, 131400",
    "90m, 5400",
    "45s, 45",
    "1.5h, 5400",
    "1h0m1s, 3601"
  })
  void durationsAreWrittenAsKubernetesWritesThem(String written, long seconds) {
    assertThat(Expiry.duration(written)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest
  @CsvSource({"3d", "72", "h", "72h 5m", "-1h", "72hours", "''"})
  void whatIsNotADurationIsRefused(String written) {
    assertThatThrownBy(() -> Expiry.duration(written))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("72h");
  }

  @Test
  void expiresAfterCountsFromTheResourcesCreationNotFromWhenTheOperatorLooks()
      throws AtlasUserFailure {
    Instant created = NOW.minus(Duration.ofHours(5));
    Expiry expiry = Expiry.of(resource(created, "72h", null)).orElseThrow();

    assertThat(expiry.at()).isEqualTo(created.plus(Duration.ofHours(72)));
    assertThat(expiry.relative()).isTrue();
    assertThat(expiry.describe())
        .isEqualTo(
            "the expiry "
                + created.plus(Duration.ofHours(72))
                + " (spec.expiresAfter 72h from the resource's creation at "
                + created
                + ")");
    assertThat(expiry.renewal()).contains("delete and apply the resource again");
    // The same resource gives the same date however often, and whenever, it is looked at.
    assertThat(Expiry.of(resource(created, "72h", null))).contains(expiry);
  }

  @Test
  void deleteAfterDateIsAbsoluteAndAPermanentUserHasNoExpiry() throws AtlasUserFailure {
    Instant at = NOW.plus(Duration.ofDays(3));
    assertThat(Expiry.of(resource(NOW, null, at.toString()))).contains(Expiry.absolute(at));
    assertThat(Expiry.absolute(at).describe()).isEqualTo("spec.deleteAfterDate " + at);
    assertThat(Expiry.of(resource(NOW, null, null))).isEmpty();
  }

  @Test
  void aResourceTheApiServerNeverStoredCannotCountFromItsCreation() {
    assertThatThrownBy(() -> Expiry.of(resource(null, "1h", null)))
        .isInstanceOfSatisfying(
            AtlasUserFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.InvalidSpec))
        .hasMessageContaining("metadata.creationTimestamp");
  }

  static AtlasDatabaseUser resource(Instant created, String expiresAfter, String deleteAfterDate) {
    AtlasDatabaseUser resource = new AtlasDatabaseUser();
    resource.setMetadata(
        new ObjectMetaBuilder()
            .withName("app")
            .withNamespace("team")
            .withCreationTimestamp(created == null ? null : created.toString())
            .build());
    AtlasDatabaseUserSpec spec = new AtlasDatabaseUserSpec();
    spec.setExpiresAfter(expiresAfter);
    spec.setDeleteAfterDate(deleteAfterDate);
    resource.setSpec(spec);
    return resource;
  }
}
