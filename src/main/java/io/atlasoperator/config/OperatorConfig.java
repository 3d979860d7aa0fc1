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
    AtlasUrl.check(atlasBaseUrl, allowInsecureHttp);
    caBundle = caBundle == null ? Optional.empty() : caBundle;
    caBundle.ifPresent(path -> TrustedCertificates.withBundle(java.nio.file.Path.of(path)));
  }

  public static OperatorConfig defaults() {
    return new OperatorConfig(
        Set.of(),
        Optional.empty(),
        AtlasClientConfig.ATLAS_URL,
        Duration.ofMinutes(5),
        10,
        4,
        Duration.ofSeconds(1),
        Duration.ofMinutes(5),
        false,
        true,
        CredentialsPolicy.allowAll(),
        Optional.empty());
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
    OperatorConfig d = defaults();
    return new OperatorConfig(
        Optional.ofNullable(settings.get("ATLAS_OPERATOR_WATCH_NAMESPACES"))
            .map(
                v ->
                    Arrays.stream(v.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .collect(Collectors.toSet()))
            .orElse(d.watchNamespaces()),
        Optional.ofNullable(settings.get("ATLAS_OPERATOR_DEFAULT_CREDENTIALS"))
            .filter(v -> !v.isBlank())
            .map(SecretName::parse),
        settings.getOrDefault("ATLAS_BASE_URL", d.atlasBaseUrl()),
        Optional.ofNullable(settings.get("ATLAS_OPERATOR_RESYNC_INTERVAL"))
            .map(OperatorConfig::duration)
            .orElse(d.resyncInterval()),
        Optional.ofNullable(settings.get("ATLAS_OPERATOR_MAX_CONCURRENT_RECONCILES"))
            .map(Integer::parseInt)
            .orElse(d.maxConcurrentReconciles()),
        Optional.ofNullable(settings.get("ATLAS_OPERATOR_MAX_CONCURRENT_ATLAS_CALLS"))
            .map(Integer::parseInt)
            .orElse(d.maxConcurrentAtlasCalls()),
        d.retryBase(),
        d.retryMax(),
        Optional.ofNullable(settings.get("ATLAS_OPERATOR_ALLOW_INSECURE_HTTP"))
            .map(OperatorConfig::bool)
            .orElse(false),
        Optional.ofNullable(settings.get("ATLAS_OPERATOR_ALLOW_ADOPTION"))
            .map(OperatorConfig::bool)
            .orElse(true),
        CredentialsPolicy.parse(settings.get("ATLAS_OPERATOR_DEFAULT_CREDENTIALS_POLICY")),
        Optional.ofNullable(settings.get("ATLAS_OPERATOR_CA_BUNDLE")).filter(v -> !v.isBlank()));
  }

  private static boolean bool(String value) {
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("not true or false: " + value);
    };
  }

  public OperatorConfig withCaBundle(String path) {
    return copy(b -> b.caBundle = Optional.ofNullable(path));
  }

  public OperatorConfig withAllowAdoption(boolean allowed) {
    return copy(b -> b.allowAdoption = allowed);
  }

  public OperatorConfig withDefaultCredentialsPolicy(CredentialsPolicy policy) {
    return copy(b -> b.defaultCredentialsPolicy = policy);
  }

  public OperatorConfig withAtlasBaseUrl(String url) {
    return copy(b -> b.atlasBaseUrl = url);
  }

  public OperatorConfig withDefaultCredentials(SecretName secret) {
    return copy(b -> b.defaultCredentials = Optional.ofNullable(secret));
  }

  public OperatorConfig withResyncInterval(Duration interval) {
    return copy(b -> b.resyncInterval = interval);
  }

  public OperatorConfig withWatchNamespaces(Set<String> namespaces) {
    return copy(b -> b.watchNamespaces = namespaces);
  }

  public OperatorConfig withConcurrency(int reconciles, int atlasCalls) {
    return copy(
        b -> {
          b.maxConcurrentReconciles = reconciles;
          b.maxConcurrentAtlasCalls = atlasCalls;
        });
  }

  public OperatorConfig withRetry(Duration base, Duration max) {
    return copy(
        b -> {
          b.retryBase = base;
          b.retryMax = max;
        });
  }

  /** These settings with some changed (every setting is checked again). */
  private OperatorConfig copy(java.util.function.Consumer<Copy> change) {
    Copy b = new Copy(this);
    change.accept(b);
    return new OperatorConfig(
        b.watchNamespaces,
        b.defaultCredentials,
        b.atlasBaseUrl,
        b.resyncInterval,
        b.maxConcurrentReconciles,
        b.maxConcurrentAtlasCalls,
        b.retryBase,
        b.retryMax,
        b.allowInsecureHttp,
        b.allowAdoption,
        b.defaultCredentialsPolicy,
        b.caBundle);
  }

  /** The settings as mutable fields, for {@link #copy}. */
  private static final class Copy {
    Set<String> watchNamespaces;
    Optional<SecretName> defaultCredentials;
    String atlasBaseUrl;
    Duration resyncInterval;
    int maxConcurrentReconciles;
    int maxConcurrentAtlasCalls;
    Duration retryBase;
    Duration retryMax;
    boolean allowInsecureHttp;
    boolean allowAdoption;
    CredentialsPolicy defaultCredentialsPolicy;
    Optional<String> caBundle;

    Copy(OperatorConfig c) {
      watchNamespaces = c.watchNamespaces;
      defaultCredentials = c.defaultCredentials;
      atlasBaseUrl = c.atlasBaseUrl;
      resyncInterval = c.resyncInterval;
      maxConcurrentReconciles = c.maxConcurrentReconciles;
      maxConcurrentAtlasCalls = c.maxConcurrentAtlasCalls;
      retryBase = c.retryBase;
      retryMax = c.retryMax;
      allowInsecureHttp = c.allowInsecureHttp;
      allowAdoption = c.allowAdoption;
      defaultCredentialsPolicy = c.defaultCredentialsPolicy;
      caBundle = c.caBundle;
    }
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
