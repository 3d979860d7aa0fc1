package io.atlasoperator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atlasoperator.atlas.AtlasApi;
import io.atlasoperator.atlas.CallBudget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {

  @Test
  void defaultsWatchEverythingAndTalkToAtlas() {
    OperatorConfig config = OperatorConfig.from(Map.of(), new String[0]);

    assertThat(config.watchNamespaces()).isEmpty();
    assertThat(config.defaultCredentials()).isEmpty();
    assertThat(config.atlasBaseUrl()).isEqualTo("https://cloud.mongodb.com/");
    assertThat(config.atlasApi()).isEqualTo(AtlasApi.V2);
    assertThat(config.dryRun()).isFalse();
    assertThat(config.callBudget()).isEqualTo(new CallBudget(100, 100, Duration.ofMinutes(1)));
    assertThat(config.resyncInterval()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void environmentIsReadAndFlagsWin() {
    OperatorConfig config =
        OperatorConfig.from(
            Map.of(
                "ATLAS_OPERATOR_WATCH_NAMESPACES", "team-a, team-b",
                "ATLAS_OPERATOR_DEFAULT_CREDENTIALS", "atlas-operator/atlas-credentials",
                "ATLAS_BASE_URL", "http://127.0.0.1:8090/",
                "ATLAS_OPERATOR_RESYNC_INTERVAL", "30s",
                "ATLAS_OPERATOR_MAX_CONCURRENT_RECONCILES", "3",
                "ATLAS_OPERATOR_RETRY_MAX", "1m",
                "ATLAS_OPERATOR_ATLAS_API", "v1.0",
                "ATLAS_OPERATOR_RATE_LIMIT", "10:1/1s"),
            new String[] {
              "--resync-interval",
              "PT2M",
              "--rate-limit",
              "20:5/10s",
              "--retry-base",
              "2s",
              "--dry-run",
              "true"
            });

    assertThat(config.watchNamespaces()).isEqualTo(Set.of("team-a", "team-b"));
    assertThat(config.defaultCredentials())
        .isEqualTo(
            Optional.of(new OperatorConfig.SecretName("atlas-operator", "atlas-credentials")));
    assertThat(config.atlasBaseUrl()).isEqualTo("http://127.0.0.1:8090/");
    assertThat(config.resyncInterval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.maxConcurrentReconciles()).isEqualTo(3);
    assertThat(config.atlasApi()).isEqualTo(AtlasApi.V1_0);
    assertThat(config.dryRun()).isTrue();
    assertThat(config.callBudget()).isEqualTo(new CallBudget(20, 5, Duration.ofSeconds(10)));
    assertThat(config.retryBase()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.retryMax()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void badSettingsAreRejectedWithTheReason() {
    assertThatThrownBy(
            () ->
                OperatorConfig.from(
                    Map.of("ATLAS_OPERATOR_DEFAULT_CREDENTIALS", "no-namespace"), new String[0]))
        .hasMessageContaining("NAMESPACE/NAME");
    assertThatThrownBy(
            () -> OperatorConfig.from(Map.of(), new String[] {"--resync-interval", "soon"}))
        .hasMessageContaining("not a duration");
    assertThatThrownBy(() -> OperatorConfig.from(Map.of(), new String[] {"--verbose"}))
        .hasMessageContaining("unknown option --verbose; see --help");
    assertThatThrownBy(
            () -> OperatorConfig.from(Map.of(), new String[] {"--max-concurrent-reconciles", "0"}))
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> OperatorConfig.from(Map.of(), new String[] {"--atlas-api", "v3"}))
        .hasMessageContaining("v2 or v1.0");
    assertThatThrownBy(() -> OperatorConfig.from(Map.of(), new String[] {"--rate-limit", "100"}))
        .hasMessageContaining("CAPACITY:REFILL/PERIOD");
    assertThatThrownBy(
            () -> OperatorConfig.from(Map.of(), new String[] {"--rate-limit", "10:20/1m"}))
        .hasMessageContaining("refill from 1 to the capacity");
  }

  @Test
  void cleartextAtlasUrlIsRefusedUnlessLoopbackOrAllowedExplicitly() {
    assertThatThrownBy(
            () ->
                OperatorConfig.from(
                    Map.of("ATLAS_BASE_URL", "http://atlas-proxy.internal:8080/"), new String[0]))
        .hasMessageContaining("refusing to send database user passwords in clear text")
        .hasMessageContaining("ATLAS_OPERATOR_ALLOW_INSECURE_HTTP=true");
    assertThatThrownBy(() -> OperatorConfig.builder().atlasBaseUrl("http://10.1.2.3/").build())
        .hasMessageContaining("clear text");
    assertThatThrownBy(() -> OperatorConfig.builder().atlasBaseUrl("ftp://atlas/").build())
        .hasMessageContaining("must start with https://");

    for (String loopback :
        new String[] {"http://localhost:8090/", "http://127.0.0.1:8090/", "http://[::1]:8090/"}) {
      assertThat(OperatorConfig.builder().atlasBaseUrl(loopback).build().atlasBaseUrl())
          .isEqualTo(loopback);
    }
    OperatorConfig allowed =
        OperatorConfig.from(
            Map.of("ATLAS_BASE_URL", "http://atlas-proxy.internal:8080/"),
            new String[] {"--allow-insecure-http", "true"});
    assertThat(allowed.allowInsecureHttp()).isTrue();
    assertThat(
            OperatorConfig.builder().atlasBaseUrl("https://atlas.example/").build().atlasBaseUrl())
        .isEqualTo("https://atlas.example/");
  }

  @Test
  void durationsReadAsUsersWriteThem() {
    assertThat(OperatorConfig.duration("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(OperatorConfig.duration("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(OperatorConfig.duration("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(OperatorConfig.duration("PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThat(
            List.of(
                OperatorConfig.format(Duration.ofSeconds(90)),
                OperatorConfig.format(Duration.ofMinutes(5)),
                OperatorConfig.format(Duration.ofHours(1))))
        .containsExactly("1m30s", "5m", "1h");
    assertThatThrownBy(() -> OperatorConfig.duration("5 minutes")).hasMessageContaining("1m30s");
  }

  @Test
  void helpListsEverySettingWithItsVariableAndDefault() {
    String help = Setting.help();
    for (Setting setting : Setting.values()) {
      assertThat(help).contains(setting.flag(), setting.environment());
    }
    assertThat(help).contains("default: 5m", "default: https://cloud.mongodb.com/");
  }
}
