package io.atlasoperator.config;

import io.atlasoperator.atlas.AtlasApi;
import io.atlasoperator.atlas.AtlasClientConfig;
import io.atlasoperator.atlas.CallBudget;
import io.atlasoperator.atlas.TrustedCertificates;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the operator runs: the settings of {@link Setting}, from environment variables and flags
 * (flags win), checked when made.
 */
public record OperatorConfig(
    Set<String> watchNamespaces,
    Optional<SecretName> defaultCredentials,
    String atlasBaseUrl,
    AtlasApi atlasApi,
    CallBudget callBudget,
    Duration resyncInterval,
    int maxConcurrentReconciles,
    Duration retryBase,
    Duration retryMax,
    boolean allowInsecureHttp,
    boolean allowAdoption,
    boolean dryRun,
    CredentialsPolicy defaultCredentialsPolicy,
    Optional<String> caBundle,
    Workload workload) {

  /**
   * How the process runs as a workload: the port of its probes and metrics, leader election (on a
   * Lease named {@value #LEASE_NAME} in {@code leaseNamespace}, or the pod's namespace), the log
   * format.
   */
  public record Workload(
      int httpPort, boolean leaderElection, Optional<String> leaseNamespace, String logFormat) {

    public Workload {
      if (httpPort < 0 || httpPort > 65535) {
        throw new IllegalArgumentException("the HTTP port must be 0 to 65535: " + httpPort);
      }
      leaseNamespace = leaseNamespace == null ? Optional.empty() : leaseNamespace;
      if (!logFormat.equals("text") && !logFormat.equals("json")) {
        throw new IllegalArgumentException("the log format must be text or json: " + logFormat);
      }
    }
  }

  /** The Lease replicas compete for when leader election is on. */
  public static final String LEASE_NAME = "atlas-operator";

  /** A Secret by namespace and name. */
  public record SecretName(String namespace, String name) {
    static SecretName parse(String value) {
      String[] parts = value.split("/");
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        throw new IllegalArgumentException(
            "default credentials must be NAMESPACE/NAME, got: " + value);
      }
      return new SecretName(parts[0], parts[1]);
    }

    @Override
    public String toString() {
      return namespace + "/" + name;
    }
  }

  public OperatorConfig {
    watchNamespaces = Set.copyOf(watchNamespaces);
    if (maxConcurrentReconciles < 1) {
      throw new IllegalArgumentException("concurrency limits must be at least 1");
    }
    if (resyncInterval.isNegative() || resyncInterval.isZero()) {
      throw new IllegalArgumentException("the resync interval must be positive");
    }
    if (retryBase.isNegative() || retryBase.isZero() || retryMax.compareTo(retryBase) < 0) {
      throw new IllegalArgumentException(
          "the retry base must be positive and the retry maximum at least the base");
    }
    AtlasUrl.check(atlasBaseUrl, allowInsecureHttp);
    caBundle = caBundle == null ? Optional.empty() : caBundle;
    caBundle.ifPresent(path -> TrustedCertificates.withBundle(java.nio.file.Path.of(path)));
  }

  public static OperatorConfig defaults() {
    return builder().build();
  }

  /** Reads the environment, then the flags on top (see {@link SettingsParser}). */
  public static OperatorConfig from(Map<String, String> environment, String[] args) {
    return SettingsParser.parse(environment, args);
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.watchNamespaces = watchNamespaces;
    b.defaultCredentials = defaultCredentials;
    b.atlasBaseUrl = atlasBaseUrl;
    b.resyncInterval = resyncInterval;
    b.maxConcurrentReconciles = maxConcurrentReconciles;
    b.atlasApi = atlasApi;
    b.callBudget = callBudget;
    b.retryBase = retryBase;
    b.retryMax = retryMax;
    b.allowInsecureHttp = allowInsecureHttp;
    b.allowAdoption = allowAdoption;
    b.dryRun = dryRun;
    b.defaultCredentialsPolicy = defaultCredentialsPolicy;
    b.caBundle = caBundle;
    b.workload = workload;
    return b;
  }

  /** Settings one by one; {@link #build()} checks them all. Unset ones keep their defaults. */
  public static final class Builder {
    private Set<String> watchNamespaces = Set.of();
    private Optional<SecretName> defaultCredentials = Optional.empty();
    private String atlasBaseUrl = AtlasClientConfig.ATLAS_URL;
    private Duration resyncInterval = Duration.ofMinutes(5);
    private int maxConcurrentReconciles = 10;
    private AtlasApi atlasApi = AtlasApi.V2;
    private CallBudget callBudget = CallBudget.DEFAULT;
    private Duration retryBase = Duration.ofSeconds(1);
    private Duration retryMax = Duration.ofMinutes(5);
    private boolean allowInsecureHttp;
    private boolean allowAdoption = true;
    private boolean dryRun;
    private CredentialsPolicy defaultCredentialsPolicy = CredentialsPolicy.allowAll();
    private Optional<String> caBundle = Optional.empty();
    private Workload workload = new Workload(8080, false, Optional.empty(), "text");

    private Builder() {}

    public Builder watchNamespaces(Set<String> namespaces) {
      this.watchNamespaces = namespaces;
      return this;
    }

    public Builder defaultCredentials(SecretName secret) {
      this.defaultCredentials = Optional.ofNullable(secret);
      return this;
    }

    public Builder atlasBaseUrl(String url) {
      this.atlasBaseUrl = url;
      return this;
    }

    public Builder resyncInterval(Duration interval) {
      this.resyncInterval = interval;
      return this;
    }

    public Builder maxConcurrentReconciles(int reconciles) {
      this.maxConcurrentReconciles = reconciles;
      return this;
    }

    /** v2 (the default) or v1.0. */
    public Builder atlasApi(AtlasApi api) {
      this.atlasApi = api;
      return this;
    }

    /** The calls to Atlas the operator allows itself per project. */
    public Builder callBudget(CallBudget budget) {
      this.callBudget = budget;
      return this;
    }

    /** The first retry's delay, doubled on each failure up to {@code max}. */
    public Builder retry(Duration base, Duration max) {
      this.retryBase = base;
      this.retryMax = max;
      return this;
    }

    public Builder allowInsecureHttp(boolean allowed) {
      this.allowInsecureHttp = allowed;
      return this;
    }

    public Builder allowAdoption(boolean allowed) {
      this.allowAdoption = allowed;
      return this;
    }

    /** True: nothing is written to Atlas; plans are reported instead. */
    public Builder dryRun(boolean value) {
      this.dryRun = value;
      return this;
    }

    public Builder defaultCredentialsPolicy(CredentialsPolicy policy) {
      this.defaultCredentialsPolicy = policy;
      return this;
    }

    /** A PEM file of CA certificates to trust for Atlas; null for none. */
    public Builder caBundle(String path) {
      this.caBundle = Optional.ofNullable(path).filter(p -> !p.isBlank());
      return this;
    }

    /** Probes and metrics port, leader election, log format. */
    public Builder workload(Workload workload) {
      this.workload = workload;
      return this;
    }

    public OperatorConfig build() {
      return new OperatorConfig(
          watchNamespaces,
          defaultCredentials,
          atlasBaseUrl,
          atlasApi,
          callBudget,
          resyncInterval,
          maxConcurrentReconciles,
          retryBase,
          retryMax,
          allowInsecureHttp,
          allowAdoption,
          dryRun,
          defaultCredentialsPolicy,
          caBundle,
          workload);
    }
  }

  /** A duration as people write it: 90s as 1m30s, 5m, 1h. */
  public static String format(Duration duration) {
    String iso = duration.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    String text = iso.substring(2).toLowerCase(java.util.Locale.ROOT);
    return text.isEmpty() ? "0s" : text;
  }

  /** CAPACITY:REFILL/PERIOD, e.g. 100:100/1m: see {@link CallBudget}. */
  static CallBudget callBudget(String value) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\s*([0-9]{1,9}):([0-9]{1,9})/(\\S+)\\s*").matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "the rate limit must be CAPACITY:REFILL/PERIOD, e.g. 100:100/1m, got: " + value);
    }
    return new CallBudget(
        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), duration(m.group(3)));
  }

  /** 30s, 5m, 1h, 1m30s, or ISO-8601 (PT5M). */
  static Duration duration(String value) {
    String v = value.trim();
    try {
      if (v.matches("([0-9]+[hms])+")) {
        return Duration.parse("PT" + v.toUpperCase(java.util.Locale.ROOT));
      }
      return Duration.parse(v);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "not a duration (use 30s, 5m, 1m30s, 1h or PT5M): " + value);
    }
  }
}
