package io.atlasoperator.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The emulator's notion of now. It follows the system clock until a test sets or advances it, so
 * that temporary users expire and nonces go stale without waiting.
 */
public final class EmulatorClock extends Clock {

  private volatile Duration offset = Duration.ZERO;
  private volatile Instant fixed;

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the emulator runs in UTC");
  }

  @Override
  public Instant instant() {
    Instant base = fixed != null ? fixed : Instant.now();
    return base.plus(offset);
  }

  /** Moves time forward (or back, with a negative duration). */
  public void advance(Duration duration) {
    offset = offset.plus(duration);
  }

  /** Freezes time at {@code instant}. */
  public void set(Instant instant) {
    fixed = instant;
    offset = Duration.ZERO;
  }

  /** Back to the system clock. */
  public void reset() {
    fixed = null;
    offset = Duration.ZERO;
  }
}
