package io.atlasoperator.config;

import io.atlasoperator.atlas.AtlasApi;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads {@link Setting}s from environment variables, then flags on top, into an OperatorConfig. */
final class SettingsParser {

  private SettingsParser() {}

  static OperatorConfig parse(Map<String, String> environment, String[] args) {
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
    OperatorConfig.Builder b = OperatorConfig.builder();
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
        .map(OperatorConfig.SecretName::parse)
        .ifPresent(b::defaultCredentials);
    Optional.ofNullable(settings.get(Setting.ATLAS_URL.environment())).ifPresent(b::atlasBaseUrl);
    Optional.ofNullable(settings.get(Setting.RESYNC_INTERVAL.environment()))
        .map(OperatorConfig::duration)
        .ifPresent(b::resyncInterval);
    Optional.ofNullable(settings.get(Setting.MAX_CONCURRENT_RECONCILES.environment()))
        .map(v -> number(Setting.MAX_CONCURRENT_RECONCILES, v))
        .ifPresent(b::maxConcurrentReconciles);
    Optional.ofNullable(settings.get(Setting.ATLAS_API.environment()))
        .map(AtlasApi::parse)
        .ifPresent(b::atlasApi);
    Optional.ofNullable(settings.get(Setting.RATE_LIMIT.environment()))
        .map(OperatorConfig::callBudget)
        .ifPresent(b::callBudget);
    OperatorConfig d = OperatorConfig.defaults();
    b.retry(
        Optional.ofNullable(settings.get(Setting.RETRY_BASE.environment()))
            .map(OperatorConfig::duration)
            .orElse(d.retryBase()),
        Optional.ofNullable(settings.get(Setting.RETRY_MAX.environment()))
            .map(OperatorConfig::duration)
            .orElse(d.retryMax()));
    Optional.ofNullable(settings.get(Setting.ALLOW_INSECURE_HTTP.environment()))
        .map(SettingsParser::bool)
        .ifPresent(b::allowInsecureHttp);
    Optional.ofNullable(settings.get(Setting.DRY_RUN.environment()))
        .map(SettingsParser::bool)
        .ifPresent(b::dryRun);
    Optional.ofNullable(settings.get(Setting.ALLOW_ADOPTION.environment()))
        .map(SettingsParser::bool)
        .ifPresent(b::allowAdoption);
    b.defaultCredentialsPolicy(
        CredentialsPolicy.parse(settings.get(Setting.DEFAULT_CREDENTIALS_POLICY.environment())));
    b.caBundle(settings.get(Setting.CA_BUNDLE.environment()));
    OperatorConfig.Workload w = d.workload();
    b.workload(
        new OperatorConfig.Workload(
            Optional.ofNullable(settings.get(Setting.HTTP_PORT.environment()))
                .map(v -> number(Setting.HTTP_PORT, v))
                .orElse(w.httpPort()),
            Optional.ofNullable(settings.get(Setting.LEADER_ELECTION.environment()))
                .map(SettingsParser::bool)
                .orElse(w.leaderElection()),
            Optional.ofNullable(settings.get(Setting.LEASE_NAMESPACE.environment()))
                .filter(v -> !v.isBlank()),
            Optional.ofNullable(settings.get(Setting.LOG_FORMAT.environment()))
                .map(v -> v.trim().toLowerCase(java.util.Locale.ROOT))
                .orElse(w.logFormat())));
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
}
