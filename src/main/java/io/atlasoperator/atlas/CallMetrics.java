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
 * outcome (answered, no_answer) and HTTP status; {@code atlas_operator_atlas_permit_wait_seconds},
 * the time a call waited for the bound on concurrent calls; and {@code
 * atlas_operator_atlas_retry_after_seconds}, the waits Atlas asked for (429, 503). Paths are never
 * tags: project ids and usernames would make a series each.
 */
final class CallMetrics {

  private final MeterRegistry registry;
  private final Timer permitWait;
  private final DistributionSummary retryAfter;

  CallMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.permitWait =
        Timer.builder("atlas.operator.atlas.permit.wait")
            .description("Time a call to Atlas waited for the bound on concurrent calls")
            .register(registry);
    this.retryAfter =
        DistributionSummary.builder("atlas.operator.atlas.retry.after")
            .baseUnit("seconds")
            .description("Waits Atlas asked for with Retry-After (429, 503)")
            .register(registry);
  }

  void waited(long nanos) {
    permitWait.record(nanos, TimeUnit.NANOSECONDS);
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

  /** list / get / create / update / delete, from the method and the path's shape. */
  static String operation(Request request) {
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
