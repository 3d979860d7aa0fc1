package io.atlasoperator.status;

import io.atlasoperator.crd.Annotations;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.AtlasDatabaseUserStatus;
import io.atlasoperator.crd.AtlasUserStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place that builds an AtlasDatabaseUser's status. Conditions have the metav1.Condition
 * shape; Ready summarises, Reconciling and Stalled follow kstatus; lastTransitionTime changes only
 * when a condition's status flips.
 */
public final class StatusBuilder {

  private final Clock clock;

  public StatusBuilder(Clock clock) {
    this.clock = clock;
  }

  /**
   * The status for {@code reason} with {@code message}, keeping what the previous status knew about
   * Atlas unless {@code atlas} says more.
   */
  public AtlasDatabaseUserStatus build(
      AtlasDatabaseUser resource,
      Reason reason,
      String message,
      AtlasUserStatus atlas,
      String appliedPasswordVersion,
      String observedInputs) {
    AtlasDatabaseUserStatus previous =
        resource.getStatus() == null ? new AtlasDatabaseUserStatus() : resource.getStatus();
    long generation = Optional.ofNullable(resource.getMetadata().getGeneration()).orElse(0L);
    AtlasDatabaseUserStatus status = new AtlasDatabaseUserStatus();
    status.setObservedGeneration(generation);
    status.setAtlas(atlas);
    status.setAppliedPasswordVersion(appliedPasswordVersion);
    status.setObservedInputs(observedInputs);
    if (resource.getSpec() != null) {
      status.setDeletionPolicy(Annotations.deletionPolicyText(resource));
    }
    String text = message == null ? reason.summary() : message;
    List<Condition> conditions = new ArrayList<>();
    boolean held = reason.kind() == Reason.Kind.HELD;
    for (ConditionType type : ConditionType.values()) {
      if (type == (held ? ConditionType.Ready : ConditionType.Held)) {
        continue;
      }
      conditions.add(
          condition(previous, type, reason.kind() == type.kind(), reason, text, generation));
    }
    status.setConditions(conditions);
    return status;
  }

  /**
   * True when the status records a failure that retrying cannot fix ({@link
   * Reason.Retry#ON_CHANGE}) on the same inputs (spec generation and Secret versions): such a
   * resource waits for a change instead of calling Atlas again.
   */
  public static boolean stalledOn(AtlasDatabaseUserStatus status, String observedInputs) {
    return status != null
        && observedInputs.equals(status.getObservedInputs())
        && condition(status, ConditionType.Stalled)
            .map(c -> "True".equals(c.getStatus()))
            .orElse(false)
        && readyReason(status)
            .flatMap(
                r ->
                    java.util.Arrays.stream(Reason.values())
                        .filter(v -> v.name().equals(r))
                        .findFirst())
            .map(r -> r.retry() == Reason.Retry.ON_CHANGE)
            .orElse(false);
  }

  /** True when the resource is Ready on its current generation and these observed inputs. */
  public static boolean readyOn(AtlasDatabaseUser resource, String observedInputs) {
    AtlasDatabaseUserStatus status = resource.getStatus();
    return status != null
        && observedInputs != null
        && observedInputs.equals(status.getObservedInputs())
        && java.util.Objects.equals(
            status.getObservedGeneration(), resource.getMetadata().getGeneration())
        && condition(status, ConditionType.Ready)
            .map(c -> "True".equals(c.getStatus()))
            .orElse(false);
  }

  /** status.atlas for a user as Atlas answered with it; null for none. */
  public static AtlasUserStatus atlasStatus(io.atlasoperator.domain.DatabaseUser user) {
    if (user == null) {
      return null;
    }
    return new AtlasUserStatus(
        user.projectId(),
        user.username(),
        user.databaseName(),
        user.deleteAfterDate() == null
            ? null
            : DateTimeFormatter.ISO_INSTANT.format(user.deleteAfterDate()));
  }

  /** The reason of a status's Ready condition (of its Held condition when held), if any. */
  public static Optional<String> readyReason(AtlasDatabaseUserStatus status) {
    return condition(status, ConditionType.Ready)
        .or(() -> condition(status, ConditionType.Held))
        .map(Condition::getReason);
  }

  public static Optional<Condition> condition(AtlasDatabaseUserStatus status, ConditionType type) {
    return status == null
        ? Optional.empty()
        : status.getConditions().stream().filter(c -> type.name().equals(c.getType())).findFirst();
  }

  private Condition condition(
      AtlasDatabaseUserStatus previous,
      ConditionType type,
      boolean isTrue,
      Reason reason,
      String message,
      long generation) {
    String value = isTrue ? "True" : "False";
    String transition =
        condition(previous, type)
            .filter(c -> value.equals(c.getStatus()) && c.getLastTransitionTime() != null)
            .map(Condition::getLastTransitionTime)
            .orElseGet(this::now);
    return new ConditionBuilder()
        .withType(type.name())
        .withStatus(value)
        .withReason(reason.name())
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(transition)
        .build();
  }

  private String now() {
    return DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
  }
}
