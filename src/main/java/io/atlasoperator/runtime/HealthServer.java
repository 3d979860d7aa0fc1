package io.atlasoperator.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The operator's own HTTP port, for the kubelet and Prometheus: {@code /startupz} (the operator has
 * started: with leader election, also a replica that waits for the lease), {@code /livez} (the
 * process answers and has started), {@code /readyz} (started and every informer is watching:
 * JOSDK's runtime info), and {@code /metrics} in Prometheus's text format. Nothing it serves
 * carries a resource's spec, a Secret or a key.
 */
public final class HealthServer implements AutoCloseable {

  private final HttpServer server;
  private volatile RuntimeInfo runtime;
  private volatile PrometheusMeterRegistry metrics;

  private HealthServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Takes {@code port} (0: any free port) of every interface, as a pod's probes need, before the
   * operator touches any resource: a port that is taken fails here, with nothing changed. Until
   * {@link #serve} the probes answer 503 "starting".
   */
  public static HealthServer bind(int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 16);
    server.setExecutor(
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "health-server");
              t.setDaemon(true);
              return t;
            }));
    HealthServer health = new HealthServer(server);
    server.createContext("/startupz", health.probe(RuntimeInfo::isStarted, "started", "starting"));
    server.createContext("/livez", health.probe(RuntimeInfo::isStarted, "alive", "starting"));
    server.createContext(
        "/readyz",
        health.probe(
            r -> r.isStarted() && r.allEventSourcesAreHealthy(),
            "ready",
            "not ready: waiting for the informers"));
    server.createContext(
        "/metrics",
        exchange -> {
          PrometheusMeterRegistry registry = health.metrics;
          if (registry == null) {
            answer(exchange, 503, "text/plain; charset=utf-8", "starting");
          } else {
            answer(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
          }
        });
    server.start();
    return health;
  }

  /** Answers from the started operator's runtime and metrics from now on. */
  public void serve(RuntimeInfo runtime, PrometheusMeterRegistry metrics) {
    this.metrics = metrics;
    this.runtime = runtime;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private com.sun.net.httpserver.HttpHandler probe(
      java.util.function.Predicate<RuntimeInfo> check, String ok, String notOk) {
    return exchange -> {
      RuntimeInfo info = runtime;
      boolean healthy;
      try {
        healthy = info != null && check.test(info);
      } catch (RuntimeException e) {
        healthy = false;
      }
      answer(
          exchange,
          healthy ? 200 : 503,
          "text/plain; charset=utf-8",
          healthy ? ok : info == null ? "starting" : notOk);
    };
  }

  private static void answer(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
