package io.atlasoperator.reconciler;

import io.atlasoperator.atlas.AtlasClient;
import io.atlasoperator.atlas.AtlasClientConfig;
import io.atlasoperator.atlas.AtlasException;
import io.atlasoperator.config.OperatorConfig;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.reconciler.EventRecorder.EventReason;
import io.atlasoperator.status.ConditionType;
import io.atlasoperator.status.Reason;
import io.atlasoperator.status.StatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Atlas match each AtlasDatabaseUser. It only sequences the steps (who owns the user, what
 * the Secrets hold, what the spec asks for, what Atlas has, what to change, the change, the
 * status); the work is done by its collaborators.
 */
@ControllerConfiguration(name = AtlasDatabaseUserReconciler.NAME)
public final class AtlasDatabaseUserReconciler
    implements Reconciler<AtlasDatabaseUser>, Cleaner<AtlasDatabaseUser> {

  private static final Logger LOG = LoggerFactory.getLogger(AtlasDatabaseUserReconciler.class);

  public static final String NAME = "atlasdatabaseuser";
  private static final String SECRET_INDEX = "referenced-secrets";

  private final OperatorConfig config;
  private final Clock clock;
  private final AtlasGateway gateway;
  private final ProjectUserCache atlasUsers;
  private final PlanExecutor executor;
  private final StatusBuilder statuses;
  private final Backoff backoff;
  private EventRecorder events;
  private ReferencedSecrets secrets;
  private UserCleanup deletion;

  public AtlasDatabaseUserReconciler(OperatorConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.gateway =
        new AtlasGateway(
            AtlasClientConfig.defaults().withBaseUrl(config.atlasBaseUrl()),
            config.maxConcurrentAtlasCalls(),
            config.caBundle());
    this.atlasUsers = new ProjectUserCache(clock, config.resyncInterval());
    this.executor = new PlanExecutor(atlasUsers, clock, config.allowAdoption());
    this.statuses = new StatusBuilder(clock);
    this.backoff = new Backoff(config.retryBase(), config.retryMax());
  }

  @Override
  public List<EventSource<?, AtlasDatabaseUser>> prepareEventSources(
      EventSourceContext<AtlasDatabaseUser> context) {
    context.getPrimaryCache().addIndexer(Ownership.INDEX, Ownership::indexKey);
    context
        .getPrimaryCache()
        .addIndexer(SECRET_INDEX, r -> ReferencedSecrets.names(r, config.defaultCredentials()));
    InformerEventSourceConfiguration.Builder<Secret> secretConfig =
        InformerEventSourceConfiguration.from(Secret.class, AtlasDatabaseUser.class)
            .withName("secrets")
            .withSecondaryToPrimaryMapper(
                secret ->
                    context
                        .getPrimaryCache()
                        .byIndex(
                            SECRET_INDEX,
                            secret.getMetadata().getNamespace()
                                + "/"
                                + secret.getMetadata().getName())
                        .stream()
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()));
    if (config.watchNamespaces().isEmpty()) {
      secretConfig.withWatchAllNamespaces();
    } else {
      Set<String> namespaces = new HashSet<>(config.watchNamespaces());
      config.defaultCredentials().ifPresent(d -> namespaces.add(d.namespace()));
      secretConfig.withNamespaces(namespaces);
    }
    InformerEventSource<Secret, AtlasDatabaseUser> secretSource =
        new InformerEventSource<>(secretConfig.build(), context);
    secrets =
        new ReferencedSecrets(
            secretSource::get, config.defaultCredentials(), config.defaultCredentialsPolicy());
    events = new EventRecorder(context.getClient(), clock);
    deletion =
        new UserCleanup(
            gateway, atlasUsers, backoff, statuses, secrets, events, context.getClient());
    return List.of(secretSource);
  }

  @Override
  public UpdateControl<AtlasDatabaseUser> reconcile(
      AtlasDatabaseUser resource, Context<AtlasDatabaseUser> context) {
    String before = Serialization.asJson(resource.getStatus());
    UpdateControl<AtlasDatabaseUser> control = sequence(resource, context);
    if (control.isPatchStatus() && Serialization.asJson(resource.getStatus()).equals(before)) {
      // Same status as stored: no write to the API server, just the next look.
      UpdateControl<AtlasDatabaseUser> unchanged = UpdateControl.noUpdate();
      return control.getScheduleDelay().map(unchanged::rescheduleAfter).orElse(unchanged);
    }
    return control;
  }

  private UpdateControl<AtlasDatabaseUser> sequence(
      AtlasDatabaseUser resource, Context<AtlasDatabaseUser> context) {
    Optional<AtlasDatabaseUser> claimant = rivalClaimant(resource, context);
    if (claimant.isPresent()) {
      String previousReason = StatusBuilder.readyReason(resource.getStatus()).orElse(null);
      resource.setStatus(
          statuses.build(
              resource,
              Reason.Conflict,
              "Atlas user "
                  + DesiredUsers.key(resource)
                  + " is already managed by AtlasDatabaseUser "
                  + Ownership.ownerOf(claimant.get()),
              null,
              null,
              null));
      return report(resource, previousReason, EventReason.Conflict, config.resyncInterval());
    }
    String observed = null;
    try {
      ReferencedSecrets.Inputs inputs = secrets.read(resource);
      observed = inputs.observed(resource.getMetadata().getGeneration());
      if (StatusBuilder.stalledOn(resource.getStatus(), observed)) {
        return UpdateControl.noUpdate();
      }
      DatabaseUser desired = DesiredUsers.of(resource);
      AtlasClient client = gateway.client(inputs.apiKey());
      Optional<DatabaseUser> actual =
          atlasUsers.find(client, inputs.apiKey().publicKey(), desired.key());
      UserPlan plan =
          UserPlan.decide(
              resource,
              desired,
              actual,
              inputs.passwordVersion(),
              clock.instant(),
              config.allowAdoption());
      PlanExecutor.Result result = executor.execute(plan, resource, desired, inputs, client);
      backoff.reset(ResourceID.fromResource(resource));
      resource.setStatus(
          statuses.build(
              resource,
              result.reason(),
              result.message(),
              // An expired user keeps its last-seen record: it did exist, until its date.
              result.reason() == Reason.Expired
                  ? resource.getStatus().getAtlas()
                  : StatusBuilder.atlasStatus(result.inAtlas()),
              result.appliedPasswordVersion(),
              observed));
      return notify(resource, result.event(), result.message(), config.resyncInterval());
    } catch (AtlasUserFailure failure) {
      return failed(resource, failure, observed);
    } catch (AtlasException e) {
      return failed(resource, AtlasUserFailure.of(e), observed);
    }
  }

  @Override
  public DeleteControl cleanup(AtlasDatabaseUser resource, Context<AtlasDatabaseUser> context) {
    if (rivalClaimant(resource, context).isPresent()) {
      return DeleteControl.defaultDelete();
    }
    return deletion.cleanup(resource);
  }

  /** Another resource asking for the same Atlas user that was there first, if any. */
  private static Optional<AtlasDatabaseUser> rivalClaimant(
      AtlasDatabaseUser resource, Context<AtlasDatabaseUser> context) {
    List<AtlasDatabaseUser> rivals =
        context.getPrimaryCache().byIndex(Ownership.INDEX, Ownership.indexKey(resource).get(0));
    if (rivals.isEmpty()) {
      return Optional.empty();
    }
    AtlasDatabaseUser claimant = Ownership.claimant(rivals);
    return Ownership.ownerOf(claimant).equals(Ownership.ownerOf(resource))
        ? Optional.empty()
        : Optional.of(claimant);
  }

  private UpdateControl<AtlasDatabaseUser> failed(
      AtlasDatabaseUser resource, AtlasUserFailure failure, String observed) {
    Duration retry =
        failure.isTransient()
            ? backoff.next(ResourceID.fromResource(resource), failure.retryAfter())
            : null;
    failure
        .failedCall()
        .ifPresent(
            call ->
                LOG.warn(
                    "Atlas call failed for {} (project {}): {}; {}",
                    Ownership.ownerOf(resource),
                    resource.getSpec().getProjectId(),
                    call,
                    retry == null
                        ? "not retried until the spec or a referenced Secret changes"
                        : "next attempt in " + retry.toMillis() + " ms"));
    String previousReason = StatusBuilder.readyReason(resource.getStatus()).orElse(null);
    String previousPassword =
        resource.getStatus() == null ? null : resource.getStatus().getAppliedPasswordVersion();
    resource.setStatus(
        statuses.build(
            resource,
            failure.reason(),
            failure.getMessage(),
            resource.getStatus() == null ? null : resource.getStatus().getAtlas(),
            previousPassword,
            observed));
    return report(resource, previousReason, eventFor(failure.reason()), retry);
  }

  /**
   * Patches the status the caller built, recording an Event when the Ready reason changed (a
   * transition), not on every retry.
   */
  private UpdateControl<AtlasDatabaseUser> report(
      AtlasDatabaseUser resource, String previousReason, EventReason event, Duration reschedule) {
    String text =
        StatusBuilder.condition(resource.getStatus(), ConditionType.Ready)
            .orElseThrow()
            .getMessage();
    String newReason = StatusBuilder.readyReason(resource.getStatus()).orElse(null);
    if (event != null && !newReason.equals(previousReason)) {
      events.record(resource, event, text);
    }
    UpdateControl<AtlasDatabaseUser> control = UpdateControl.patchStatus(resource);
    return reschedule == null ? control : control.rescheduleAfter(reschedule);
  }

  /** Records a write's Event (writes are transitions) and patches the built status. */
  private UpdateControl<AtlasDatabaseUser> notify(
      AtlasDatabaseUser resource, EventReason event, String message, Duration reschedule) {
    if (event != null) {
      events.record(resource, event, message);
    }
    UpdateControl<AtlasDatabaseUser> control = UpdateControl.patchStatus(resource);
    return event == EventReason.Expired ? control : control.rescheduleAfter(reschedule);
  }

  private static EventReason eventFor(Reason reason) {
    return switch (reason) {
      case Conflict -> EventReason.Conflict;
      case AdoptionNotAllowed -> EventReason.AdoptionNotAllowed;
      case Expired -> EventReason.Expired;
      case SecretNotFound, SecretKeyNotFound, CredentialsNotConfigured, InvalidCredentials ->
          EventReason.SecretNotFound;
      case InvalidSpec -> EventReason.InvalidSpec;
      case InvalidPassword -> EventReason.InvalidPassword;
      case PolicyDenied -> EventReason.PolicyDenied;
      default -> EventReason.AtlasError;
    };
  }

  /** Releases the HTTP resources. */
  public void close() {
    gateway.close();
  }
}
