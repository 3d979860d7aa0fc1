package io.atlasoperator;

import io.atlasoperator.atlas.AtlasClientConfig;
import io.atlasoperator.atlas.AtlasUsersClient;
import io.atlasoperator.config.OperatorConfig;
import io.atlasoperator.domain.AtlasUsers;
import io.atlasoperator.reconciler.Controllers;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running operator: the AtlasDatabaseUser controller on a Kubernetes client. */
public final class AtlasOperator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AtlasOperator.class);

  /** Where Kubernetes mounts the pod's namespace with its service account token. */
  static final Path POD_NAMESPACE_FILE =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  private final Operator operator;
  private final AtlasUsers atlas;
  private final PrometheusMeterRegistry metrics;
  private final Optional<LeaderElectionConfiguration> election;
  private final AtomicBoolean stopping;
  private final KubernetesClient client;

  private AtlasOperator(
      Operator operator,
      AtlasUsers atlas,
      PrometheusMeterRegistry metrics,
      Optional<LeaderElectionConfiguration> election,
      AtomicBoolean stopping,
      KubernetesClient client) {
    this.operator = operator;
    this.atlas = atlas;
    this.metrics = metrics;
    this.election = election;
    this.stopping = stopping;
    this.client = client;
  }

  /**
   * A Kubernetes client for the current kubeconfig or in-cluster service account whose HTTP traffic
   * is never logged: at TRACE the client's own HTTP logging would print whole response bodies,
   * every Secret the operator reads among them. Its interceptor is replaced by one that does
   * nothing, whatever the log configuration.
   */
  public static KubernetesClient kubernetesClient() {
    return new KubernetesClientBuilder()
        .withHttpClientBuilderConsumer(
            builder -> builder.addOrReplaceInterceptor(HTTP_LOGGING, new Interceptor() {}))
        .build();
  }

  /** How long a stop waits for reconciles in flight (the chart's grace period is 30 s). */
  static final Duration GRACE = Duration.ofSeconds(20);

  /** The name fabric8's HTTP client builders register their body-logging interceptor under. */
  static final String HTTP_LOGGING = "HttpLogging";

  /**
   * Registers the controller and starts it. Without leader election it returns once the caches are
   * in sync; with it, at once, and this replica reconciles when it holds the lease.
   */
  public static AtlasOperator start(KubernetesClient client, OperatorConfig config) {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AtomicBoolean stopping = new AtomicBoolean();
    Optional<LeaderElectionConfiguration> election = leaderElection(config, stopping);
    new JvmMemoryMetrics().bindTo(metrics);
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  // SIGTERM lets reconciles in flight finish, within the pod's grace period.
                  .withReconciliationTerminationTimeout(GRACE)
                  .withConcurrentReconciliationThreads(config.maxConcurrentReconciles())
                  .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(metrics));
              election.ifPresent(o::withLeaderElectionConfiguration);
            });
    AtlasUsersClient atlas =
        new AtlasUsersClient(
            AtlasClientConfig.defaults()
                .withBaseUrl(config.atlasBaseUrl())
                .withApi(config.atlasApi()),
            config.callBudget(),
            config.caBundle(),
            metrics);
    operator.register(
        Controllers.atlasDatabaseUser(config, atlas, atlas, client, Clock.systemUTC(), metrics),
        o -> {
          o.withRetry(Controllers.retry(config));
          o.withGenerationAware(false);
          o.withOnUpdateFilter(Controllers::isEvent);
          if (!config.watchNamespaces().isEmpty()) {
            o.settingNamespaces(config.watchNamespaces());
          }
        });
    operator.start();
    return new AtlasOperator(operator, atlas, metrics, election, stopping, client);
  }

  /**
   * The Lease to hold before reconciling, when leader election is on: {@value
   * OperatorConfig#LEASE_NAME} in the configured namespace, else the pod's (POD_NAMESPACE, else the
   * service account's), with the pod's name (POD_NAME, else HOSTNAME) as identity.
   */
  static Optional<LeaderElectionConfiguration> leaderElection(
      OperatorConfig config, AtomicBoolean stopping) {
    if (!config.workload().leaderElection()) {
      return Optional.empty();
    }
    String namespace =
        config
            .workload()
            .leaseNamespace()
            .or(() -> Optional.ofNullable(System.getenv("POD_NAMESPACE")))
            .or(AtlasOperator::serviceAccountNamespace)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "leader election needs the Lease's namespace: set POD_NAMESPACE (the"
                            + " downward API) or ATLAS_OPERATOR_LEASE_NAMESPACE"));
    String identity =
        Optional.ofNullable(System.getenv("POD_NAME"))
            .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")))
            .orElse("atlas-operator-" + ProcessHandle.current().pid());
    return Optional.of(
        new LeaderElectionConfiguration(
            OperatorConfig.LEASE_NAME,
            namespace,
            LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
            LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
            LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
            identity,
            // Losing the lease while running: another replica may lead now, so this one stops
            // at once (the pod restarts and waits for the lease). Not while stopping on purpose.
            new LeaderCallbacks(
                () -> {},
                () -> {
                  if (!stopping.get()) {
                    // Another replica may lead now: stop at once, without the graceful stop
                    // that would let reconciles run on.
                    LOG.error("Lost the lease {}: stopping at once", OperatorConfig.LEASE_NAME);
                    System.err.flush();
                    Runtime.getRuntime().halt(1);
                  }
                },
                leader -> LOG.info("Leader: {}", leader)),
            false));
  }

  private static Optional<String> serviceAccountNamespace() {
    try {
      return Files.isReadable(POD_NAMESPACE_FILE)
          ? Optional.of(Files.readString(POD_NAMESPACE_FILE).trim())
          : Optional.empty();
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  /** What JOSDK knows of the operator's state, for the probes. */
  public RuntimeInfo runtimeInfo() {
    return operator.getRuntimeInfo();
  }

  /** The operator's metrics (JOSDK's, the Atlas calls', the resources by reason, the JVM's). */
  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /**
   * Stops the operator gracefully when the JVM is asked to stop (SIGTERM), giving reconciles in
   * flight up to {@code grace} to finish.
   */
  public void stopOnShutdown() {
    if (election.isEmpty()) {
      operator.installShutdownHook(GRACE);
      return;
    }
    // JOSDK installs no hook with leader election; this one stops the operator without the
    // lost-lease exit above, then gives the lease up so that a standby takes over at once
    // (JOSDK's elector does not release it on stop).
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopping.set(true);
                  LOG.info("Stopping: SIGTERM");
                  operator.stop();
                  releaseLease();
                },
                "atlas-operator-shutdown"));
  }

  /** Empties the Lease's holder if this replica still holds it. */
  private void releaseLease() {
    election.ifPresent(
        election -> {
          try {
            client
                .leases()
                .inNamespace(election.getLeaseNamespace().orElseThrow())
                .withName(election.getLeaseName())
                .edit(
                    lease -> {
                      if (lease.getSpec() != null
                          && election
                              .getIdentity()
                              .equals(Optional.ofNullable(lease.getSpec().getHolderIdentity()))) {
                        lease.getSpec().setHolderIdentity(null);
                      }
                      return lease;
                    });
            LOG.info("Gave up the lease {}", election.getLeaseName());
          } catch (RuntimeException e) {
            LOG.warn("Could not give up the lease: {}", e.getMessage());
          }
        });
  }

  @Override
  public void close() {
    stopping.set(true);
    operator.stop();
    atlas.close();
  }
}
