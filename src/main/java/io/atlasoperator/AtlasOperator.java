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
  private final boolean leaderElection;
  private final AtomicBoolean stopping;

  private AtlasOperator(
      Operator operator,
      AtlasUsers atlas,
      PrometheusMeterRegistry metrics,
      boolean leaderElection,
      AtomicBoolean stopping) {
    this.operator = operator;
    this.atlas = atlas;
    this.metrics = metrics;
    this.leaderElection = leaderElection;
    this.stopping = stopping;
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

  /** The name fabric8's HTTP client builders register their body-logging interceptor under. */
  static final String HTTP_LOGGING = "HttpLogging";

  /**
   * Registers the controller and starts it. Without leader election it returns once the caches are
   * in sync; with it, at once, and this replica reconciles when it holds the lease.
   */
  public static AtlasOperator start(KubernetesClient client, OperatorConfig config) {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AtomicBoolean stopping = new AtomicBoolean();
    new JvmMemoryMetrics().bindTo(metrics);
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  .withConcurrentReconciliationThreads(config.maxConcurrentReconciles())
                  .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(metrics));
              leaderElection(config, stopping).ifPresent(o::withLeaderElectionConfiguration);
            });
    AtlasUsers atlas =
        new AtlasUsersClient(
            AtlasClientConfig.defaults().withBaseUrl(config.atlasBaseUrl()),
            config.maxConcurrentAtlasCalls(),
            config.caBundle(),
            metrics);
    operator.register(
        Controllers.atlasDatabaseUser(config, atlas, client, Clock.systemUTC(), metrics),
        o -> {
          o.withRetry(Controllers.retry(config));
          if (!config.watchNamespaces().isEmpty()) {
            o.settingNamespaces(config.watchNamespaces());
          }
        });
    operator.start();
    return new AtlasOperator(
        operator, atlas, metrics, config.workload().leaderElection(), stopping);
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
                    LOG.error("Lost the lease {}: stopping", OperatorConfig.LEASE_NAME);
                    new Thread(() -> System.exit(1), "lost-lease").start();
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
  public void stopOnShutdown(Duration grace) {
    if (!leaderElection) {
      operator.installShutdownHook(grace);
      return;
    }
    // JOSDK installs no hook with leader election; this one stops the operator (which gives up
    // the lease) without the lost-lease exit above.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopping.set(true);
                  LOG.info("Stopping: SIGTERM");
                  operator.stop();
                },
                "atlas-operator-shutdown"));
  }

  @Override
  public void close() {
    stopping.set(true);
    operator.stop();
    atlas.close();
  }
}
