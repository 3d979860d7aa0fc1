package io.atlasoperator.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every setting of the operator: its environment variable, its flag (flags win), its default and
 * what it does. The one table that parsing, {@code --help} and docs/reference/configuration.md
 * follow.
 */
public enum Setting {
  WATCH_NAMESPACES(
      "ATLAS_OPERATOR_WATCH_NAMESPACES",
      "--watch-namespaces",
      "all namespaces",
      "comma-separated namespaces to watch"),
  DEFAULT_CREDENTIALS(
      "ATLAS_OPERATOR_DEFAULT_CREDENTIALS",
      "--default-credentials",
      "none",
      "NAMESPACE/NAME of a Secret with publicApiKey and privateApiKey (an API key) or clientId and"
          + " clientSecret (a Service Account), for resources without spec.credentialsSecretRef"),
  DEFAULT_CREDENTIALS_POLICY(
      "ATLAS_OPERATOR_DEFAULT_CREDENTIALS_POLICY",
      "--default-credentials-policy",
      "every namespace, project and role",
      "JSON rules: which namespaces may use the default credentials for which projects and roles"),
  ATLAS_URL("ATLAS_BASE_URL", "--atlas-url", "https://cloud.mongodb.com/", "the Atlas API"),
  ATLAS_API(
      "ATLAS_OPERATOR_ATLAS_API",
      "--atlas-api",
      "v2",
      "v2 (the versioned Admin API, 2023-01-01) or v1.0 (the legacy one) for the database users;"
          + " the project's clusters are read on v2 either way (v1.0 has no flex clusters)"),
  CA_BUNDLE(
      "ATLAS_OPERATOR_CA_BUNDLE",
      "--ca-bundle",
      "none",
      "PEM file of certificate authorities to trust for Atlas besides the JVM's"),
  ALLOW_INSECURE_HTTP(
      "ATLAS_OPERATOR_ALLOW_INSECURE_HTTP",
      "--allow-insecure-http",
      "false",
      "true accepts an http:// Atlas URL on a host other than loopback (passwords in clear)"),
  DRY_RUN(
      "ATLAS_OPERATOR_DRY_RUN",
      "--dry-run",
      "false",
      "true: plans are reported in each resource's status and an Event, nothing is written to"
          + " Atlas (per resource: annotation atlasoperator.io/dry-run: \"true\")"),
  ALLOW_ADOPTION(
      "ATLAS_OPERATOR_ALLOW_ADOPTION",
      "--allow-adoption",
      "true",
      "false forbids taking over existing Atlas users, even with spec.adoptExisting"),
  RESYNC_INTERVAL(
      "ATLAS_OPERATOR_RESYNC_INTERVAL",
      "--resync-interval",
      "5m",
      "how often each user is compared with Atlas (30s, 1m30s, 1h, PT10M)"),
  MAX_CONCURRENT_RECONCILES(
      "ATLAS_OPERATOR_MAX_CONCURRENT_RECONCILES",
      "--max-concurrent-reconciles",
      "10",
      "resources reconciled at once"),
  RATE_LIMIT(
      "ATLAS_OPERATOR_RATE_LIMIT",
      "--rate-limit",
      "100:100/1m",
      "calls to Atlas per project, CAPACITY:REFILL/PERIOD: a bucket of CAPACITY calls that gains"
          + " REFILL every PERIOD (Atlas publishes no figures; on v2 its RateLimit headers set it"
          + " at run time, up or down)"),
  RETRY_BASE(
      "ATLAS_OPERATOR_RETRY_BASE",
      "--retry-base",
      "1s",
      "first retry delay after Atlas did not answer or answered 5xx; doubles on each failure"),
  RETRY_MAX(
      "ATLAS_OPERATOR_RETRY_MAX",
      "--retry-max",
      "5m",
      "longest retry delay (Atlas's Retry-After is honoured as given)"),
  HTTP_PORT(
      "ATLAS_OPERATOR_HTTP_PORT",
      "--http-port",
      "8080",
      "port of /startupz, /livez, /readyz and /metrics (Prometheus) when run with java -jar"),
  LEADER_ELECTION(
      "ATLAS_OPERATOR_LEADER_ELECTION",
      "--leader-election",
      "false",
      "true: replicas elect a leader on the Lease atlas-operator; only the leader reconciles"),
  LEASE_NAMESPACE(
      "ATLAS_OPERATOR_LEASE_NAMESPACE",
      "--lease-namespace",
      "the pod's namespace (POD_NAMESPACE, or the service account's)",
      "namespace of the leader-election Lease"),
  LOG_FORMAT(
      "ATLAS_OPERATOR_LOG_FORMAT", "--log-format", "text", "text, or json: one JSON object a line");

  private final String environment;
  private final String flag;
  private final String defaultText;
  private final String description;

  Setting(String environment, String flag, String defaultText, String description) {
    this.environment = environment;
    this.flag = flag;
    this.defaultText = defaultText;
    this.description = description;
  }

  public String environment() {
    return environment;
  }

  public String flag() {
    return flag;
  }

  public String defaultText() {
    return defaultText;
  }

  public String description() {
    return description;
  }

  static Optional<Setting> byFlag(String flag) {
    return Arrays.stream(values()).filter(s -> s.flag.equals(flag)).findFirst();
  }

  /** What {@code --help} prints: usage, then each setting with its variable and default. */
  public static String help() {
    StringBuilder out =
        new StringBuilder(
            "Usage: java -jar atlas-operator.jar [--help] [--version] [FLAG VALUE]...\n"
                + "Runs atlas-operator against the current kubeconfig or the in-cluster service"
                + " account.\nEvery setting is an environment variable or a flag (flags win):\n\n");
    for (Setting s : values()) {
      out.append(String.format("  %-36s %s%n", s.flag + " VALUE", s.description));
      out.append(
          String.format("  %-36s env %s, default: %s%n%n", "", s.environment, s.defaultText));
    }
    return out.toString();
  }
}
