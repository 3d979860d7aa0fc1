package io.atlasoperator.reconciler;

import io.atlasoperator.config.OperatorConfig;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.AtlasDatabaseUserStatus;
import io.atlasoperator.crd.AtlasUserStatus;
import io.atlasoperator.status.Reason;
import io.atlasoperator.status.StatusBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns the outcome of a reconcile into the resource's status, decides its
 * Events and tells JOSDK what next. An Event is recorded when Atlas was written to or when the
 * Ready reason changed, never for a repeat; the status is patched only when it changed; failures
 * that retrying can fix are left to JOSDK's retry (or to Atlas's Retry-After), the rest wait.
 */
final class Reporter {

  private static final Logger LOG = LoggerFactory.getLogger(Reporter.class);

  private final StatusBuilder statuses;
  private final EventRecorder events;
  private final KubernetesClient kubernetes;
  private final Duration resync;
  private final java.util.function.IntFunction<Duration> backoff;

  /** Per resource UID, the unwatched Secret versions already warned about. */
  private final Map<String, String> warned = new ConcurrentHashMap<>();

  /** Per resource UID, its Ready reason now: the atlas_operator_resources gauge. */
  private final Map<String, Reason> reasons = new ConcurrentHashMap<>();

  Reporter(
      StatusBuilder statuses,
      EventRecorder events,
      KubernetesClient kubernetes,
      Duration resync,
      java.util.function.IntFunction<Duration> backoff,
      MeterRegistry metrics) {
    this.statuses = statuses;
    this.events = events;
    this.kubernetes = kubernetes;
    this.resync = resync;
    this.backoff = backoff;
    for (Reason reason : Reason.values()) {
      if (reason.kind() != Reason.Kind.NOTICE) {
        Gauge.builder(
                "atlas.operator.resources",
                reasons,
                m -> m.values().stream().filter(r -> r == reason).count())
            .description("AtlasDatabaseUser resources by the reason of their Ready condition")
            .tag("reason", reason.name())
            .tag("ready", reason.kind() == Reason.Kind.READY ? "True" : "False")
            .register(metrics);
      }
    }
  }

  /** True when the resource failed on these same inputs in a way only a change can fix. */
  boolean waitingForChange(AtlasDatabaseUser resource, String observedInputs) {
    return StatusBuilder.stalledOn(resource.getStatus(), observedInputs);
  }

  /**
   * Nothing to do until the inputs change; looked at again after the resync, when a Secret read
   * directly (not watched) may have changed.
   */
  UpdateControl<AtlasDatabaseUser> waiting() {
    return UpdateControl.<AtlasDatabaseUser>noUpdate().rescheduleAfter(resync);
  }

  /**
   * A resource the operator was asked not to act on (paused, or a dry run of a write): the status
   * says so and what it knew of Atlas stays; looked at again after the resync.
   */
  UpdateControl<AtlasDatabaseUser> held(
      AtlasDatabaseUser resource, Reason reason, String message, String observed) {
    AtlasDatabaseUserStatus previous = resource.getStatus();
    boolean changed =
        update(
            resource,
            reason,
            message,
            false,
            previous == null ? null : previous.getAtlas(),
            previous == null ? null : previous.getAppliedPasswordVersion(),
            observed != null ? observed : previous == null ? null : previous.getObservedInputs());
    UpdateControl<AtlasDatabaseUser> control =
        changed ? UpdateControl.patchStatus(resource) : UpdateControl.noUpdate();
    return control.rescheduleAfter(resync);
  }

  /** A reconcile that finished: status from Atlas's answer, the next look after the resync. */
  UpdateControl<AtlasDatabaseUser> succeeded(
      AtlasDatabaseUser resource, PlanExecutor.Result result, String observed) {
    boolean changed =
        update(
            resource,
            result.reason(),
            result.message(),
            result.wrote(),
            // An expired user keeps its last-seen record: it did exist, until its date.
            result.reason() == Reason.Expired
                ? resource.getStatus().getAtlas()
                : StatusBuilder.atlasStatus(result.inAtlas()),
            result.appliedPasswordVersion(),
            observed);
    UpdateControl<AtlasDatabaseUser> control =
        changed ? UpdateControl.patchStatus(resource) : UpdateControl.noUpdate();
    return result.reason() == Reason.Expired ? control : control.rescheduleAfter(resync);
  }

  /**
   * A reconcile that failed. Transient failures go back to JOSDK's retry, or wait for Atlas's
   * Retry-After when it gave one; the others are not retried, and looked at again after the resync
   * (whether Atlas is called then is up to {@link #waitingForChange}).
   */
  ErrorStatusUpdateControl<AtlasDatabaseUser> failed(
      AtlasDatabaseUser resource, AtlasUserFailure failure, Optional<RetryInfo> retry) {
    int attempt = retry.map(r -> r.getAttemptCount() + 1).orElse(1);
    failure
        .failedCall()
        .ifPresent(
            call ->
                LOG.warn(
                    "Atlas call failed for {} (project {}, attempt {}): {}; {}",
                    Ownership.ownerOf(resource),
                    resource.getSpec().getProjectId(),
                    attempt,
                    call,
                    !failure.isTransient()
                        ? "not retried until the spec or a referenced Secret changes"
                        : failure
                            .retryAfter()
                            .map(d -> "retried in " + d.toSeconds() + "s, as Atlas asked")
                            .orElse(
                                "retried in "
                                    + OperatorConfig.format(backoff.apply(attempt))
                                    + " (backoff)")));
    if (failure.reason() == Reason.RateLimited
        && failure.whileReading()
        && StatusBuilder.readyOn(resource, failure.observedInputs())) {
      // Only the periodic re-read was held back by the call budget: nothing changed since Atlas
      // last confirmed the user, so the resource stays Ready (as between resyncs) and looks again
      // at its next resync, instead of flipping to not Ready and back, and instead of joining
      // every other resource of the project in a rush at the refill, ahead of real work.
      return ErrorStatusUpdateControl.<AtlasDatabaseUser>noStatusUpdate()
          .withNoRetry()
          .rescheduleAfter(resync);
    }
    // A conflict means the Atlas user is another resource's: nothing about it is this one's.
    AtlasDatabaseUserStatus previous =
        failure.reason() == Reason.Conflict ? null : resource.getStatus();
    boolean changed =
        update(
            resource,
            failure.reason(),
            failure.getMessage(),
            false,
            previous == null ? null : previous.getAtlas(),
            previous == null ? null : previous.getAppliedPasswordVersion(),
            failure.observedInputs());
    ErrorStatusUpdateControl<AtlasDatabaseUser> control =
        changed
            ? ErrorStatusUpdateControl.patchStatus(resource)
            : ErrorStatusUpdateControl.noStatusUpdate();
    if (!failure.isTransient()) {
      return control.withNoRetry().rescheduleAfter(resync);
    }
    return failure.retryAfter().map(d -> control.withNoRetry().rescheduleAfter(d)).orElse(control);
  }

  /**
   * Deleting failed: the status says so (Deleting, or DeletionBlocked) while the finalizer stays.
   * JOSDK patches no status for a resource being deleted, so this patches it.
   */
  void deletionFailed(AtlasDatabaseUser resource, Reason reason, String message) {
    AtlasDatabaseUserStatus previous = resource.getStatus();
    if (update(
        resource,
        reason,
        message,
        false,
        previous == null ? null : previous.getAtlas(),
        previous == null ? null : previous.getAppliedPasswordVersion(),
        previous == null ? null : previous.getObservedInputs())) {
      patchStatus(resource);
    }
  }

  /** The resource is going away: one last Event (none when reason is null), nothing kept. */
  void finished(AtlasDatabaseUser resource, Reason reason, String message) {
    if (reason != null) {
      events.record(resource, reason, message);
    }
    warned.remove(resource.getMetadata().getUid());
    reasons.remove(resource.getMetadata().getUid());
  }

  /**
   * Builds the status, records the Event the outcome is worth, and says whether the status changed.
   */
  private boolean update(
      AtlasDatabaseUser resource,
      Reason reason,
      String message,
      boolean wrote,
      AtlasUserStatus atlas,
      String appliedPasswordVersion,
      String observed) {
    String before = Serialization.asJson(resource.getStatus());
    Optional<Reason> previous =
        StatusBuilder.readyReason(resource.getStatus()).flatMap(Reporter::reason);
    resource.setStatus(
        statuses.build(resource, reason, message, atlas, appliedPasswordVersion, observed));
    // A new reason is news, except Ready after Ready (Created, then UpToDate): writes speak.
    boolean transition =
        previous.isEmpty()
            || previous.get() != reason
                && !(previous.get().kind() == Reason.Kind.READY
                    && reason.kind() == Reason.Kind.READY);
    reasons.put(resource.getMetadata().getUid(), reason);
    ReconcileLog.outcome(resource, reason, message, wrote || transition);
    if (wrote || transition) {
      events.record(resource, reason, message == null ? reason.summary() : message);
    }
    return !Serialization.asJson(resource.getStatus()).equals(before);
  }

  private static Optional<Reason> reason(String name) {
    return java.util.Arrays.stream(Reason.values()).filter(r -> r.name().equals(name)).findFirst();
  }

  /**
   * The Secrets were read: one Warning per resource and Secret version read directly (the operator
   * does not watch it), not one per resync.
   */
  void secretsRead(AtlasDatabaseUser resource, ReferencedSecrets.Inputs inputs) {
    String key = String.join(",", inputs.unwatched());
    String uid = resource.getMetadata().getUid();
    if (inputs.unwatched().isEmpty()) {
      warned.remove(uid);
      return;
    }
    if (Objects.equals(warned.put(uid, key), key)) {
      return;
    }
    String names =
        String.join(
            ", ", inputs.unwatched().stream().map(n -> n.substring(0, n.indexOf('@'))).toList());
    String message =
        "Secret "
            + names
            + " is read directly because it lacks the label "
            + SecretCache.LABEL
            + "="
            + SecretCache.LABEL_VALUE
            + ", so a change to it is applied only at the next resync (every "
            + OperatorConfig.format(resync)
            + "); label it to apply changes at once";
    LOG.warn("{}: {}", Ownership.ownerOf(resource), message);
    events.record(resource, Reason.SecretNotLabelled, message);
  }

  private void patchStatus(AtlasDatabaseUser resource) {
    AtlasDatabaseUser patch = new AtlasDatabaseUser();
    patch.setMetadata(
        new ObjectMetaBuilder()
            .withName(resource.getMetadata().getName())
            .withNamespace(resource.getMetadata().getNamespace())
            .build());
    patch.setStatus(resource.getStatus());
    try {
      kubernetes.resource(patch).patchStatus();
    } catch (KubernetesClientException e) {
      LOG.warn(
          "could not write the deletion status of {}: {}",
          Ownership.ownerOf(resource),
          e.getMessage());
    }
  }
}
