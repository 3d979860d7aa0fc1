package io.atlasoperator.benchmark;

import io.atlasoperator.AtlasOperator;
import io.atlasoperator.config.OperatorConfig;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.emulator.AtlasEmulator;
import io.atlasoperator.emulator.Fault;
import io.atlasoperator.emulator.JournalEntry;
import io.atlasoperator.testing.LocalKubeApiServer;
import io.atlasoperator.testing.OperatorEnvironment;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * How the operator scales, printed as figures (scripts/benchmark.sh): USERS users spread over
 * PROJECTS projects on a local API server and the Atlas emulator (with 50 ms added to each Atlas
 * answer), timed to all Ready; then the Atlas calls of a steady-state window; then heap used.
 *
 * <p>Arguments: USERS PROJECTS RESYNC_SECONDS (defaults 200 4 5).
 */
public final class ScaleBenchmark {

  private ScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int projects = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    Duration resync = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 5);
    try (LocalKubeApiServer kube = LocalKubeApiServer.start();
        AtlasEmulator atlas =
            AtlasEmulator.builder().apiKey("bench-public", "bench-private").start()) {
      kube.installCrd();
      kube.createNamespace("atlas-operator");
      kube.createNamespace("bench");
      kube.createSecret(
          "atlas-operator",
          "keys",
          Map.of("publicApiKey", "bench-public", "privateApiKey", "bench-private"));
      for (int p = 0; p < projects; p++) {
        atlas.addProject(project(p));
      }
      atlas.inject(Fault.latency(Duration.ofMillis(50)));
      OperatorConfig config =
          OperatorConfig.builder()
              .atlasBaseUrl(atlas.baseUrl())
              .defaultCredentials(new OperatorConfig.SecretName("atlas-operator", "keys"))
              .resyncInterval(resync)
              .build();
      AtlasOperator operator = AtlasOperator.start(kube.client(), config);
      try {
        for (int i = 0; i < users; i++) {
          kube.createSecret("bench", "user-" + i + "-password", Map.of("password", "s3cret-" + i));
        }
        long start = System.nanoTime();
        for (int i = 0; i < users; i++) {
          kube.client()
              .resource(
                  OperatorEnvironment.scramUser(
                      "bench", "user-" + i, project(i % projects), "user-" + i))
              .create();
        }
        while (kube
                .client()
                .resources(AtlasDatabaseUser.class)
                .inNamespace("bench")
                .list()
                .getItems()
                .stream()
                .filter(LocalKubeApiServer::ready)
                .count()
            < users) {
          Thread.sleep(100);
        }
        Duration toReady = Duration.ofNanos(System.nanoTime() - start);
        long writes = atlas.countRequests(authenticated(JournalEntry::isWrite));
        long lists = atlas.countRequests(authenticated(ScaleBenchmark::isList));
        long gets = atlas.countRequests(authenticated(e -> !e.isWrite() && !isList(e)));

        atlas.clearJournal();
        Duration window = resync.multipliedBy(4);
        Thread.sleep(window.toMillis());
        long steadyLists = atlas.countRequests(authenticated(ScaleBenchmark::isList));
        long steadyOther = atlas.countRequests(authenticated(e -> !isList(e)));

        System.gc();
        Runtime runtime = Runtime.getRuntime();
        long heapMb = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
        System.out.printf("%n=== atlas-operator scale benchmark ===%n");
        System.out.printf(
            "users %d in %d projects, resync %ds, Atlas latency 50 ms, call budget %s per project, %d reconcile threads%n",
            users,
            projects,
            resync.toSeconds(),
            config.callBudget(),
            config.maxConcurrentReconciles());
        System.out.printf(
            "all Ready after        %.1f s (%.1f users/s)%n",
            toReady.toMillis() / 1000.0, users * 1000.0 / toReady.toMillis());
        System.out.printf(
            "Atlas calls to Ready   %d writes, %d lists, %d single-user reads%n",
            writes, lists, gets);
        System.out.printf(
            "steady state, %ds      %d lists (%d projects x %d intervals), %d other calls%n",
            window.toSeconds(),
            steadyLists,
            projects,
            window.toSeconds() / resync.toSeconds(),
            steadyOther);
        System.out.printf(
            "heap used after GC     %d MB (one JVM: Maven, kube client, operator, emulator)%n",
            heapMb);
      } finally {
        operator.close();
      }
    }
    System.exit(0);
  }

  static String project(int index) {
    return String.format("%024x", 0xbe0c000000L + index);
  }

  static boolean isList(JournalEntry entry) {
    return entry.method().equals("GET") && entry.path().endsWith("/databaseUsers");
  }

  static Predicate<JournalEntry> authenticated(Predicate<JournalEntry> filter) {
    return e -> e.authenticated() && filter.test(e);
  }
}
