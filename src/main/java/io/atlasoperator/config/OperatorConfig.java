package io.atlasoperator.config;

import io.atlasoperator.atlas.AtlasClientConfig;
import io.atlasoperator.atlas.TrustedCertificates;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the operator runs: the settings of {@link Setting}, from environment variables and flags
 * (flags win), checked when made.
 */
public record OperatorConfig(
    Set<String> watchNamespaces,
    Optional<SecretName> defaultCredentials,
    String atlasBaseUrl,
    Duration resyncInterval,
    int maxConcurrentReconciles,
    int maxConcurrentAtlasCalls,
    Duration retryBase,
    Duration retryMax,
    boolean allowInsecureHttp,
    boolean allowAdoption,
    CredentialsPolicy defaultCredentialsPolicy,
    Optional<String> caBundle) {

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
    if (maxConcurrentReconciles < 1 || maxConcurrentAtlasCalls < 1) {
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

  /** Reads the environment, then the flags on top. */
  public static OperatorConfig from(Map<String, String> environment, String[] args) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (Setting setting : Setting.values()) {
      Optional.ofNullable(environment.get(setting.environment()))
          .ifPresent(v -> settings.put(setting.environment(), v));
    }
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      Setting setting =
          Setting.byFlag(flag)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown option " + flag + "; see --help for the settings"));
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      settings.put(setting.environment(), args[++i]);
    }
    Builder b = builder();
    Optional.ofNullable(settings.get(Setting.WATCH_NAMESPACES.environment()))
        .map(
            v ->
                Arrays.stream(v.split(","))
                    .map(String::trim)
                    .filter(n -> !n.isEmpty())
                    .collect(Collectors.toSet()))
        .ifPresent(b::watchNamespaces);
    Optional.ofNullable(settings.get(Setting.DEFAULT_CREDENTIALS.environment()))
        .filter(v -> !v.isBlank())
        .map(SecretName::parse)
        .ifPresent(b::defaultCredentials);
    Optional.ofNullable(settings.get(Setting.ATLAS_URL.environment())).ifPresent(b::atlasBaseUrl);
    Optional.ofNullable(settings.get(Setting.RESYNC_INTERVAL.environment()))
        .map(OperatorConfig::duration)
        .ifPresent(b::resyncInterval);
    Optional.ofNullable(settings.get(Setting.MAX_CONCURRENT_RECONCILES.environment()))
        .map(v -> number(Setting.MAX_CONCURRENT_RECONCILES, v))
        .ifPresent(b::maxConcurrentReconciles);
    Optional.ofNullable(settings.get(Setting.MAX_CONCURRENT_ATLAS_CALLS.environment()))
        .map(v -> number(Setting.MAX_CONCURRENT_ATLAS_CALLS, v))
        .ifPresent(b::maxConcurrentAtlasCalls);
    OperatorConfig d = defaults();
    b.retry(
        Optional.ofNullable(settings.get(Setting.RETRY_BASE.environment()))
            .map(OperatorConfig::duration)
            .orElse(d.retryBase()),
        Optional.ofNullable(settings.get(Setting.RETRY_MAX.environment()))
            .map(OperatorConfig::duration)
            .orElse(d.retryMax()));
    Optional.ofNullable(settings.get(Setting.ALLOW_INSECURE_HTTP.environment()))
        .map(OperatorConfig::bool)
        .ifPresent(b::allowInsecureHttp);
    Optional.ofNullable(settings.get(Setting.ALLOW_ADOPTION.environment()))
        .map(OperatorConfig::bool)
        .ifPresent(b::allowAdoption);
    b.defaultCredentialsPolicy(
        CredentialsPolicy.parse(settings.get(Setting.DEFAULT_CREDENTIALS_POLICY.environment())));
    b.caBundle(settings.get(Setting.CA_BUNDLE.environment()));
    return b.build();
  }

  private static int number(Setting setting, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(setting.environment() + " is not a number: " + value);
    }
  }

  private static boolean bool(String value) {
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("not true or false: " + value);
    };
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
    b.maxConcurrentAtlasCalls = maxConcurrentAtlasCalls;
    b.retryBase = retryBase;
    b.retryMax = retryMax;
    b.allowInsecureHttp = allowInsecureHttp;
    b.allowAdoption = allowAdoption;
    b.defaultCredentialsPolicy = defaultCredentialsPolicy;
    b.caBundle = caBundle;
    return b;
  }

  /** Settings one by one; {@link #build()} checks them all. Unset ones keep their defaults. */
  public static final class Builder {
    private Set<String> watchNamespaces = Set.of();
    private Optional<SecretName> defaultCredentials = Optional.empty();
    private String atlasBaseUrl = AtlasClientConfig.ATLAS_URL;
    private Duration resyncInterval = Duration.ofMinutes(5);
    private int maxConcurrentReconciles = 10;
    private int maxConcurrentAtlasCalls = 4;
    private Duration retryBase = Duration.ofSeconds(1);
    private Duration retryMax = Duration.ofMinutes(5);
    private boolean allowInsecureHttp;
    private boolean allowAdoption = true;
    private CredentialsPolicy defaultCredentialsPolicy = CredentialsPolicy.allowAll();
    private Optional<String> caBundle = Optional.empty();

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

    public Builder maxConcurrentAtlasCalls(int calls) {
      this.maxConcurrentAtlasCalls = calls;
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

    public Builder defaultCredentialsPolicy(CredentialsPolicy policy) {
      this.defaultCredentialsPolicy = policy;
      return this;
    }

    /** A PEM file of CA certificates to trust for Atlas; null for none. */
    public Builder caBundle(String path) {
      this.caBundle = Optional.ofNullable(path).filter(p -> !p.isBlank());
      return this;
    }

    public OperatorConfig build() {
      return new OperatorConfig(
          watchNamespaces,
          defaultCredentials,
          atlasBaseUrl,
          resyncInterval,
          maxConcurrentReconciles,
          maxConcurrentAtlasCalls,
          retryBase,
          retryMax,
          allowInsecureHttp,
          allowAdoption,
          defaultCredentialsPolicy,
          caBundle);
    }
  }

  /** A duration as people write it: 90s as 1m30s, 5m, 1h. */
  public static String format(Duration duration) {
    String iso = duration.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    String text = iso.substring(2).toLowerCase(java.util.Locale.ROOT);
    return text.isEmpty() ? "0s" : text;
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
