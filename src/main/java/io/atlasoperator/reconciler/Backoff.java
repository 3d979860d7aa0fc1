package io.atlasoperator.reconciler;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exponential backoff per resource for transient Atlas failures: base, 2 x base, 4 x base, ... up
 * to max; Atlas's Retry-After wins when it asks for longer. Reset by a success.
 */
final class Backoff {

  private final Duration base;
  private final Duration max;
  private final Map<ResourceID, Integer> failures = new ConcurrentHashMap<>();

  Backoff(Duration base, Duration max) {
    this.base = base;
    this.max = max;
  }

  Duration next(ResourceID resource, Optional<Duration> retryAfter) {
    int attempt = failures.merge(resource, 1, Integer::sum);
    Duration delay = base.multipliedBy(1L << Math.min(attempt - 1, 20));
    if (delay.compareTo(max) > 0) {
      delay = max;
    }
    return retryAfter.filter(r -> r.compareTo(Duration.ZERO) > 0).orElse(delay);
  }

  /** How many failures in a row the resource has had. */
  int failures(ResourceID resource) {
    return failures.getOrDefault(resource, 0);
  }

  void reset(ResourceID resource) {
    failures.remove(resource);
  }
}
