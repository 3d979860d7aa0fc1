package io.atlasoperator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesTest {

  @Test
  void eachLogLineBecomesOneJsonObjectWithItsParts() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Clock clock = Clock.fixed(Instant.parse("2026-11-24T20:00:00Z"), ZoneOffset.UTC);
    try (PrintStream log =
        new PrintStream(
            new JsonLines(new PrintStream(out, true, StandardCharsets.UTF_8), clock),
            true,
            StandardCharsets.UTF_8)) {
      log.println(
          "[ReconcilerExecutor-1] WARN io.atlasoperator.reconciler.Reporter - shop/app Ready=False"
              + " AtlasUnavailable: \"quoted\" \\ back\tslash");
      log.println("\tat io.atlasoperator.Foo.bar(Foo.java:1)");
      log.println("[main] INFO Default ConfigurationService implementation - Created - a config");
      log.println("[InformerWrapper [adbu/v1alpha1] 14] WARN io.fabric8.Informer - watch closed");
    }
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(4);
    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(lines.get(0));
    assertThat(first.get("time").asText()).isEqualTo("2026-11-24T20:00:00Z");
    assertThat(first.get("level").asText()).isEqualTo("WARN");
    assertThat(first.get("logger").asText()).isEqualTo("io.atlasoperator.reconciler.Reporter");
    assertThat(first.get("thread").asText()).isEqualTo("ReconcilerExecutor-1");
    assertThat(first.get("message").asText())
        .isEqualTo("shop/app Ready=False AtlasUnavailable: \"quoted\" \\ back\tslash");
    assertThat(json.readTree(lines.get(1)).get("message").asText())
        .isEqualTo("\tat io.atlasoperator.Foo.bar(Foo.java:1)");
    JsonNode third = json.readTree(lines.get(2));
    assertThat(third.get("logger").asText())
        .isEqualTo("Default ConfigurationService implementation");
    assertThat(third.get("message").asText()).isEqualTo("Created - a config");
    JsonNode fourth = json.readTree(lines.get(3));
    assertThat(fourth.get("thread").asText()).isEqualTo("InformerWrapper [adbu/v1alpha1] 14");
    assertThat(fourth.get("level").asText()).isEqualTo("WARN");
  }
}
