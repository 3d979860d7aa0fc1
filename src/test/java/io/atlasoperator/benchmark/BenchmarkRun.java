package io.atlasoperator.benchmark;

import io.atlasoperator.testing.LocalKubeApiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One combination of Atlas API version and authentication, from a fresh namespace, emulator and
 * operator process: the six steps ({@link Steps}), in order, on the same users.
 */
final class BenchmarkRun {

  private final Options options;
  private final LocalKubeApiServer kube;
  private final String api;
  private final String auth;
  private final List<StepResult> steps = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Map<String, String> settings = new LinkedHashMap<>();
  private final AtlasCalls calls = new AtlasCalls();
  private Emulators.Started emulator;
  private boolean atlasLimited;

  BenchmarkRun(Options options, LocalKubeApiServer kube, String api, String auth) {
    this.options = options;
    this.kube = kube;
    this.api = api;
    this.auth = auth;
  }

  RunResult run() {
    long began = System.nanoTime();
    String namespace = "bench-" + api.replace(".", "") + "-" + auth;
    List<String> projects = new ArrayList<>();
    for (int p = 0; p < options.projects(); p++) {
      projects.add(String.format("%024x", 0xbe0c000000L + p));
    }
    emulator = Emulators.start(api, auth, projects, options);
    atlasLimited = emulator.rateLimited();
    PasswordLedger ledger =
        options.generated() ? new PasswordLedger(emulator.atlas(), projects) : null;
    emulator.atlas().onRequest(ledger == null ? calls : calls.andThen(ledger));
    kube.createNamespace(namespace);
    kube.createSecret(namespace, "atlas-credentials", emulator.credentials());
    settings.put("ATLAS_BASE_URL", emulator.atlas().baseUrl());
    settings.put("ATLAS_OPERATOR_ATLAS_API", api);
    settings.put("ATLAS_OPERATOR_DEFAULT_CREDENTIALS", namespace + "/atlas-credentials");
    settings.put("ATLAS_OPERATOR_WATCH_NAMESPACES", namespace);
    settings.put("ATLAS_OPERATOR_RESYNC_INTERVAL", options.resync().toSeconds() + "s");
    settings.put("ATLAS_OPERATOR_RATE_LIMIT", options.operatorBucket().text());
    Path log = Path.of("target", "benchmark-logs", "operator-" + api + "-" + auth + ".log");
    try (Workload users =
        new Workload(
            kube.client(),
            namespace,
            projects,
            options.resources(),
            options.secretsPerUser(),
            options.passwords(),
            options.grace())) {
      users.createPasswords();
      try (OperatorProcess operator =
          OperatorProcess.start(options.jvmFlags(), kube.kubeConfigYaml(), settings, log)) {
        double ready = operator.awaitReady(Duration.ofSeconds(60));
        try {
          new Steps(
                  options,
                  calls,
                  new Floors(options, atlasLimited),
                  new KubeWrites(kube.client()),
                  users,
                  operator,
                  steps,
                  ledger)
              .run(ready);
        } finally {
          calls.writeCsv(
              log.resolveSibling("atlas-calls-" + api + "-" + auth + ".csv"),
              operator.startNanos());
        }
      }
      checkSettingsHonoured();
      return result("measured", began);
    } catch (Exception | AssertionError e) {
      notes.add("failed: " + e.getMessage() + " (operator log: " + log + ")");
      return result("failed", began);
    } finally {
      emulator.atlas().stop();
    }
  }

  /** Notes when the figures show that the operator or the emulator ignored a setting. */
  private void checkSettingsHonoured() {
    if (!atlasLimited) {
      notes.add(
          "Atlas (and the emulator) rate-limit the v2 API only: no databaseUsers call can meet a"
              + " 429 on "
              + api
              + " (the cluster reads are v2 and can); the floor is the operator's own bucket's");
    }
    AtlasCalls.Counts all = calls.since(0);
    if (!all.versions().equals(List.of(api))) {
      notes.add(
          "asked ATLAS_OPERATOR_ATLAS_API="
              + api
              + " but the operator called "
              + all.versions()
              + ": the setting is not honoured yet");
    }
    StepResult create = steps.get(0);
    if (create.ratio() != null && create.ratio() < 1.0) {
      notes.add(
          "step 1 beat the floor: neither the operator nor the emulator enforced the bucket"
              + " (ATLAS_OPERATOR_RATE_LIMIT not honoured yet?), or Secrets were written before"
              + " the emulator's apply delay had passed");
    }
  }

  private RunResult result(String outcome, long began) {
    return new RunResult(
        api,
        auth,
        outcome,
        List.copyOf(notes),
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings)),
        List.copyOf(steps),
        (System.nanoTime() - began) / 1e9);
  }

  static String mb(long bytes) {
    return String.format("%.0f MB", bytes / (1024.0 * 1024));
  }
}
