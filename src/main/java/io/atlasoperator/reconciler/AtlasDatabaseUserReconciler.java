package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.AtlasDatabaseUserStatus;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.List;

/**
 * Makes Atlas match each AtlasDatabaseUser. It only sequences: {@link UserLoop} (observe, validate,
 * plan, act) or {@link UserCleanup} ends each step in an {@link Outcome}, and {@link Reporter}
 * reports it and tells JOSDK what next. A failure JOSDK's retry takes from here is thrown to JOSDK:
 * from a reconcile JOSDK hands it back to {@link #updateErrorStatus}, which reports it; from a
 * deletion the reporter has reported it before it is thrown.
 */
@ControllerConfiguration(name = AtlasDatabaseUserReconciler.NAME)
public final class AtlasDatabaseUserReconciler
    implements Reconciler<AtlasDatabaseUser>, Cleaner<AtlasDatabaseUser> {

  public static final String NAME = "atlasdatabaseuser";

  private final SecretCache secretCache;
  private final UserLoop loop;
  private final UserCleanup deletion;
  private final Reporter reporter;
  private final Connections connections;
  private final KubeConnectionSecrets connectionSecrets;
  private final GeneratedPasswords generated;

  AtlasDatabaseUserReconciler(
      SecretCache secretCache,
      UserLoop loop,
      UserCleanup deletion,
      Reporter reporter,
      Connections connections,
      KubeConnectionSecrets connectionSecrets,
      GeneratedPasswords generated) {
    this.secretCache = secretCache;
    this.loop = loop;
    this.deletion = deletion;
    this.reporter = reporter;
    this.connections = connections;
    this.connectionSecrets = connectionSecrets;
    this.generated = generated;
  }

  @Override
  public List<EventSource<?, AtlasDatabaseUser>> prepareEventSources(
      EventSourceContext<AtlasDatabaseUser> context) {
    context.getPrimaryCache().addIndexer(Ownership.INDEX, Ownership::indexKey);
    List<EventSource<?, AtlasDatabaseUser>> sources =
        new java.util.ArrayList<>(secretCache.eventSources(context));
    sources.add(connectionSecrets.eventSource(context));
    SimpleInboundEventSource<AtlasDatabaseUser> applied = new SimpleInboundEventSource<>("applied");
    connections.wakeWith(applied::propagateEvent);
    sources.add(applied);
    return sources;
  }

  @Override
  public UpdateControl<AtlasDatabaseUser> reconcile(
      AtlasDatabaseUser resource, Context<AtlasDatabaseUser> context) throws RetriedWithBackoff {
    UserLoop.Step step = loop.reconcile(resource, Claims.of(context.getPrimaryCache()));
    if (step.outcome() instanceof Outcome.Failed failed && failed.backoff()) {
      throw new RetriedWithBackoff(failed, step.observed());
    }
    UpdateControl<AtlasDatabaseUser> control =
        reporter.reconciled(
            resource, step.outcome(), step.observed(), step.extras(), attempt(context));
    if (!control.isPatchStatus()) {
      return control;
    }
    writeStatus(resource, context);
    UpdateControl<AtlasDatabaseUser> next = UpdateControl.noUpdate();
    control.getScheduleDelay().ifPresent(next::rescheduleAfter);
    return next;
  }

  /**
   * Writes the status the reporter built with JOSDK's {@link PrimaryUpdateAndCacheUtils}, which
   * keeps the answer in JOSDK's cache: a reconcile soon after (Atlas applying a change is looked at
   * again within a second) sees this status, not an older one, and does not take a write it made
   * for one it must confirm.
   */
  private static void writeStatus(AtlasDatabaseUser resource, Context<AtlasDatabaseUser> context) {
    AtlasDatabaseUserStatus status = resource.getStatus();
    PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(
        resource,
        context,
        fresh -> {
          fresh.setStatus(status);
          return fresh;
        });
  }

  @Override
  public ErrorStatusUpdateControl<AtlasDatabaseUser> updateErrorStatus(
      AtlasDatabaseUser resource, Context<AtlasDatabaseUser> context, Exception e) {
    // JOSDK's metrics wrap a checked exception (OperatorException): look for ours inside.
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RetriedWithBackoff retried) {
        ErrorStatusUpdateControl<AtlasDatabaseUser> control =
            reporter.retried(resource, retried.failed(), retried.observed(), attempt(context));
        if (control.getResource().isPresent()) {
          writeStatus(resource, context);
        }
        return ErrorStatusUpdateControl.noStatusUpdate();
      }
    }
    ReconcileLog.unclassified(resource, e, attempt(context));
    return ErrorStatusUpdateControl.defaultErrorProcessing();
  }

  @Override
  public DeleteControl cleanup(AtlasDatabaseUser resource, Context<AtlasDatabaseUser> context)
      throws RetriedWithBackoff {
    try {
      Outcome outcome = deletion.cleanup(resource, Claims.of(context.getPrimaryCache()));
      if (outcome instanceof Outcome.Released) {
        outcome = generated.released(resource, connections.released(resource, outcome));
      }
      return reporter.deleted(resource, outcome, attempt(context));
    } catch (RuntimeException e) {
      ReconcileLog.unclassified(resource, e, attempt(context));
      throw e;
    }
  }

  /** This attempt's number, from 1. */
  private static int attempt(Context<AtlasDatabaseUser> context) {
    return context.getRetryInfo().map(r -> r.getAttemptCount() + 1).orElse(1);
  }
}
