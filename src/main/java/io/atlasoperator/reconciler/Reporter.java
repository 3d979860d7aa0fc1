package io.atlasoperator.reconciler;

import io.atlasoperator.config.OperatorConfig;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.AtlasDatabaseUserStatus;
import io.atlasoperator.crd.AtlasUserStatus;
import io.atlasoperator.status.ConditionType;
import io.atlasoperator.status.Reason;
import io.atlasoperator.status.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns an {@link Outcome} into the resource's status, its Event, the log line,
 * the metrics, and what JOSDK does next, for reconciling and deleting alike. An Event is recorded
 * when Atlas was written to or the reason changed, never for a repeat; the status is written only
 * when it changed; what follows a reason is {@link Reason#retry()}'s.
 */
final class Reporter {

  private static final Logger LOG = LoggerFactory.getLogger(Reporter.class);

  private final StatusBuilder statuses;
  private final Events events;
  private final StatusWriter deletionStatus;
  private final Duration resync;
  private final IntFunction<Duration> backoff;

  /** Per resource UID, the unwatched Secret versions already warned about. */
  private final Map<String, String> warned = new ConcurrentHashMap<>();

  /** Per resource UID, its Ready reason now: the atlas_operator_resources gauge. */
  private final Map<String, Reason> reasons = new ConcurrentHashMap<>();

  /**
   * {@code backoff} is the delay of JOSDK's retry after failed attempt N (from 1), for the log;
   * {@code deletionStatus} writes the status of a resource being deleted, which JOSDK does not.
   */
  Reporter(
      StatusBuilder statuses,
      Events events,
      StatusWriter deletionStatus,
      Duration resync,
      IntFunction<Duration> backoff,
      MeterRegistry metrics) {
    this.statuses = statuses;
    this.events = events;
    this.deletionStatus = deletionStatus;
    this.resync = resync;
    this.backoff = backoff;
    ResourceGauges.register(reasons, metrics);
  }

  /**
   * A reconcile that ended without JOSDK's retry: Applied, Held, Unchanged, or a failure that waits
   * for a change, the resync or Atlas's Retry-After. {@code observed} is what it read (null when it
   * read nothing); {@code extras} the status fields the step knows (null: unchanged); {@code
   * attempt} the attempt's number, from 1.
   */
  UpdateControl<AtlasDatabaseUser> reconciled(
      AtlasDatabaseUser resource,
      Outcome outcome,
      String observed,
      UserLoop.Extras extras,
      int attempt) {
    if (outcome instanceof Outcome.Unchanged unchanged) {
      if (unchanged.failedCall() != null) {
        LOG.warn(
            "Atlas call failed for {} (project {}, attempt {}): {}; it stays Ready and is looked at"
                + " again in {} (the resync interval)",
            Ownership.ownerOf(resource),
            resource.getSpec().getProjectId(),
            attempt,
            unchanged.failedCall(),
            OperatorConfig.format(resync));
      } else {
        LOG.debug("{}: {}", Ownership.ownerOf(resource), unchanged.why());
      }
      return UpdateControl.<AtlasDatabaseUser>noUpdate().rescheduleAfter(resync);
    }
    UpdateControl<AtlasDatabaseUser> control =
        report(resource, outcome, observed, extras, attempt)
            ? UpdateControl.patchStatus(resource)
            : UpdateControl.noUpdate();
    Duration next = resync;
    if (outcome instanceof Outcome.Failed failed) {
      next = failed.after().orElse(resync);
    } else if (outcome instanceof Outcome.Applied applied && applied.recheck() != null) {
      next = applied.recheck().compareTo(resync) < 0 ? applied.recheck() : resync;
    }
    return control.rescheduleAfter(next);
  }

  /** A failure that JOSDK's retry takes from here: thrown from reconcile, handed back here. */
  ErrorStatusUpdateControl<AtlasDatabaseUser> retried(
      AtlasDatabaseUser resource, Outcome.Failed failed, String observed, int attempt) {
    return report(resource, failed, observed, null, attempt)
        ? ErrorStatusUpdateControl.patchStatus(resource)
        : ErrorStatusUpdateControl.noStatusUpdate();
  }

  /**
   * A deletion step: Released lets the resource go; Failed keeps the finalizer, says why in the
   * status (JOSDK writes no status during a deletion, so this does) and throws for JOSDK's retry
   * when that is what follows.
   */
  DeleteControl deleted(AtlasDatabaseUser resource, Outcome outcome, int attempt)
      throws RetriedWithBackoff {
    if (outcome instanceof Outcome.Released released) {
      if (released.reason() != null) {
        ReconcileLog.released(resource, released.reason(), released.message());
        events.record(resource, released.reason(), released.message());
      }
      warned.remove(resource.getMetadata().getUid());
      reasons.remove(resource.getMetadata().getUid());
      return DeleteControl.defaultDelete();
    }
    if (!(outcome instanceof Outcome.Failed failed)) {
      throw new IllegalStateException("a deletion ends Released or Failed, not " + outcome);
    }
    AtlasDatabaseUserStatus previous = resource.getStatus();
    String observed = previous == null ? null : previous.getObservedInputs();
    if (report(resource, failed, observed, null, attempt)) {
      deletionStatus.write(resource);
    }
    if (failed.backoff()) {
      throw new RetriedWithBackoff(failed, null);
    }
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(failed.after().orElse(resync));
  }

  /**
   * Builds the status for the outcome, records the Event it is worth, logs it, counts it, and says
   * whether the status changed.
   */
  private boolean report(
      AtlasDatabaseUser resource,
      Outcome outcome,
      String observed,
      UserLoop.Extras extras,
      int attempt) {
    AtlasDatabaseUserStatus previous = resource.getStatus();
    AtlasUserStatus atlas = previous == null ? null : previous.getAtlas();
    String applied = previous == null ? null : previous.getAppliedPasswordVersion();
    java.util.List<String> secrets = previous == null ? null : previous.getConnectionSecrets();
    Reason reason;
    String message;
    boolean wrote = false;
    if (outcome instanceof Outcome.Applied done) {
      reason = done.reason();
      message = done.message();
      wrote = done.wrote();
      // An expired user keeps its last-seen record: it did exist, until its date.
      atlas = reason == Reason.Expired ? atlas : StatusBuilder.atlasStatus(done.inAtlas());
      applied = done.appliedPasswordVersion();
      secrets = done.secrets() != null ? done.secrets() : secrets;
      Optional<Reason> ready = StatusBuilder.readyReason(previous).flatMap(Reporter::reason);
      if (reason == Reason.UpToDate
          && !wrote
          && previous != null
          && previous.getObservedInputs() != null
          && Objects.equals(
              previous.getObservedGeneration(), resource.getMetadata().getGeneration())
          && ready.filter(r -> r.kind() == Reason.Kind.READY).isPresent()) {
        // Ready before on the same spec and nothing written (a Secret's label changed, a rotated
        // password moved within its Secret): the last change's words stay (Created, ...).
        reason = ready.get();
        message = StatusBuilder.condition(previous, ConditionType.Ready).orElseThrow().getMessage();
      }
    } else if (outcome instanceof Outcome.Held held) {
      reason = held.reason();
      message = held.message();
      observed =
          observed != null ? observed : previous == null ? null : previous.getObservedInputs();
    } else if (outcome instanceof Outcome.Failed failed) {
      reason = failed.reason();
      message = failed.message();
      secrets = failed.secrets() != null ? failed.secrets() : secrets;
      if (failed.written() != null) {
        // Atlas was written to before the step that failed: the status says what it holds now.
        wrote = failed.written().wrote();
        atlas = StatusBuilder.atlasStatus(failed.written().inAtlas());
        applied = failed.written().appliedPasswordVersion();
      }
      if (reason == Reason.Conflict && Ownership.namesSpecUser(resource, atlas)) {
        // The Atlas user is another resource's: nothing about it is this one's.
        atlas = null;
        applied = null;
      }
      logFailedCall(resource, failed, attempt);
    } else {
      throw new IllegalStateException("no status for " + outcome);
    }
    String before = Serialization.asJson(previous);
    Optional<Reason> was = StatusBuilder.readyReason(previous).flatMap(Reporter::reason);
    resource.setStatus(statuses.build(resource, reason, message, atlas, applied, observed));
    resource.getStatus().setConnectionSecrets(secrets);
    AtlasDatabaseUserStatus last = previous == null ? new AtlasDatabaseUserStatus() : previous;
    // A user without a password (X.509, LDAP, AWS IAM, OIDC) has no status.password, whatever
    // the user it replaced had.
    resource
        .getStatus()
        .setPassword(
            extras != null && extras.password() != null
                ? extras.password()
                : PasswordSecrets.ref(resource) == null ? null : last.getPassword());
    resource.getStatus().setReplacing(extras != null ? extras.replacing() : last.getReplacing());
    // A new reason is news, except Ready after Ready (Created, then UpToDate): writes speak.
    boolean transition =
        was.isEmpty()
            || was.get() != reason
                && !(was.get().kind() == Reason.Kind.READY && reason.kind() == Reason.Kind.READY);
    reasons.put(resource.getMetadata().getUid(), reason);
    ReconcileLog.outcome(resource, reason, message, wrote || transition);
    if ((wrote || transition) && reason.recordsEvent()) {
      events.record(resource, reason, message == null ? reason.summary() : message);
    }
    return !Serialization.asJson(resource.getStatus()).equals(before);
  }

  /** One WARN line per failed Atlas call: which, the attempt, and what follows. */
  private void logFailedCall(AtlasDatabaseUser resource, Outcome.Failed failed, int attempt) {
    if (failed.failedCall() == null) {
      return;
    }
    String next;
    if (failed.after().isPresent()) {
      next = "retried in " + failed.after().get().toSeconds() + "s, as Atlas asked";
    } else {
      next =
          switch (failed.reason().retry()) {
            case BACKOFF ->
                "retried in " + OperatorConfig.format(backoff.apply(attempt)) + " (backoff)";
            case ON_CHANGE -> "not retried until the spec or a referenced Secret changes";
            case POLL -> "looked at again shortly";
            case AT_RESYNC, NONE ->
                "looked at again in " + OperatorConfig.format(resync) + " (the resync interval)";
          };
    }
    LOG.warn(
        "Atlas call failed for {} (project {}, attempt {}): {}; {}",
        Ownership.ownerOf(resource),
        resource.getSpec().getProjectId(),
        attempt,
        failed.failedCall(),
        next);
  }

  private static Optional<Reason> reason(String name) {
    return Arrays.stream(Reason.values()).filter(r -> r.name().equals(name)).findFirst();
  }

  /**
   * The Secrets were read: one Warning per resource and Secret version read directly (the operator
   * does not watch it), not one per resync.
   */
  void secretsRead(AtlasDatabaseUser resource, ReferencedSecrets.Inputs inputs) {
    String uid = resource.getMetadata().getUid();
    if (inputs.unwatched().isEmpty()) {
      warned.remove(uid);
      return;
    }
    String key = inputs.unwatched().toString();
    if (Objects.equals(warned.put(uid, key), key)) {
      return;
    }
    String names =
        String.join(
            ", ", inputs.unwatched().stream().map(ReferencedSecrets.Unwatched::name).toList());
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
}
