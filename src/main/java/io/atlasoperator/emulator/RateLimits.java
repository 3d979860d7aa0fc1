package io.atlasoperator.emulator;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The token buckets of the v2 API, one per project and {@link EndpointSet}, made full on their
 * first request. Only the v2 API is limited: the "API Rate Limit" page says Atlas limits requests
 * "sent to the v2 API endpoints". Atlas publishes no numbers for these sets, so a set is unlimited
 * until a limit is configured for it.
 */
final class RateLimits {

  private final Map<EndpointSet, TokenBucket.Limit> limits = new EnumMap<>(EndpointSet.class);
  private final Map<String, TokenBucket> buckets = new HashMap<>();

  /** Limits a set from now on (its buckets start again full); null lifts the limit. */
  synchronized void limit(EndpointSet set, TokenBucket.Limit limit) {
    if (limit == null) {
      limits.remove(set);
    } else {
      limits.put(set, limit);
    }
    buckets.keySet().removeIf(key -> key.startsWith(set.name() + "/"));
  }

  /** Takes a token for a request to a set in a project; null when the set is not limited. */
  synchronized TokenBucket.Take take(EndpointSet set, String scope, Instant now) {
    TokenBucket.Limit limit = limits.get(set);
    if (limit == null) {
      return null;
    }
    return buckets
        .computeIfAbsent(set.name() + "/" + scope, key -> new TokenBucket(limit, now))
        .take(now);
  }

  /** Forgets every bucket: each starts full again on its next request. */
  synchronized void refillAll() {
    buckets.clear();
  }
}
