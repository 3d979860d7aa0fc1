package io.atlasoperator.testing;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.concurrent.TimeUnit;

/**
 * A real kube-apiserver with etcd on this machine (fabric8 kube-api-test), started once and stopped
 * once. There is no controller-manager or kubelet: no garbage collection, no Pods, and deleted
 * namespaces stay Terminating.
 *
 * <p>The binaries come from ~/.kubeapitest/k8s/VERSION-linux-amd64. When they are there the server
 * starts offline; when they are not, kube-api-test downloads them (which needs internet), and
 * scripts/build-kube-binaries.sh builds them from Go modules where there is none.
 */
public final class LocalKubeApiServer implements AutoCloseable {

  /** The Kubernetes version the tests run against; scripts/build-kube-binaries.sh builds it. */
  public static final String VERSION = System.getProperty("kube.version", "1.34.4");

  private static final Path CRD = Path.of("crds", "atlasdatabaseusers.atlasoperator.io.yaml");

  private final KubeAPIServer server;
  private final KubernetesClient client;

  private LocalKubeApiServer(KubeAPIServer server) {
    this.server = server;
    this.client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(server.getKubeConfigYaml()))
            .build();
  }

  /** Starts the API server (it enforces RBAC; the client it hands out is a cluster admin). */
  public static LocalKubeApiServer start() {
    Path binaries =
        Path.of(System.getProperty("user.home"), ".kubeapitest", "k8s", VERSION + "-linux-amd64");
    boolean present = Files.isExecutable(binaries.resolve("kube-apiserver"));
    if (!present) {
      System.err.printf(
          "%n*** No kube-apiserver %s binaries in %s: kube-api-test will try to download them."
              + " Without internet, run scripts/build-kube-binaries.sh first. ***%n%n",
          VERSION, binaries);
    }
    KubeAPIServer server =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withApiServerVersion(VERSION)
                .withOfflineMode(present)
                .withStartupTimeout((int) STARTUP.toMillis())
                .withUpdateKubeConfig(false)
                .build());
    Duration wait = waitBeforeStart(LocalTime.now());
    if (!wait.isZero()) {
      System.err.printf(
          "LocalKubeApiServer: waiting %d s for midnight to pass before starting kube-apiserver"
              + " (kube-api-test times its start-up on the time of day)%n",
          wait.toSeconds());
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    server.start();
    return new LocalKubeApiServer(server);
  }

  /** How long kube-api-test waits for the API server to answer. */
  static final Duration STARTUP = Duration.ofMinutes(2);

  /**
   * kube-api-test measures its start-up timeout on the time of day ({@code LocalTime}): a start
   * whose timeout would end after midnight gives up at once ("did not start properly"), which
   * failed every integration test class started in the last two minutes of a day. Such a start
   * waits until just after midnight; any other starts at once.
   */
  static Duration waitBeforeStart(LocalTime now) {
    LocalTime deadline = now.plus(STARTUP);
    if (!deadline.isBefore(now)) {
      return Duration.ZERO;
    }
    return Duration.between(now, LocalTime.MAX).plusNanos(1).plusSeconds(1);
  }

  public KubernetesClient client() {
    return client;
  }

  /** A client acting as a service account, with only the rights RBAC gives it. */
  public KubernetesClient clientAs(String namespace, String serviceAccount) {
    Config config = Config.fromKubeconfig(server.getKubeConfigYaml());
    config.setImpersonateUsername("system:serviceaccount:" + namespace + ":" + serviceAccount);
    config.setImpersonateGroups(
        "system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated");
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  public String kubeConfigYaml() {
    return server.getKubeConfigYaml();
  }

  /** Installs the committed CRD (what users apply) and waits until it is Established. */
  public CustomResourceDefinition installCrd() {
    try (InputStream in = Files.newInputStream(CRD)) {
      CustomResourceDefinition crd =
          client.apiextensions().v1().customResourceDefinitions().load(in).item();
      client.resource(crd).serverSideApply();
      return client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(crd.getMetadata().getName())
          .waitUntilCondition(LocalKubeApiServer::established, 60, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + CRD.toAbsolutePath(), e);
    }
  }

  public void createNamespace(String name) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .serverSideApply();
  }

  /** Creates or updates a Secret from plain-text values. */
  /**
   * Creates a Secret labelled atlas.mongodb.com/type=credentials, as docs/installing.md tells users
   * to, so that a cluster-wide operator watches it.
   */
  public io.fabric8.kubernetes.api.model.Secret createSecret(
      String namespace, String name, java.util.Map<String, String> values) {
    return createSecret(namespace, name, values, java.util.Map.of(SECRET_LABEL, "credentials"));
  }

  /** The label that puts a Secret in a cluster-wide operator's cache. */
  public static final String SECRET_LABEL = "atlas.mongodb.com/type";

  /** Creates a Secret with these labels (none: a Secret the operator must read directly). */
  public io.fabric8.kubernetes.api.model.Secret createSecret(
      String namespace,
      String name,
      java.util.Map<String, String> values,
      java.util.Map<String, String> labels) {
    return client
        .secrets()
        .inNamespace(namespace)
        .resource(
            new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(labels)
                .endMetadata()
                .withStringData(values)
                .build())
        .serverSideApply();
  }

  /** True when an AtlasDatabaseUser's Ready condition is True. */
  public static boolean ready(io.atlasoperator.crd.AtlasDatabaseUser resource) {
    return resource != null
        && resource.getStatus() != null
        && resource.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  public static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  @Override
  public void close() {
    client.close();
    server.stop();
  }
}
