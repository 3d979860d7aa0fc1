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
import java.util.function.BooleanSupplier;

/**
 * The operator's own HTTP port, for the kubelet and Prometheus: {@code /startupz} (the operator has
 * started: with leader election, also a replica that waits for the lease), {@code /livez} (the
 * process answers and has started), {@code /readyz} (started and every informer is watching:
 * JOSDK's runtime info), and {@code /metrics} in Prometheus's text format. Nothing it serves
 * carries a resource's spec, a Secret or a key.
 */
public final class HealthServer implements AutoCloseable {

  private final HttpServer server;

  private HealthServer(HttpServer server) {
    this.server = server;
  }

  /** Serves on {@code port} (0: any free port) of every interface, as a pod's probes need. */
  public static HealthServer start(int port, RuntimeInfo runtime, PrometheusMeterRegistry metrics)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 16);
    server.setExecutor(
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "health-server");
              t.setDaemon(true);
              return t;
            }));
    server.createContext("/startupz", probe(runtime::isStarted, "started", "starting"));
    server.createContext("/livez", probe(runtime::isStarted, "alive", "starting"));
    server.createContext(
        "/readyz",
        probe(
            () -> runtime.isStarted() && runtime.allEventSourcesAreHealthy(),
            "ready",
            "not ready: waiting for the informers"));
    server.createContext(
        "/metrics",
        exchange ->
            answer(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
    server.start();
    return new HealthServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static com.sun.net.httpserver.HttpHandler probe(
      BooleanSupplier check, String ok, String notOk) {
    return exchange -> {
      boolean healthy;
      try {
        healthy = check.getAsBoolean();
      } catch (RuntimeException e) {
        healthy = false;
      }
      answer(exchange, healthy ? 200 : 503, "text/plain; charset=utf-8", healthy ? ok : notOk);
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
