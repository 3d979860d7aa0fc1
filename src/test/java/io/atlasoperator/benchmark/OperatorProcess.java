package io.atlasoperator.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built operator jar run as its own process, as a user runs it: {@code java FLAGS -jar
 * target/atlas-operator.jar} with a kubeconfig for the local API server and its settings as
 * environment variables; output to a log file.
 */
final class OperatorProcess implements AutoCloseable {

  static final Path JAR = Path.of("target", "atlas-operator.jar");

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final long startNanos;
  private final int httpPort;
  private final Path log;

  private OperatorProcess(Process process, long startNanos, int httpPort, Path log) {
    this.process = process;
    this.startNanos = startNanos;
    this.httpPort = httpPort;
    this.log = log;
  }

  /**
   * Starts the operator; {@code settings} are its ATLAS_* environment variables (none of the
   * caller's own ATLAS_* variables reach it).
   */
  static OperatorProcess start(
      List<String> jvmFlags, String kubeconfigYaml, Map<String, String> settings, Path log)
      throws IOException {
    Map<String, String> json = new java.util.HashMap<>(settings);
    // Timestamped lines, to line the operator's log up with the call CSV.
    json.put("ATLAS_OPERATOR_LOG_FORMAT", "json");
    return start(JAR, jvmFlags, kubeconfigYaml, json, log);
  }

  /** Starts the operator jar {@code jar} (another build, to compare) with these settings. */
  static OperatorProcess start(
      Path jar,
      List<String> jvmFlags,
      String kubeconfigYaml,
      Map<String, String> settings,
      Path log)
      throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: mvn -B -DskipTests package builds it");
    }
    Path kubeconfig = Files.createTempFile("benchmark-kubeconfig", ".yaml");
    kubeconfig.toFile().deleteOnExit();
    Files.writeString(kubeconfig, kubeconfigYaml);
    Files.createDirectories(log.toAbsolutePath().getParent());
    int port = io.atlasoperator.testing.LocalHttp.freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("ATLAS_"));
    builder.environment().putAll(settings);
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("ATLAS_OPERATOR_HTTP_PORT", Integer.toString(port));
    long start = System.nanoTime();
    return new OperatorProcess(builder.start(), start, port, log);
  }

  /** {@link System#nanoTime()} just before the process was started. */
  long startNanos() {
    return startNanos;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** Fails when the operator has exited, with its exit status and where its log is. */
  void checkAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "the operator exited with status " + process.exitValue() + "; see " + log);
    }
  }

  /** Waits until /readyz answers 200 (informers watching); returns seconds since the start. */
  double awaitReady(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      checkAlive();
      try {
        if (get("/readyz").statusCode() == 200) {
          return (System.nanoTime() - startNanos) / 1e9;
        }
      } catch (IOException notListeningYet) {
        // the JVM is still starting
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the operator was not ready after " + timeout);
      }
      Thread.sleep(20);
    }
  }

  /** Resident set size in bytes (VmRSS of /proc/PID/status). */
  long rssBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/" + pid() + "/status");
  }

  /**
   * Heap in use, from the operator's /metrics: Micrometer's {@code jvm_memory_used_bytes} summed
   * over the {@code area="heap"} pools.
   */
  long heapUsedBytes() throws IOException, InterruptedException {
    return heapBytes("jvm_memory_used_bytes");
  }

  /**
   * Heap the JVM has taken from the system ({@code jvm_memory_committed_bytes}, area="heap"): most
   * of the RSS, whatever of it is in use.
   */
  long heapCommittedBytes() throws IOException, InterruptedException {
    return heapBytes("jvm_memory_committed_bytes");
  }

  private long heapBytes(String metric) throws IOException, InterruptedException {
    String metrics = get("/metrics").body();
    double sum = 0;
    boolean found = false;
    for (String line : metrics.lines().toList()) {
      if (line.startsWith(metric + "{") && line.contains("area=\"heap\"")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        found = true;
      }
    }
    if (!found) {
      throw new IllegalStateException("no " + metric + "{area=\"heap\"} in /metrics");
    }
    return (long) sum;
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** SIGTERM, as Kubernetes stops a pod; killed when it has not exited after 30 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
