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
 * How the operator runs. Every setting comes from an environment variable or the matching flag
 * (flags win):
 *
 * <ul>
 *   <li>{@code ATLAS_OPERATOR_WATCH_NAMESPACES} / {@code --watch-namespaces}: comma-separated; all
 *       namespaces when empty
 *   <li>{@code ATLAS_OPERATOR_DEFAULT_CREDENTIALS} / {@code --default-credentials}: NAMESPACE/NAME
 *       of the Secret with publicApiKey and privateApiKey used by resources without
 *       credentialsSecretRef
 *   <li>{@code ATLAS_BASE_URL} / {@code --atlas-url}: https://cloud.mongodb.com/ by default
 *   <li>{@code ATLAS_OPERATOR_RESYNC_INTERVAL} / {@code --resync-interval}: how often each user is
 *       compared with Atlas (drift correction), e.g. 5m, 30s, PT10M; 5m by default
 *   <li>{@code ATLAS_OPERATOR_MAX_CONCURRENT_RECONCILES} / {@code --max-concurrent-reconciles}: 10
 *       by default
 *   <li>{@code ATLAS_OPERATOR_MAX_CONCURRENT_ATLAS_CALLS} / {@code --max-concurrent-atlas-calls}:
 *       HTTP calls to Atlas in flight at once; 4 by default
 *   <li>{@code ATLAS_OPERATOR_ALLOW_INSECURE_HTTP} / {@code --allow-insecure-http}: true to accept
 *       an http:// Atlas URL on a host other than loopback (passwords then travel in clear); false
 *       by default
 *   <li>{@code ATLAS_OPERATOR_ALLOW_ADOPTION} / {@code --allow-adoption}: false to forbid taking
 *       over existing Atlas users even for resources with spec.adoptExisting; true by default
 *   <li>{@code ATLAS_OPERATOR_DEFAULT_CREDENTIALS_POLICY} / {@code --default-credentials-policy}:
 *       JSON rules naming which namespaces may use the default credentials for which projects and
 *       roles (see {@link CredentialsPolicy}); every namespace, project and role when unset
 *   <li>{@code ATLAS_OPERATOR_CA_BUNDLE} / {@code --ca-bundle}: a PEM file of certificate
 *       authorities to trust for Atlas besides the JVM's (a proxy's or private endpoint's CA)
 * </ul>
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

  private static final Map<String, String> FLAGS =
      Map.of(
          "--watch-namespaces", "ATLAS_OPERATOR_WATCH_NAMESPACES",
          "--default-credentials", "ATLAS_OPERATOR_DEFAULT_CREDENTIALS",
          "--atlas-url", "ATLAS_BASE_URL",
          "--resync-interval", "ATLAS_OPERATOR_RESYNC_INTERVAL",
          "--max-concurrent-reconciles", "ATLAS_OPERATOR_MAX_CONCURRENT_RECONCILES",
          "--max-concurrent-atlas-calls", "ATLAS_OPERATOR_MAX_CONCURRENT_ATLAS_CALLS",
          "--allow-insecure-http", "ATLAS_OPERATOR_ALLOW_INSECURE_HTTP",
          "--allow-adoption", "ATLAS_OPERATOR_ALLOW_ADOPTION",
          "--default-credentials-policy", "ATLAS_OPERATOR_DEFAULT_CREDENTIALS_POLICY",
          "--ca-bundle", "ATLAS_OPERATOR_CA_BUNDLE");

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
    FLAGS
        .values()
        .forEach(
            name ->
                Optional.ofNullable(environment.get(name)).ifPresent(v -> settings.put(name, v)));
    for (int i = 0; i < args.length; i++) {
      String name = FLAGS.get(args[i]);
      if (name == null) {
        throw new IllegalArgumentException(
            "unknown option " + args[i] + "; options: " + FLAGS.keySet());
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      settings.put(name, args[++i]);
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

  /** 30s, 5m, 1h, or ISO-8601 (PT5M). */
  static Duration duration(String value) {
    String v = value.trim();
    try {
      if (v.startsWith("P") || v.startsWith("p")) {
        return Duration.parse(v);
      }
      long amount = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        default -> throw new IllegalArgumentException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a duration (use 30s, 5m, 1h or PT5M): " + value);
    }
  }
}
