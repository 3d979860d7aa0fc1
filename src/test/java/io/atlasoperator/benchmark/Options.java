package io.atlasoperator.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's flags. Every figure has a default, so {@code scripts/benchmark.sh} alone runs the
 * whole matrix at the scale.
 *
 * @param apis Atlas API versions to run (v1.0, v2)
 * @param auths authentications to run (digest, service-account)
 * @param atlasBucket the emulator's per-project limit, the same on the databaseUsers endpoint set
 *     and on the clusters one (clusters, flex clusters and their status)
 * @param operatorBucket the operator's own per-project limit (ATLAS_OPERATOR_RATE_LIMIT)
 * @param intervals resync intervals the steady-state step watches
 * @param changePercent share of users whose spec (step 3) and password (step 4) change
 * @param stepTimeout longest a step may take before the run is declared failed
 * @param jvmFlags flags of the operator's JVM, before -jar
 * @param clusters dedicated clusters in each project (each user gets a connection Secret for each)
 * @param flexClusters flex clusters in each project (the same)
 * @param applyDelay how long the emulator's cluster status answers PENDING after each user write in
 *     the project
 * @param passwords whose passwords: {@code given} (a Secret per user, the benchmark's; step 4
 *     changes 10% of them), {@code generated} (no passwordSecretRef: the operator generates them;
 *     step 4 rotates every one with the rotate-password annotation, in place) or {@code two-users}
 *     (the same with strategy TwoUsers: USERS / 2 resources, each two Atlas users)
 * @param grace the TwoUsers gracePeriod (whole seconds)
 */
record Options(
    int users,
    int projects,
    Duration resync,
    Duration latency,
    Bucket atlasBucket,
    Bucket operatorBucket,
    List<String> apis,
    List<String> auths,
    int intervals,
    int changePercent,
    Duration stepTimeout,
    List<String> jvmFlags,
    Path out,
    int clusters,
    int flexClusters,
    Duration applyDelay,
    String passwords,
    Duration grace) {

  /** Atlas's published limit, which the emulator holds every project to. */
  static final int ATLAS_USERS_PER_PROJECT = 100;

  static final String GIVEN = "given";
  static final String GENERATED = "generated";
  static final String TWO_USERS = "two-users";

  /**
   * The image's entrypoint flags (pom.xml, Jib) in the chart's default 512Mi memory limit: there
   * MaxRAMPercentage=75 gives a 384 MB heap and, under 1792 MB, the JVM picks the Serial collector.
   */
  static final List<String> CONTAINER_JVM =
      List.of(
          "-XX:MaxRAM=512m",
          "-XX:MaxRAMPercentage=75",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-XX:+ExitOnOutOfMemoryError",
          "-XX:-UsePerfData");

  static final String USAGE =
      """
      Usage: scripts/benchmark.sh [--users N] [--projects P] [--resync 10s] [--latency 50ms]
               [--bucket C:R/PERIOD] [--operator-bucket C:R/PERIOD] [--api v1.0|v2|all]
               [--auth digest|service-account|all] [--intervals K] [--change-percent 10]
               [--step-timeout 10m] [--jvm-flags "..."] [--out target/benchmark.json]
               [--clusters N] [--flex-clusters M] [--apply-delay 0s]
               [--passwords given|generated|two-users] [--grace 10s]
      Defaults: 1000 users, 10 projects, resync 10s, latency 50ms, bucket 100:100/60s (the
      emulator's per project on the databaseUsers and on the clusters endpoint sets; the
      operator's the same), all four API x auth combinations, 3 intervals, 10%, no cluster,
      passwords given.
      --clusters and --flex-clusters put N dedicated and M flex clusters in every project: each
      user then gets N+M connection Secrets, written once the emulator's cluster status says
      APPLIED, which it says --apply-delay after the project's latest user write.
      --passwords generated: no passwordSecretRef, the operator generates the passwords; step 4
      rotates all of them (annotation atlasoperator.io/rotate-password), in place.
      --passwords two-users: the same with rotation strategy TwoUsers and gracePeriod --grace;
      USERS counts Atlas users, so USERS / 2 resources (Atlas holds 100 users per project).""";

  static Options parse(String... args) {
    int users = 1000;
    int projects = 10;
    Duration resync = Duration.ofSeconds(10);
    Duration latency = Duration.ofMillis(50);
    Bucket atlas = Bucket.parse("100:100/60s");
    Bucket operator = null;
    String api = "all";
    String auth = "all";
    int intervals = 3;
    int percent = 10;
    Duration timeout = Duration.ofMinutes(10);
    List<String> jvm = CONTAINER_JVM;
    Path out = Path.of("target", "benchmark.json");
    int clusters = 0;
    int flex = 0;
    Duration applyDelay = Duration.ZERO;
    String passwords = GIVEN;
    Duration grace = Duration.ofSeconds(10);
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String flag = rest.remove(0);
      if (flag.equals("--help") || flag.equals("-h")) {
        throw new IllegalArgumentException(USAGE);
      }
      if (rest.isEmpty()) {
        throw new IllegalArgumentException("no value after " + flag + "\n" + USAGE);
      }
      String value = rest.remove(0);
      switch (flag) {
        case "--users" -> users = positive(flag, value);
        case "--projects" -> projects = positive(flag, value);
        case "--resync" -> resync = seconds(value);
        case "--latency" -> latency = millis(value);
        case "--bucket" -> atlas = Bucket.parse(value);
        case "--operator-bucket" -> operator = Bucket.parse(value);
        case "--api" -> api = value;
        case "--auth" -> auth = value;
        case "--intervals" -> intervals = positive(flag, value);
        case "--change-percent" -> percent = positive(flag, value);
        case "--step-timeout" -> timeout = seconds(value);
        case "--jvm-flags" -> jvm = List.of(value.trim().split("\\s+"));
        case "--out" -> out = Path.of(value);
        case "--clusters" -> clusters = notNegative(flag, value);
        case "--flex-clusters" -> flex = notNegative(flag, value);
        case "--apply-delay" -> applyDelay = seconds(value);
        case "--passwords" -> passwords = value;
        case "--grace" -> grace = seconds(value);
        default -> throw new IllegalArgumentException("unknown flag " + flag + "\n" + USAGE);
      }
    }
    if (percent > 100) {
      throw new IllegalArgumentException("--change-percent is at most 100");
    }
    if (!List.of(GIVEN, GENERATED, TWO_USERS).contains(passwords)) {
      throw new IllegalArgumentException("--passwords is one of given, generated, two-users");
    }
    if (grace.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("--grace is whole seconds (the CRD's gracePeriod)");
    }
    if (passwords.equals(TWO_USERS) && users % 2 != 0) {
      throw new IllegalArgumentException(
          "--users counts Atlas users: with --passwords two-users (two per resource) it is even");
    }
    int perResource = passwords.equals(TWO_USERS) ? 2 : 1;
    long perProject = ((long) users / perResource + projects - 1) / projects * perResource;
    if (perProject > ATLAS_USERS_PER_PROJECT) {
      throw new IllegalArgumentException(
          "Atlas holds at most "
              + ATLAS_USERS_PER_PROJECT
              + " database users per project: "
              + users
              + " users in "
              + projects
              + " projects puts "
              + perProject
              + " in one");
    }
    return new Options(
        users,
        projects,
        resync,
        latency,
        atlas,
        operator == null ? atlas : operator,
        choice("--api", api, "v1.0", "v2"),
        choice("--auth", auth, "digest", "service-account"),
        intervals,
        percent,
        timeout,
        jvm,
        out,
        clusters,
        flex,
        applyDelay,
        passwords,
        grace);
  }

  /** Whether the operator generates the passwords (generated, two-users). */
  boolean generated() {
    return !passwords.equals(GIVEN);
  }

  /** Whether each resource is two Atlas users (two-users). */
  boolean twoUsers() {
    return passwords.equals(TWO_USERS);
  }

  /** Atlas users per resource: 2 with two-users, else 1. */
  int atlasUsersPerResource() {
    return twoUsers() ? 2 : 1;
  }

  /** AtlasDatabaseUser resources: one per Atlas user, or one per two with two-users. */
  int resources() {
    return users / atlasUsersPerResource();
  }

  /** Clusters and flex clusters per project: the connection Secrets each user gets. */
  int secretsPerUser() {
    return clusters + flexClusters;
  }

  /**
   * Resources changed in step 3, and in step 4 with given passwords: the first {@code
   * changePercent} of them, at least one (with given passwords, resources are users).
   */
  int changed() {
    return Math.max(1, resources() * changePercent / 100);
  }

  private static List<String> choice(String flag, String value, String... allowed) {
    if (value.equals("all")) {
      return List.of(allowed);
    }
    if (!List.of(allowed).contains(value)) {
      throw new IllegalArgumentException(
          flag + " is one of " + String.join(", ", allowed) + " or all");
    }
    return List.of(value);
  }

  private static int positive(String flag, String value) {
    int n = Integer.parseInt(value);
    if (n < 1) {
      throw new IllegalArgumentException(flag + " must be at least 1");
    }
    return n;
  }

  private static int notNegative(String flag, String value) {
    int n = Integer.parseInt(value);
    if (n < 0) {
      throw new IllegalArgumentException(flag + " must not be negative");
    }
    return n;
  }

  /** A bare number is seconds. */
  private static Duration seconds(String value) {
    return value.matches("\\d+")
        ? Duration.ofSeconds(Long.parseLong(value))
        : Bucket.duration(value);
  }

  /** A bare number is milliseconds. */
  private static Duration millis(String value) {
    return value.matches("\\d+")
        ? Duration.ofMillis(Long.parseLong(value))
        : Bucket.duration(value);
  }
}
