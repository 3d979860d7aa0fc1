package io.atlasoperator.reconciler;

import io.atlasoperator.crd.Annotations;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.domain.AtlasFailure;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.status.Reason;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;
import java.util.Optional;

/**
 * Makes Atlas match each AtlasDatabaseUser. It only sequences the steps (observe, validate, plan,
 * act, report); its collaborators, passed in by {@link Controllers}, do the work. A failure is
 * thrown to JOSDK, which hands it to {@link #updateErrorStatus} and retries what can be retried.
 */
@ControllerConfiguration(name = AtlasDatabaseUserReconciler.NAME)
public final class AtlasDatabaseUserReconciler
    implements Reconciler<AtlasDatabaseUser>, Cleaner<AtlasDatabaseUser> {

  public static final String NAME = "atlasdatabaseuser";

  private final SecretCache secretCache;
  private final ReferencedSecrets secrets;
  private final ProjectUserCache atlasUsers;
  private final PlanExecutor executor;
  private final Reporter reporter;
  private final UserCleanup deletion;
  private final DryRun dryRun;

  AtlasDatabaseUserReconciler(
      SecretCache secretCache,
      ReferencedSecrets secrets,
      ProjectUserCache atlasUsers,
      PlanExecutor executor,
      Reporter reporter,
      UserCleanup deletion,
      DryRun dryRun) {
    this.secretCache = secretCache;
    this.secrets = secrets;
    this.atlasUsers = atlasUsers;
    this.executor = executor;
    this.reporter = reporter;
    this.deletion = deletion;
    this.dryRun = dryRun;
  }

  @Override
  public List<EventSource<?, AtlasDatabaseUser>> prepareEventSources(
      EventSourceContext<AtlasDatabaseUser> context) {
    context.getPrimaryCache().addIndexer(Ownership.INDEX, Ownership::indexKey);
    return secretCache.eventSources(context);
  }

  @Override
  public UpdateControl<AtlasDatabaseUser> reconcile(
      AtlasDatabaseUser resource, Context<AtlasDatabaseUser> context) throws AtlasUserFailure {
    Ownership.checkClaim(resource, context.getPrimaryCache());
    Optional<String> pausedBy = Annotations.pausedBy(resource);
    if (pausedBy.isPresent()) {
      return reporter.held(
          resource,
          Reason.Paused,
          "Paused by the annotation "
              + pausedBy.get()
              + ": no Atlas call is made until it is removed",
          null);
    }
    ReferencedSecrets.Inputs inputs = secrets.read(resource);
    reporter.secretsRead(resource, inputs);
    String observed = inputs.observed(resource.getMetadata().getGeneration());
    if (reporter.waitingForChange(resource, observed)) {
      return reporter.waiting();
    }
    try {
      UserPlan.Request request = DesiredUsers.request(resource, inputs.passwordVersion());
      Optional<DatabaseUser> actual = observe(inputs, request);
      UserPlan plan = executor.plan(request, actual);
      Optional<String> wouldWrite = dryRun.wouldWrite(resource, plan, request.desired());
      if (wouldWrite.isPresent()) {
        return reporter.held(resource, Reason.DryRun, wouldWrite.get(), observed);
      }
      PlanExecutor.Result result = executor.execute(plan, request, inputs);
      return reporter.succeeded(resource, result, observed);
    } catch (AtlasUserFailure failure) {
      throw failure.observing(observed);
    } catch (AtlasFailure failure) {
      throw AtlasUserFailure.of(failure).observing(observed);
    }
  }

  /** What Atlas holds for the desired user (the project's shared list). */
  private Optional<DatabaseUser> observe(ReferencedSecrets.Inputs inputs, UserPlan.Request request)
      throws AtlasUserFailure {
    try {
      return atlasUsers.find(inputs.credentials(), request.desired().key());
    } catch (AtlasFailure failure) {
      throw AtlasUserFailure.ofRead(failure);
    }
  }

  @Override
  public ErrorStatusUpdateControl<AtlasDatabaseUser> updateErrorStatus(
      AtlasDatabaseUser resource, Context<AtlasDatabaseUser> context, Exception e) {
    // JOSDK's metrics wrap a checked exception (OperatorException): look for ours inside.
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof AtlasUserFailure failure) {
        return reporter.failed(resource, failure, context.getRetryInfo());
      }
    }
    ReconcileLog.unclassified(
        resource, e, context.getRetryInfo().map(r -> r.getAttemptCount() + 1).orElse(1));
    return ErrorStatusUpdateControl.defaultErrorProcessing();
  }

  @Override
  public DeleteControl cleanup(AtlasDatabaseUser resource, Context<AtlasDatabaseUser> context)
      throws AtlasUserFailure {
    if (Ownership.rival(resource, context.getPrimaryCache()).isPresent()) {
      reporter.finished(resource, null, null);
      return DeleteControl.defaultDelete(); // the Atlas user is another resource's
    }
    try {
      return deletion.cleanup(resource);
    } catch (RuntimeException e) {
      ReconcileLog.unclassified(resource, e, 0);
      throw e;
    }
  }
}
