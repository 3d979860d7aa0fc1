package io.atlasoperator.demo;

import io.atlasoperator.AtlasOperator;
import io.atlasoperator.config.OperatorConfig;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.emulator.AtlasEmulator;
import io.atlasoperator.testing.Kubectl;
import io.atlasoperator.testing.LocalKubeApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The operator on an embedded default, end to end: a local kube-apiserver and etcd with the CRD,
 * the Atlas emulator, the operator, and operator/samples/ applied with kubectl. It waits for every
 * sample to become Ready and shows the users that now exist in the emulator. With {@code --keep}
 * (scripts/demo.sh --keep) everything then stays up for kubectl and curl until Ctrl-C.
 */
public final class EmbeddedDemo {

  static final String PROJECT = "5356823b3794dee37132bb7b";
  static final String PUBLIC_KEY = "demo-public-key";
  static final String PRIVATE_KEY = "demo-private-key";
  static final Path SAMPLES = Path.of("operator", "samples");

  /** The emulator's port with --keep, so that curl examples work; a free one when it is taken. */
  static final int KEEP_PORT = 8090;

  private EmbeddedDemo() {}

  /**
   * Runs the demo and stops. With {@code --keep} it leaves the API server, the emulator and the
   * operator running, prints how to reach them, and stops them all on Ctrl-C (SIGINT) or SIGTERM.
   */
  public static void main(String[] args) throws Exception {
    boolean keep = Arrays.asList(args).contains("--keep");
    Started started = new Started();
    CountDownLatch startupOver = new CountDownLatch(1);
    if (keep) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> stopOnSignal(started, startupOver), "demo-stop"));
    }
    System.out.println(
        "1. Starting a local kube-apiserver " + LocalKubeApiServer.VERSION + " with etcd ...");
    try (started) {
      LocalKubeApiServer kube = started.add(LocalKubeApiServer.start());
      AtlasEmulator atlas = started.add(startEmulator(keep));
      kube.installCrd();
      Kubectl kubectl = new Kubectl(kube);
      System.out.println("2. CRD installed; Atlas emulator on " + atlas.baseUrl());
      kube.createNamespace("atlas-operator");
      kube.createSecret(
          "atlas-operator",
          "atlas-credentials",
          Map.of("publicApiKey", PUBLIC_KEY, "privateApiKey", PRIVATE_KEY));
      started.add(
          AtlasOperator.start(
              kube.client(),
              OperatorConfig.builder()
                  .atlasBaseUrl(atlas.baseUrl())
                  .defaultCredentials(
                      new OperatorConfig.SecretName("atlas-operator", "atlas-credentials"))
                  .resyncInterval(Duration.ofSeconds(30))
                  .build()));
      System.out.println("3. Operator started; applying operator/samples/ to namespace demo:");
      kube.createNamespace("demo");
      print(kubectl.apply("demo", samples()));
      System.out.println("4. Waiting until every sample is Ready ...");
      waitUntilReady(kube, Duration.ofSeconds(90));
      print(kubectl.run("get", "atlasdatabaseusers", "-n", "demo"));
      System.out.println("5. Users in the Atlas emulator's project " + PROJECT + ":");
      atlas
          .storedUsers(PROJECT)
          .forEach(
              u ->
                  System.out.printf(
                      "   %-48s %-10s roles=%s%s%n",
                      u.get("username").asText(),
                      u.get("databaseName").asText(),
                      u.get("roles").findValuesAsText("roleName"),
                      u.has("deleteAfterDate")
                          ? " expires=" + u.get("deleteAfterDate").asText()
                          : ""));
      long writes = atlas.countRequests(e -> e.authenticated() && e.isWrite());
      long reads = atlas.countRequests(e -> e.authenticated() && !e.isWrite());
      System.out.printf(
          "   Atlas calls: %d writes, %d reads (shared per project: users, clusters, status)%n",
          writes, reads);
      System.out.println("6. Connection Secrets, written once Atlas applied each user:");
      print(
          kubectl.run(
              "get", "secrets", "-n", "demo", "-l", "atlasoperator.io/connection-secret=true"));
      printConnectionSecret(kube, "orders-app-analytics-cluster");
      if (!keep) {
        System.out.println("Done: every sample is Ready. Everything stops now.");
      } else {
        Path kubeconfig = Files.createTempFile("atlas-operator-demo-", ".kubeconfig");
        started.add(() -> Files.deleteIfExists(kubeconfig));
        Files.writeString(kubeconfig, kube.kubeConfigYaml());
        startupOver.countDown();
        if (!started.stopRequested) {
          printKeepBanner(kubeconfig, kubectl.binary(), atlas.baseUrl());
        }
        new CountDownLatch(1).await(); // until the JVM stops: stopOnSignal stops everything
      }
    } finally {
      startupOver.countDown();
    }
    System.exit(0);
  }

  /** The emulator with the demo's key and project; with --keep on port 8090 when it is free. */
  static AtlasEmulator startEmulator(boolean keep) {
    if (keep) {
      try {
        return emulator().port(KEEP_PORT).start();
      } catch (UncheckedIOException e) {
        System.out.println("   Port " + KEEP_PORT + " is taken; the emulator takes a free one.");
      }
    }
    return emulator().start();
  }

  /**
   * The demo's Atlas: its key and project, the cluster and federated database the samples' scopes
   * name, and a 2 s apply delay, so that each user is Reconciling (ClustersApplying) until the
   * emulator reports it applied, as Atlas does.
   */
  private static AtlasEmulator.Builder emulator() {
    return AtlasEmulator.builder()
        .apiKey(PUBLIC_KEY, PRIVATE_KEY)
        .project(PROJECT)
        .cluster(PROJECT, "analytics-cluster")
        .federatedDatabase(PROJECT, "sales-lake")
        .applyDelay(Duration.ofSeconds(2));
  }

  /** One connection Secret as an application reads it, its password masked wherever it appears. */
  static void printConnectionSecret(LocalKubeApiServer kube, String name) {
    var secret = kube.client().secrets().inNamespace("demo").withName(name).get();
    Map<String, String> data = new java.util.TreeMap<>();
    secret
        .getData()
        .forEach(
            (k, v) ->
                data.put(
                    k,
                    new String(
                        java.util.Base64.getDecoder().decode(v),
                        java.nio.charset.StandardCharsets.UTF_8)));
    String password = data.getOrDefault("password", "");
    System.out.println("   Secret demo/" + name + " (password masked):");
    data.forEach(
        (k, v) ->
            System.out.printf(
                "     %-28s %s%n", k, password.isEmpty() ? v : v.replace(password, "********")));
  }

  private static void printKeepBanner(Path kubeconfig, Path kubectl, String atlasUrl) {
    String apply = "' | kubectl -n demo apply -f -";
    System.out.println(
        String.join(
            "\n",
            "Done: every sample is Ready. Everything keeps running until Ctrl-C (or SIGTERM).",
            "In another shell:",
            "   export KUBECONFIG=" + kubeconfig.toAbsolutePath(),
            "   alias kubectl=" + kubectl,
            "   kubectl get adbu -A",
            "Atlas emulator: "
                + atlasUrl
                + "  API key "
                + PUBLIC_KEY
                + ":"
                + PRIVATE_KEY
                + "  project "
                + PROJECT,
            "   curl --digest -u "
                + PUBLIC_KEY
                + ":"
                + PRIVATE_KEY
                + " -H 'Accept: application/vnd.atlas.2023-01-01+json' "
                + atlasUrl
                + "api/atlas/v2/groups/"
                + PROJECT
                + "/databaseUsers",
            "Your own user (a password Secret labelled atlas.mongodb.com/type=credentials):",
            "   echo '{apiVersion: v1, kind: Secret, metadata: {name: my-app-password, labels:"
                + " {atlas.mongodb.com/type: credentials}}, stringData: {password:"
                + " choose-a-long-password}}"
                + apply,
            "   echo '{apiVersion: atlasoperator.io/v1alpha1, kind: AtlasDatabaseUser, metadata:"
                + " {name: my-app}, spec: {projectId: "
                + PROJECT
                + ", username: my-app, passwordSecretRef: {name: my-app-password}, roles:"
                + " [{roleName: read, databaseName: shop}]}}"
                + apply,
            "   kubectl -n demo get adbu"));
  }

  /**
   * The shutdown hook with --keep: waits for a startup in progress to finish (so that no etcd or
   * kube-apiserver half started is left behind), then stops the operator, the emulator and the API
   * server.
   */
  private static void stopOnSignal(Started started, CountDownLatch startupOver) {
    started.stopRequested = true;
    try {
      startupOver.await(3, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (started.isEmpty()) {
      return;
    }
    System.out.println("Stopping the operator, the Atlas emulator, kube-apiserver and etcd ...");
    try {
      started.close();
      System.out.println("Stopped.");
    } catch (Exception e) {
      System.err.println("Could not stop everything: " + e);
    }
  }

  /** What the demo started, stopped once in reverse order: when it ends, or on a signal. */
  static final class Started implements AutoCloseable {
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    volatile boolean stopRequested;

    synchronized <T extends AutoCloseable> T add(T resource) {
      running.push(resource);
      return resource;
    }

    synchronized boolean isEmpty() {
      return running.isEmpty();
    }

    @Override
    public synchronized void close() throws java.io.IOException {
      java.io.IOException failure = null;
      while (!running.isEmpty()) {
        try {
          running.pop().close();
        } catch (Exception e) {
          if (failure == null) {
            failure = new java.io.IOException("could not stop everything", e);
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  /** The samples as one YAML stream, as they are in the repository. */
  static String samples() throws IOException {
    StringBuilder yaml = new StringBuilder();
    try (Stream<Path> files = Files.list(SAMPLES)) {
      for (Path file : files.filter(f -> !f.endsWith("kustomization.yaml")).sorted().toList()) {
        yaml.append(Files.readString(file)).append("\n---\n");
      }
    }
    return yaml.toString();
  }

  static void waitUntilReady(LocalKubeApiServer kube, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      var items =
          kube.client().resources(AtlasDatabaseUser.class).inNamespace("demo").list().getItems();
      if (!items.isEmpty() && items.stream().allMatch(LocalKubeApiServer::ready)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "the samples did not all become Ready within "
            + timeout
            + "\n"
            + io.atlasoperator.testing.WhyNotReady.resources(kube.client()));
  }

  private static void print(Kubectl.Result result) {
    result.stdout().lines().forEach(line -> System.out.println("   " + line));
    System.err.print(result.stderr());
    if (!result.succeeded()) {
      throw new IllegalStateException("kubectl exited with " + result.exitCode());
    }
  }
}
