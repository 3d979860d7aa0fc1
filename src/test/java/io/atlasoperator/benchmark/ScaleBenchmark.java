package io.atlasoperator.benchmark;

import io.atlasoperator.testing.LocalKubeApiServer;
import java.util.ArrayList;
import java.util.List;

/**
 * How the operator scales and what it costs Atlas (scripts/benchmark.sh): the built jar run as its
 * own process against a local kube-apiserver and the in-process Atlas emulator, with latency and
 * per-project token buckets, for each Atlas API version and authentication asked for. Prints a
 * table and writes every figure to a JSON file. See {@link Options#USAGE} for the flags.
 */
public final class ScaleBenchmark {

  private ScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    long began = System.nanoTime();
    List<RunResult> runs = new ArrayList<>();
    try (LocalKubeApiServer kube = LocalKubeApiServer.start()) {
      kube.installCrd();
      for (String api : options.apis()) {
        for (String auth : options.auths()) {
          System.out.printf("--- %s %s ---%n", api, auth);
          RunResult run = new BenchmarkRun(options, kube, api, auth).run();
          System.out.printf(
              "--- %s %s: %s in %.0f s ---%n", api, auth, run.outcome(), run.wallSeconds());
          runs.add(run);
        }
      }
    }
    double wall = (System.nanoTime() - began) / 1e9;
    Report.table(options, runs, wall, System.out);
    Report.json(options, args, runs, wall);
    System.out.printf("figures: %s%n", options.out());
    boolean failed = runs.stream().anyMatch(r -> r.outcome().equals("failed"));
    System.exit(failed ? 1 : 0);
  }
}
