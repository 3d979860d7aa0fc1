package io.atlasoperator;

import io.atlasoperator.config.OperatorConfig;
import io.atlasoperator.reconciler.AtlasDatabaseUserReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;

/** The running operator: the AtlasDatabaseUser controller on a Kubernetes client. */
public final class AtlasOperator implements AutoCloseable {

  private final Operator operator;
  private final AtlasDatabaseUserReconciler reconciler;

  private AtlasOperator(Operator operator, AtlasDatabaseUserReconciler reconciler) {
    this.operator = operator;
    this.reconciler = reconciler;
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

  /** Registers the controller and starts it; returns once its caches are in sync. */
  public static AtlasOperator start(KubernetesClient client, OperatorConfig config) {
    Operator operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withConcurrentReconciliationThreads(config.maxConcurrentReconciles()));
    AtlasDatabaseUserReconciler reconciler =
        new AtlasDatabaseUserReconciler(config, Clock.systemUTC());
    operator.register(
        reconciler,
        o -> {
          if (!config.watchNamespaces().isEmpty()) {
            o.settingNamespaces(config.watchNamespaces());
          }
        });
    operator.start();
    return new AtlasOperator(operator, reconciler);
  }

  @Override
  public void close() {
    operator.stop();
    reconciler.close();
  }
}
