package io.atlasoperator.reconciler;

import io.atlasoperator.status.Reason;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

/**
 * The {@code atlas_operator_resources} gauge: how many resources have each reason, with the
 * condition it sets ({@code state}: Ready, Reconciling, Stalled or Held), so that an alert can
 * select the Stalled ones without listing reasons. The shipped alerts and dashboard read it.
 */
final class ResourceGauges {

  private ResourceGauges() {}

  /** One gauge per status reason, counting the entries of {@code reasons} (uid to reason). */
  static void register(Map<String, Reason> reasons, MeterRegistry metrics) {
    for (Reason reason : Reason.values()) {
      String state =
          switch (reason.kind()) {
            case READY -> "Ready";
            case PROGRESSING -> "Reconciling";
            case STALLED -> "Stalled";
            case HELD -> "Held";
            case NOTICE -> null;
          };
      if (state != null) {
        Gauge.builder(
                "atlas.operator.resources",
                reasons,
                m -> m.values().stream().filter(r -> r == reason).count())
            .description("AtlasDatabaseUser resources by the reason of their Ready condition")
            .tag("reason", reason.name())
            .tag("ready", reason.kind() == Reason.Kind.READY ? "True" : "False")
            .tag("state", state)
            .register(metrics);
      }
    }
  }
}
