package io.atlasoperator.benchmark;

import io.atlasoperator.emulator.AtlasEmulator;
import io.atlasoperator.emulator.Fault;
import io.atlasoperator.testing.LocalKubeApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the person on call reads during an Atlas outage (scripts/outage-logs.sh): an operator jar
 * run as its own process manages USERS users; once they are Ready it runs steady for two resync
 * intervals, then Atlas answers 503 to every call for OUTAGE, then it recovers. The operator's log
 * lines are counted per window (steady, outage, recovery) by level, with the stack-trace lines and
 * a few examples, so that two builds can be compared: {@code --jar} names another build.
 */
public final class OutageLogs {

  private OutageLogs() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("--users", "100");
    flags.put("--projects", "10");
    flags.put("--outage", "60s");
    flags.put("--resync", "10s");
    flags.put("--jar", OperatorProcess.JAR.toString());
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!flags.containsKey(args[i])) {
        System.err.println("unknown flag " + args[i] + "; flags and defaults: " + flags);
        System.exit(2);
      }
      flags.put(args[i], args[i + 1]);
    }
    int users = Integer.parseInt(flags.get("--users"));
    Duration outage = Duration.ofSeconds(seconds(flags.get("--outage")));
    Duration resync = Duration.ofSeconds(seconds(flags.get("--resync")));
    List<String> projects = new ArrayList<>();
    for (int p = 0; p < Integer.parseInt(flags.get("--projects")); p++) {
      projects.add(String.format("%024x", 0x0a7a6e0000L + p));
    }
    Path log = Path.of("target", "outage-logs", "operator.log");
    Files.createDirectories(log.getParent());
    String namespace = "outage";
    AtlasEmulator.Builder builder = AtlasEmulator.builder().apiKey("outage-public", "outage-key");
    projects.forEach(p -> builder.project(p, "outage-public"));
    try (LocalKubeApiServer kube = LocalKubeApiServer.start();
        AtlasEmulator atlas = builder.start()) {
      kube.installCrd();
      kube.createNamespace(namespace);
      kube.createSecret(
          namespace,
          "atlas-credentials",
          Map.of("publicApiKey", "outage-public", "privateApiKey", "outage-key"));
      Map<String, String> settings = new LinkedHashMap<>();
      settings.put("ATLAS_BASE_URL", atlas.baseUrl());
      settings.put("ATLAS_OPERATOR_DEFAULT_CREDENTIALS", namespace + "/atlas-credentials");
      settings.put("ATLAS_OPERATOR_WATCH_NAMESPACES", namespace);
      settings.put("ATLAS_OPERATOR_RESYNC_INTERVAL", resync.toSeconds() + "s");
      try (Workload workload = new Workload(kube.client(), namespace, projects, users);
          OperatorProcess operator =
              OperatorProcess.start(
                  Path.of(flags.get("--jar")),
                  Options.CONTAINER_JVM,
                  kube.kubeConfigYaml(),
                  settings,
                  log)) {
        operator.awaitReady(Duration.ofSeconds(60));
        workload.createPasswords();
        workload.createUsers();
        workload.await(
            workload.allReady(), System.nanoTime(), Duration.ofMinutes(5), operator::checkAlive);
        int created = lines(log).size();

        Thread.sleep(resync.multipliedBy(2).toMillis());
        int steady = lines(log).size();

        atlas.inject(Fault.status(503));
        Thread.sleep(outage.toMillis());
        atlas.clearFaults();
        int outageEnd = lines(log).size();
        long recovery = System.nanoTime();
        Duration back =
            workload.await(
                workload.allReady(), recovery, Duration.ofMinutes(10), operator::checkAlive);
        Thread.sleep(2000);
        List<String> all = lines(log);
        System.out.printf(
            "operator %s, %d users in %d projects, resync %s, Atlas answering 503 for %s%n",
            flags.get("--jar"), users, projects.size(), resync, outage);
        report("to every user Ready (creation)", all.subList(0, created));
        report("steady, two resync intervals", all.subList(created, steady));
        report("the outage", all.subList(steady, outageEnd));
        report(
            "recovery, to every user Ready again (" + back.toSeconds() + " s)",
            all.subList(outageEnd, all.size()));
        System.out.println("\nlog: " + log);
      }
    }
  }

  private static void report(String window, List<String> lines) {
    Map<String, Integer> levels = new LinkedHashMap<>();
    for (String level : List.of("INFO", "WARN", "ERROR", "DEBUG")) {
      levels.put(level, (int) lines.stream().filter(l -> l.contains("] " + level + " ")).count());
    }
    long traces = lines.stream().filter(l -> l.startsWith("\tat ")).count();
    long other = lines.size() - traces - levels.values().stream().mapToInt(Integer::intValue).sum();
    System.out.printf(
        "%n%s: %d lines: %s, %d stack-trace frames, %d other lines (exception headers)%n",
        window, lines.size(), levels, traces, other);
    for (String level : List.of("INFO", "WARN", "ERROR")) {
      lines.stream()
          .filter(l -> l.contains("] " + level + " "))
          .limit(2)
          .forEach(
              l -> System.out.println("  " + (l.length() > 400 ? l.substring(0, 400) + "..." : l)));
    }
  }

  private static List<String> lines(Path log) throws java.io.IOException {
    return Files.readAllLines(log);
  }

  private static long seconds(String value) {
    return value.endsWith("m")
        ? Long.parseLong(value.substring(0, value.length() - 1)) * 60
        : Long.parseLong(value.replace("s", ""));
  }
}
