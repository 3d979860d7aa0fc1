package io.atlasoperator.atlas;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Metrics of the calls to Atlas, for Prometheus: {@code atlas_operator_atlas_calls_total} and
 * {@code atlas_operator_atlas_call_seconds} by operation (list, get, create, update, delete),
 * outcome (answered, no_answer) and HTTP status (429s are Atlas's rate limit); {@code
 * atlas_operator_atlas_budget_wait_seconds}, the short waits of calls for their project's call
 * budget; {@code atlas_operator_atlas_deferred_total}, the calls not sent because the budget was
 * spent (retried when it refills); and {@code atlas_operator_atlas_retry_after_seconds}, the waits
 * Atlas asked for (429, 503). Paths are never tags: project ids and usernames would make a series
 * each.
 */
final class CallMetrics {

  private final MeterRegistry registry;
  private final Timer budgetWait;
  private final Counter deferred;
  private final DistributionSummary retryAfter;

  CallMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.budgetWait =
        Timer.builder("atlas.operator.atlas.budget.wait")
            .description("Time a call to Atlas waited for its project's call budget")
            .register(registry);
    this.deferred =
        Counter.builder("atlas.operator.atlas.deferred")
            .description("Calls to Atlas not sent because their project's call budget was spent")
            .register(registry);
    this.retryAfter =
        DistributionSummary.builder("atlas.operator.atlas.retry.after")
            .baseUnit("seconds")
            .description("Waits Atlas asked for with Retry-After (429, 503)")
            .register(registry);
  }

  void budgetWait(long nanos) {
    budgetWait.record(nanos, TimeUnit.NANOSECONDS);
  }

  void deferred() {
    deferred.increment();
  }

  void called(Request request, Response response, long nanos) {
    String operation = operation(request);
    String status = response == null ? "none" : Integer.toString(response.code());
    String outcome = response == null ? "no_answer" : "answered";
    Counter.builder("atlas.operator.atlas.calls")
        .description("Calls to the Atlas Admin API")
        .tag("operation", operation)
        .tag("outcome", outcome)
        .tag("status", status)
        .register(registry)
        .increment();
    Timer.builder("atlas.operator.atlas.call")
        .description("Duration of calls to the Atlas Admin API, Digest challenge included")
        .tag("operation", operation)
        .tag("outcome", outcome)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
    if (response != null) {
      String header = response.header("Retry-After");
      if (header != null && header.trim().matches("[0-9]+")) {
        retryAfter.record(Long.parseLong(header.trim()));
      }
    }
  }

  /** list / get / create / update / delete (or token), from the method and the path's shape. */
  static String operation(Request request) {
    if (request.url().encodedPath().endsWith("/oauth/token")) {
      return "token";
    }
    boolean oneUser = !request.url().encodedPath().replaceAll("/+$", "").endsWith("/databaseUsers");
    switch (request.method()) {
      case "GET":
        return oneUser ? "get" : "list";
      case "POST":
        return "create";
      case "PATCH":
        return "update";
      case "DELETE":
        return "delete";
      default:
        return request.method().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
