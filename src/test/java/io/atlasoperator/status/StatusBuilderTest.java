package io.atlasoperator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.AtlasDatabaseUserStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StatusBuilderTest {

  static AtlasDatabaseUser resource(long generation, AtlasDatabaseUserStatus status) {
    AtlasDatabaseUser resource = new AtlasDatabaseUser();
    resource.setMetadata(
        new ObjectMetaBuilder()
            .withName("u")
            .withNamespace("ns")
            .withGeneration(generation)
            .build());
    resource.setStatus(status);
    return resource;
  }

  static Map<String, Condition> byType(AtlasDatabaseUserStatus status) {
    return status.getConditions().stream().collect(Collectors.toMap(Condition::getType, c -> c));
  }

  @Test
  void readyReasonSetsTheThreeConditionsTheKstatusWay() {
    StatusBuilder builder =
        new StatusBuilder(Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));

    Map<String, Condition> conditions =
        byType(builder.build(resource(3, null), Reason.Created, null, null, null, null));

    assertThat(conditions.get("Ready").getStatus()).isEqualTo("True");
    assertThat(conditions.get("Ready").getReason()).isEqualTo("Created");
    assertThat(conditions.get("Ready").getMessage()).isEqualTo("created in Atlas");
    assertThat(conditions.get("Reconciling").getStatus()).isEqualTo("False");
    assertThat(conditions.get("Stalled").getStatus()).isEqualTo("False");
    assertThat(conditions.values())
        .allSatisfy(
            c -> {
              assertThat(c.getObservedGeneration()).isEqualTo(3L);
              assertThat(c.getLastTransitionTime()).isEqualTo("2026-11-23T10:00:00Z");
            });
  }

  @Test
  void lastTransitionTimeMovesOnlyWhenTheStatusFlips() {
    AtlasDatabaseUserStatus first =
        new StatusBuilder(Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC))
            .build(resource(1, null), Reason.Created, null, null, null, null);
    StatusBuilder later =
        new StatusBuilder(Clock.fixed(Instant.parse("2026-11-23T11:00:00Z"), ZoneOffset.UTC));

    Map<String, Condition> stillReady =
        byType(later.build(resource(2, first), Reason.Updated, null, null, null, null));
    Map<String, Condition> stalled =
        byType(later.build(resource(2, first), Reason.AtlasRejected, "no", null, null, null));

    assertThat(stillReady.get("Ready").getLastTransitionTime()).isEqualTo("2026-11-23T10:00:00Z");
    assertThat(stillReady.get("Ready").getReason()).isEqualTo("Updated");
    assertThat(stalled.get("Ready").getStatus()).isEqualTo("False");
    assertThat(stalled.get("Ready").getLastTransitionTime()).isEqualTo("2026-11-23T11:00:00Z");
    assertThat(stalled.get("Stalled").getLastTransitionTime()).isEqualTo("2026-11-23T11:00:00Z");
    assertThat(stalled.get("Reconciling").getLastTransitionTime())
        .isEqualTo("2026-11-23T10:00:00Z");
    assertThat(stalled.get("Ready").getMessage()).isEqualTo("no");
  }
}
