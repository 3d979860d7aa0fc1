package io.atlasoperator.reconciler;

import io.atlasoperator.config.OperatorConfig;
import io.atlasoperator.crd.Annotations;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.domain.AtlasDeployments;
import io.atlasoperator.domain.AtlasUsers;
import io.atlasoperator.status.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.javaoperatorsdk.operator.processing.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/** Builds the AtlasDatabaseUser controller from its parts: the one place they are wired. */
public final class Controllers {

  private Controllers() {}

  /** The reconciler for {@code config}, talking to Atlas through {@code atlas}. */
  public static AtlasDatabaseUserReconciler atlasDatabaseUser(
      OperatorConfig config,
      AtlasUsers atlas,
      AtlasDeployments deployments,
      KubernetesClient kubernetes,
      Clock clock,
      MeterRegistry metrics) {
    SecretCache secretCache = new SecretCache(config);
    ReferencedSecrets secrets =
        new ReferencedSecrets(
            secretCache, config.defaultCredentials(), config.defaultCredentialsPolicy());
    ProjectUserCache projectUsers = new ProjectUserCache(atlas, clock, config.resyncInterval());
    Reporter reporter =
        new Reporter(
            new StatusBuilder(clock),
            new EventRecorder(kubernetes, clock),
            StatusWriter.of(kubernetes),
            config.resyncInterval(),
            attempt -> backoff(config, attempt),
            metrics);
    DryRun dryRun = new DryRun(config.dryRun());
    KubePasswordSecrets passwordSecrets = new KubePasswordSecrets(kubernetes, secretCache);
    PasswordGenerator passwordGenerator = new PasswordGenerator();
    GeneratedPasswords generated =
        new GeneratedPasswords(passwordSecrets, secretCache, passwordGenerator, clock);
    KubeConnectionSecrets connectionSecrets = new KubeConnectionSecrets(config.watchNamespaces());
    Connections connections =
        new Connections(
            new ProjectDeployments(deployments, clock, config.resyncInterval()),
            new ConnectionSecretWriter(connectionSecrets),
            clock,
            APPLY_TIMEOUT,
            config.resyncInterval());
    return new AtlasDatabaseUserReconciler(
        secretCache,
        new UserLoop(
            secrets,
            projectUsers,
            new PlanExecutor(atlas, projectUsers, clock, config.allowAdoption()),
            dryRun,
            reporter,
            connections,
            new PasswordFingerprints(),
            generated,
            new PairedUsers(atlas, projectUsers, passwordGenerator, passwordSecrets, clock),
            new Replacements(atlas, projectUsers)),
        new UserCleanup(
            atlas,
            projectUsers,
            secrets,
            UserCleanup.listAge(config.callBudget().period()),
            dryRun),
        reporter,
        connections,
        connectionSecrets,
        generated);
  }

  /**
   * How long a resource waits for Atlas to apply a change on its clusters before it says so
   * (ApplyTimedOut); it keeps looking every minute after.
   */
  static final java.time.Duration APPLY_TIMEOUT = java.time.Duration.ofMinutes(10);

  /**
   * Which updates of a resource are events: a new generation (the spec), deletion, a finalizer
   * change, or a change of an annotation the operator acts on (pause, dry run, deletion policy).
   * Status and other metadata changes are not. Registered with generation-aware processing off,
   * which alone would let every status write through.
   */
  public static boolean isEvent(AtlasDatabaseUser newer, AtlasDatabaseUser older) {
    return !java.util.Objects.equals(
            newer.getMetadata().getGeneration(), older.getMetadata().getGeneration())
        || newer.isMarkedForDeletion() != older.isMarkedForDeletion()
        || !java.util.Objects.equals(
            newer.getMetadata().getFinalizers(), older.getMetadata().getFinalizers())
        || Annotations.actedOnChanged(newer, older);
  }

  /**
   * JOSDK's retry for failures that retrying can fix (Atlas unreachable, 5xx, a 429 without
   * Retry-After): the retry base first, doubling up to the retry maximum, for as long as it takes.
   */
  public static Retry retry(OperatorConfig config) {
    return new GenericRetry()
        .setInitialInterval(config.retryBase())
        .setIntervalMultiplier(MULTIPLIER)
        .setMaxInterval(config.retryMax().toMillis())
        .withoutMaxAttempts();
  }

  private static final int MULTIPLIER = 2;

  /**
   * How long {@link #retry}'s JOSDK retry waits after failed attempt {@code attempt} (from 1), for
   * the log line: asked of JOSDK's own retry execution, so that the log says what JOSDK does (its
   * first two waits are both the base, then they double up to the maximum).
   */
  static java.time.Duration backoff(OperatorConfig config, int attempt) {
    io.javaoperatorsdk.operator.processing.retry.RetryExecution execution =
        ((GenericRetry) retry(config)).initExecution();
    long millis = config.retryBase().toMillis();
    for (int i = 0; i < attempt; i++) {
      millis = execution.nextDelay().orElse(millis);
    }
    return java.time.Duration.ofMillis(millis);
  }
}
