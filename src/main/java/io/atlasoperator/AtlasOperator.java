package io.atlasoperator;

import io.atlasoperator.atlas.AtlasClientConfig;
import io.atlasoperator.atlas.AtlasUsersClient;
import io.atlasoperator.config.OperatorConfig;
import io.atlasoperator.domain.AtlasUsers;
import io.atlasoperator.reconciler.Controllers;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;

/** The running operator: the AtlasDatabaseUser controller on a Kubernetes client. */
public final class AtlasOperator implements AutoCloseable {

  private final Operator operator;
  private final AtlasUsers atlas;

  private AtlasOperator(Operator operator, AtlasUsers atlas) {
    this.operator = operator;
    this.atlas = atlas;
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
    AtlasUsers atlas =
        new AtlasUsersClient(
            AtlasClientConfig.defaults().withBaseUrl(config.atlasBaseUrl()),
            config.maxConcurrentAtlasCalls(),
            config.caBundle());
    operator.register(
        Controllers.atlasDatabaseUser(config, atlas, client, Clock.systemUTC()),
        o -> {
          o.withRetry(Controllers.retry(config));
          if (!config.watchNamespaces().isEmpty()) {
            o.settingNamespaces(config.watchNamespaces());
          }
        });
    operator.start();
    return new AtlasOperator(operator, atlas);
  }

  /**
   * Stops the operator gracefully when the JVM is asked to stop (SIGTERM), giving reconciles in
   * flight up to {@code grace} to finish.
   */
  public void stopOnShutdown(java.time.Duration grace) {
    operator.installShutdownHook(grace);
  }

  @Override
  public void close() {
    operator.stop();
    atlas.close();
  }
}
