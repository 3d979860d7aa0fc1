package io.atlasoperator.benchmark;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A per-project token bucket, {@code CAPACITY:REFILL/PERIOD} (e.g. {@code 100:100/60s}): it starts
 * full with CAPACITY tokens and gains REFILL tokens at the end of every PERIOD, never more than
 * CAPACITY. The same text configures the emulator's limit and the operator's own.
 *
 * @param text as given, passed on to the operator unchanged
 */
record Bucket(int capacity, int refill, Duration period, String text) {

  private static final Pattern FORMAT = Pattern.compile("(\\d+):(\\d+)/(\\S+)");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

  static Bucket parse(String text) {
    Matcher m = FORMAT.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("bucket is CAPACITY:REFILL/PERIOD, e.g. 100:100/60s");
    }
    Bucket bucket =
        new Bucket(
            Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), duration(m.group(3)), text);
    if (bucket.capacity < 1 || bucket.refill < 1 || bucket.period.isZero()) {
      throw new IllegalArgumentException("bucket capacity, refill and period must be positive");
    }
    return bucket;
  }

  /** 500ms, 60s, 1m30s, 1h, or ISO-8601 (PT1M). */
  static Duration duration(String text) {
    if (text.toUpperCase(Locale.ROOT).startsWith("PT")) {
      return Duration.parse(text);
    }
    Matcher m = PART.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
              });
      end = m.end();
    }
    if (end == 0 || end != text.length()) {
      throw new IllegalArgumentException("not a duration: " + text + " (e.g. 500ms, 10s, 1m30s)");
    }
    return total;
  }

  /**
   * The least time {@code calls} calls to one project can take through a full bucket: none when
   * they fit in it, else one PERIOD per REFILL tokens still missing, {@code ceil((n - C) / R) * T}.
   */
  Duration floor(long calls) {
    if (calls <= capacity) {
      return Duration.ZERO;
    }
    long periods = (calls - capacity + refill - 1) / refill;
    return period.multipliedBy(periods);
  }
}
