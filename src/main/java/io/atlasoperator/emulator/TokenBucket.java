package io.atlasoperator.emulator;

import java.time.Duration;
import java.time.Instant;

/**
 * One token bucket as Atlas's "API Rate Limit" page describes it
 * (https://www.mongodb.com/docs/atlas/api/api-rate-limit): it starts full at {@code capacity}, each
 * request takes a token, and every {@code refillPeriod} it gains {@code refillRate} tokens, up to
 * the capacity. The refill is discrete, counted from the bucket's creation: the page's own example
 * ("Please retry after 55 seconds. Request capacity: 10. Refill rate: 5 per 60 seconds.") has a
 * client wait for the next whole refill, which a continuous refill (one token every 12 s) would not
 * ask of it. Not thread-safe: {@link RateLimits} locks it.
 */
final class TokenBucket {

  /** A bucket's settings. */
  record Limit(int capacity, int refillRate, Duration refillPeriod) {
    Limit {
      if (capacity < 1 || refillRate < 1 || refillPeriod.toMillis() < 1000) {
        throw new IllegalArgumentException(
            "a rate limit needs capacity >= 1, refill rate >= 1 and a refill period >= 1s");
      }
    }
  }

  /** What one request got: whether it may go on, the tokens left, and when to retry if not. */
  record Take(boolean allowed, int remaining, long retryAfterSeconds, Limit limit) {}

  private final Limit limit;
  private int tokens;
  private Instant lastRefill;

  TokenBucket(Limit limit, Instant created) {
    this.limit = limit;
    this.tokens = limit.capacity();
    this.lastRefill = created;
  }

  Take take(Instant now) {
    long periodMillis = limit.refillPeriod().toMillis();
    long elapsed = Duration.between(lastRefill, now).toMillis();
    if (elapsed >= periodMillis) {
      long refills = elapsed / periodMillis;
      tokens = (int) Math.min(limit.capacity(), tokens + refills * limit.refillRate());
      lastRefill = lastRefill.plusMillis(refills * periodMillis);
    }
    if (tokens > 0) {
      tokens--;
      return new Take(true, tokens, 0, limit);
    }
    long untilRefill = periodMillis - Duration.between(lastRefill, now).toMillis();
    return new Take(false, 0, Math.max(1, (untilRefill + 999) / 1000), limit);
  }
}
