package io.atlasoperator;

import io.atlasoperator.config.OperatorConfig;
import io.atlasoperator.runtime.HealthServer;
import io.atlasoperator.runtime.JsonLines;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar atlas-operator.jar [flags]}: runs the operator against the current kubeconfig
 * (or the in-cluster service account). Settings: see {@link OperatorConfig}.
 */
public final class OperatorMain {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);

  private OperatorMain() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("migrate")) {
      System.exit(
          io.atlasoperator.migrate.MigrateCommand.run(
              java.util.List.of(args).subList(1, args.length), System.in, System.out, System.err));
      return;
    }
    if (java.util.List.of(args).contains("--help")) {
      System.out.print(io.atlasoperator.config.Setting.help());
      System.out.println(
          "\nSubcommand: migrate [flags] FILE... converts MongoDB's operator's and Terraform's"
              + " database users (migrate --help)");
      return;
    }
    if (java.util.List.of(args).contains("--version")) {
      System.out.println("atlas-operator " + io.atlasoperator.atlas.AtlasClientConfig.VERSION);
      return;
    }
    OperatorConfig config;
    try {
      config = OperatorConfig.from(System.getenv(), args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage() + " (java -jar atlas-operator.jar --help)");
      System.exit(2);
      return;
    }
    if (config.workload().logFormat().equals("json")) {
      JsonLines.install();
    }
    KubernetesClient client = AtlasOperator.kubernetesClient();
    LOG.info(
        "Starting atlas-operator against {} (namespaces: {}, Atlas: {}, resync every {})",
        client.getMasterUrl(),
        config.watchNamespaces().isEmpty() ? "all" : config.watchNamespaces(),
        config.atlasBaseUrl(),
        OperatorConfig.format(config.resyncInterval()));
    if (config.defaultCredentials().isPresent() && !config.defaultCredentialsPolicy().restricts()) {
      LOG.warn(
          "The default credentials {} may be used by every namespace for every project their key"
              + " reaches; set ATLAS_OPERATOR_DEFAULT_CREDENTIALS_POLICY to restrict them",
          config.defaultCredentials().get());
    }
    // What can fail at start-up is checked before any resource is touched (finalizers, status).
    HealthServer health;
    try {
      health = HealthServer.bind(config.workload().httpPort());
    } catch (java.io.IOException e) {
      LOG.error(
          "Cannot serve probes and metrics on port {}: {}; nothing was changed. Free the port or"
              + " set ATLAS_OPERATOR_HTTP_PORT",
          config.workload().httpPort(),
          e.getMessage());
      System.exit(1);
      return;
    }
    AtlasOperator operator;
    try {
      operator = AtlasOperator.start(client, config);
    } catch (RuntimeException e) {
      LOG.error("The operator could not start: {}", e.getMessage(), e);
      System.exit(1);
      return;
    }
    health.serve(operator.runtimeInfo(), operator.metrics());
    LOG.info("Probes and metrics on port {}", health.port());
    // JOSDK's threads keep the JVM running; the shutdown hook stops the operator on SIGTERM,
    // within the pod's grace period (30 s by default).
    operator.stopOnShutdown();
  }
}
