package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.AtlasDatabaseUserSpec;
import io.atlasoperator.status.Reason;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a temporary user expires, and which field of the spec said so: spec.deleteAfterDate (an
 * absolute date) or spec.expiresAfter (a duration counted from the resource's creation, so that a
 * manifest kept in Git never goes stale). Both become the deleteAfterDate sent to Atlas.
 *
 * @param at the moment Atlas deletes the user
 * @param expiresAfter the duration as written, for spec.expiresAfter; null for spec.deleteAfterDate
 * @param from the resource's creation, for spec.expiresAfter; null for spec.deleteAfterDate
 * @param lease spec.lease: the user is renewed to this long ahead once less than half is left; null
 *     for the other two
 */
record Expiry(Instant at, String expiresAfter, Instant from, Duration lease) {

  Expiry(Instant at, String expiresAfter, Instant from) {
    this(at, expiresAfter, from, null);
  }

  /**
   * A lease's date for now: the date Atlas holds ({@code current}; null when there is no user)
   * while more than half the lease is left, else a new one a whole lease ahead (a renewal).
   */
  Expiry leasedAt(Instant current, Instant now) {
    Instant at =
        current != null && current.isAfter(now.plus(lease.dividedBy(2)))
            ? current
            : now.plus(lease).truncatedTo(ChronoUnit.SECONDS);
    return new Expiry(at, null, null, lease);
  }

  /** When a lease is renewed: once less than half of it is left. */
  Instant renewsAt() {
    return at.minus(lease.dividedBy(2));
  }

  /** spec.deleteAfterDate. */
  static Expiry absolute(Instant at) {
    return new Expiry(at, null, null);
  }

  boolean relative() {
    return expiresAfter != null;
  }

  /** The expiry as a message names it, e.g. in "... is in the past". */
  String describe() {
    if (lease != null) {
      return "the lease's end " + at + " (spec.lease " + lease + ")";
    }
    return relative()
        ? "the expiry "
            + at
            + " (spec.expiresAfter "
            + expiresAfter
            + " from the resource's creation at "
            + from
            + ")"
        : "spec.deleteAfterDate " + at;
  }

  /** For messages about a user: where it is temporary, when Atlas deletes it; else nothing. */
  static String until(Instant deleteAfterDate) {
    return deleteAfterDate == null
        ? ""
        : " (temporary: Atlas deletes it at "
            + deleteAfterDate.truncatedTo(ChronoUnit.SECONDS)
            + ")";
  }

  /** What the user can do to have a temporary user again once this one is past. */
  String renewal() {
    return lease != null
        ? "a lease is renewed while the resource exists"
        : relative()
            ? "spec.expiresAfter counts from the resource's creation, so delete and apply the resource"
                + " again for a new temporary user"
            : "set a later spec.deleteAfterDate to create it again";
  }

  /** The spec's expiry; empty for a permanent user. */
  static Optional<Expiry> of(AtlasDatabaseUser resource) throws AtlasUserFailure {
    AtlasDatabaseUserSpec spec = resource.getSpec();
    if (spec.getLease() != null) {
      // Settled against Atlas's date when the plan is made (leasedAt); until then the last date
      // the status saw, else a lease from the creation.
      Duration lease;
      try {
        lease = duration(spec.getLease());
      } catch (IllegalArgumentException e) {
        throw new AtlasUserFailure(Reason.InvalidSpec, "spec.lease: " + e.getMessage());
      }
      String seen =
          resource.getStatus() == null || resource.getStatus().getAtlas() == null
              ? null
              : resource.getStatus().getAtlas().getExpiresAt();
      String created = resource.getMetadata().getCreationTimestamp();
      Instant at =
          seen != null
              ? Instant.parse(seen)
              : (created == null ? Instant.EPOCH : Instant.parse(created)).plus(lease);
      return Optional.of(new Expiry(at, null, null, lease));
    }
    if (spec.getExpiresAfter() != null) {
      String created = resource.getMetadata().getCreationTimestamp();
      if (created == null) {
        throw new AtlasUserFailure(
            Reason.InvalidSpec,
            "spec.expiresAfter counts from the resource's creation, which the API server has not"
                + " recorded (metadata.creationTimestamp)");
      }
      Instant from = Instant.parse(created);
      try {
        return Optional.of(
            new Expiry(from.plus(duration(spec.getExpiresAfter())), spec.getExpiresAfter(), from));
      } catch (IllegalArgumentException e) {
        throw new AtlasUserFailure(Reason.InvalidSpec, e.getMessage());
      }
    }
    if (spec.getDeleteAfterDate() != null) {
      try {
        return Optional.of(absolute(date(spec.getDeleteAfterDate())));
      } catch (DateTimeParseException e) {
        throw new AtlasUserFailure(
            Reason.InvalidSpec, "spec.deleteAfterDate is not a date: " + spec.getDeleteAfterDate());
      }
    }
    return Optional.empty();
  }

  /** An offset, or none (UTC); seconds and fractions optional; or a date alone. */
  private static final DateTimeFormatter DATE =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .appendPattern("HH:mm")
          .optionalStart()
          .appendPattern(":ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalEnd()
          .toFormatter();

  /** spec.deleteAfterDate as an instant: no zone means UTC, a date alone midnight UTC. */
  static Instant date(String value) {
    TemporalAccessor parsed =
        DATE.parseBest(value, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
    if (parsed instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (parsed instanceof LocalDateTime local) {
      return local.toInstant(ZoneOffset.UTC);
    }
    return ((LocalDate) parsed).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** One term of a duration in the Kubernetes (Go) form: a decimal number and a unit. */
  private static final Pattern TERM = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(h|m|s)");

  /**
   * spec.expiresAfter as a duration, in the form Kubernetes and Go write durations, limited to
   * hours, minutes and seconds: 72h, 36h30m, 90m, 1.5h. Whole seconds: Atlas keeps no less.
   */
  static Duration duration(String value) {
    Matcher term = TERM.matcher(value);
    BigDecimal seconds = BigDecimal.ZERO;
    int end = 0;
    while (term.find() && term.start() == end) {
      long unit =
          switch (term.group(2)) {
            case "h" -> 3600;
            case "m" -> 60;
            default -> 1;
          };
      seconds = seconds.add(new BigDecimal(term.group(1)).multiply(BigDecimal.valueOf(unit)));
      end = term.end();
    }
    if (end == 0 || end != value.length()) {
      throw new IllegalArgumentException(
          "spec.expiresAfter is not a duration such as 72h or 36h30m: " + value);
    }
    return Duration.of(seconds.longValue(), ChronoUnit.SECONDS);
  }
}
