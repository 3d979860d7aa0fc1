package io.atlasoperator.benchmark;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the API server served, from its own counter {@code apiserver_request_total} (GET /metrics
 * as the cluster admin): POST, PUT, PATCH, APPLY and DELETE requests by resource (with the
 * subresource, e.g. atlasdatabaseusers/status), whoever sent them and whether or not they changed
 * anything (a write that stores nothing new still costs the API server a request). Two readings
 * make a window: {@link #since}.
 */
final class KubeWrites {

  /** The resources the operator writes: its users' status, connection Secrets, Events. */
  static final Set<String> OPERATORS =
      Set.of(
          "atlasdatabaseusers",
          "atlasdatabaseusers/status",
          "atlasdatabaseusers/finalizers",
          "secrets",
          "events");

  private static final Pattern LINE =
      Pattern.compile("^apiserver_request_total\\{([^}]*)} (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "APPLY", "DELETE");

  private final KubernetesClient client;

  KubeWrites(KubernetesClient client) {
    this.client = client;
  }

  /** Writes served so far, by resource[/subresource]; empty when /metrics cannot be read. */
  Map<String, Long> read() {
    String metrics;
    try {
      metrics = client.raw("/metrics");
    } catch (RuntimeException e) {
      return Map.of();
    }
    Map<String, Long> writes = new TreeMap<>();
    if (metrics == null) {
      return writes;
    }
    for (String line : metrics.lines().toList()) {
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      Map<String, String> labels = new TreeMap<>();
      Matcher l = LABEL.matcher(m.group(1));
      while (l.find()) {
        labels.put(l.group(1), l.group(2));
      }
      if (!WRITES.contains(labels.get("verb"))) {
        continue;
      }
      String resource = labels.getOrDefault("resource", "");
      String sub = labels.getOrDefault("subresource", "");
      String key = sub.isEmpty() ? resource : resource + "/" + sub;
      writes.merge(key, (long) Double.parseDouble(m.group(2)), Long::sum);
    }
    return writes;
  }

  /** The writes between two readings, by resource; resources without any are left out. */
  static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> delta = new TreeMap<>();
    after.forEach(
        (resource, n) -> {
          long d = n - before.getOrDefault(resource, 0L);
          if (d != 0) {
            delta.put(resource, d);
          }
        });
    return delta;
  }

  /** The writes to the resources the operator writes ({@link #OPERATORS}). */
  static long operators(Map<String, Long> delta) {
    return delta.entrySet().stream()
        .filter(e -> OPERATORS.contains(e.getKey()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }
}
