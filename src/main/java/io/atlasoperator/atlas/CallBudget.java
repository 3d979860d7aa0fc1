package io.atlasoperator.atlas;

import java.time.Duration;

/**
 * How many calls the operator allows itself per Atlas project: a token bucket of {@code capacity}
 * calls that gains {@code refill} calls every {@code period}, the shape of Atlas's own rate limits
 * (capacity, refillRate, refillDurationSeconds on Atlas's "Atlas Administration API Rate Limits"
 * page, which limits the v2 API this way). Atlas publishes no figures for the databaseUsers
 * endpoints; the default, 100 calls a minute per project, is this operator's own conservative
 * choice: raise it to what your organisation's limits allow (Atlas lists them at GET
 * /api/atlas/v2/rateLimits). The client lowers what is left when Atlas's RateLimit-Limit and
 * RateLimit-Remaining headers say less is.
 */
public record CallBudget(int capacity, int refill, Duration period) {

  public static final CallBudget DEFAULT = new CallBudget(100, 100, Duration.ofMinutes(1));

  public CallBudget {
    if (capacity < 1 || refill < 1 || refill > capacity) {
      throw new IllegalArgumentException(
          "a call budget needs a capacity of at least 1 and a refill from 1 to the capacity, got "
              + capacity
              + ":"
              + refill);
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("a call budget's refill period must be positive");
    }
  }

  @Override
  public String toString() {
    return capacity + ":" + refill + "/" + period.toSeconds() + "s";
  }
}
