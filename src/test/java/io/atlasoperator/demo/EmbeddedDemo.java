package io.atlasoperator.demo;

import io.atlasoperator.AtlasOperator;
import io.atlasoperator.config.OperatorConfig;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.emulator.AtlasEmulator;
import io.atlasoperator.testing.Kubectl;
import io.atlasoperator.testing.LocalKubeApiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The operator on an embedded default, end to end: a local kube-apiserver and etcd with the CRD,
 * the Atlas emulator, the operator, and operator/samples/ applied with kubectl. It waits for every
 * sample to become Ready and shows the users that now exist in the emulator.
 */
public final class EmbeddedDemo {

  static final String PROJECT = "5356823b3794dee37132bb7b";
  static final Path SAMPLES = Path.of("operator", "samples");

  private EmbeddedDemo() {}

  public static void main(String[] args) throws Exception {
    System.out.println(
        "1. Starting a local kube-apiserver " + LocalKubeApiServer.VERSION + " with etcd ...");
    try (LocalKubeApiServer kube = LocalKubeApiServer.start();
        AtlasEmulator atlas =
            AtlasEmulator.builder()
                .apiKey("demo-public-key", "demo-private-key")
                .project(PROJECT)
                .start()) {
      kube.installCrd();
      Kubectl kubectl = new Kubectl(kube);
      System.out.println("2. CRD installed; Atlas emulator on " + atlas.baseUrl());
      kube.createNamespace("atlas-operator");
      kube.createSecret(
          "atlas-operator",
          "atlas-credentials",
          Map.of("publicApiKey", "demo-public-key", "privateApiKey", "demo-private-key"));
      AtlasOperator operator =
          AtlasOperator.start(
              kube.client(),
              OperatorConfig.builder()
                  .atlasBaseUrl(atlas.baseUrl())
                  .defaultCredentials(
                      new OperatorConfig.SecretName("atlas-operator", "atlas-credentials"))
                  .resyncInterval(Duration.ofSeconds(30))
                  .build());
      try {
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
            "   Atlas calls: %d writes, %d reads (one list per project)%n", writes, reads);
        System.out.println("Done: every sample is Ready. Everything stops now.");
      } finally {
        operator.close();
      }
    }
    System.exit(0);
  }

  /**
   * The samples as one YAML stream. The temporary user's date is set to three days from now, as its
   * comment asks, so that Atlas accepts it whenever the demo runs.
   */
  static String samples() throws IOException {
    StringBuilder yaml = new StringBuilder();
    try (Stream<Path> files = Files.list(SAMPLES)) {
      for (Path file : files.filter(f -> !f.endsWith("kustomization.yaml")).sorted().toList()) {
        yaml.append(Files.readString(file)).append("\n---\n");
      }
    }
    String inThreeDays =
        Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS).toString();
    return yaml.toString()
        .replaceAll("deleteAfterDate: \"[^\"]*\"", "deleteAfterDate: \"" + inThreeDays + "\"");
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
    throw new IllegalStateException("the samples did not all become Ready within " + timeout);
  }

  private static void print(Kubectl.Result result) {
    result.stdout().lines().forEach(line -> System.out.println("   " + line));
    System.err.print(result.stderr());
    if (!result.succeeded()) {
      throw new IllegalStateException("kubectl exited with " + result.exitCode());
    }
  }
}
