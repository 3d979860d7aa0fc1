package io.atlasoperator.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The settings of {@link AtlasEmulator.Builder}, which inherits every method here; kept apart so
 * that the emulator's own class stays short.
 */
abstract class EmulatorSettings {

  String host = "127.0.0.1";
  SSLContext tls;
  int port;
  Duration nonceLifetime = Duration.ofMinutes(5);
  List<String> algorithms = List.of("MD5", "SHA-256");
  EmulatorClock clock = new EmulatorClock();
  Duration tokenLifetime = Duration.ofHours(1);
  int tokenRequestsPerMinute = 50;
  final Map<String, String> apiKeys = new LinkedHashMap<>();
  final Map<String, String> serviceAccounts = new LinkedHashMap<>();
  final Map<String, List<String>> projects = new LinkedHashMap<>();
  final Map<String, String> projectNames = new LinkedHashMap<>();
  final Map<String, List<String>> customRoles = new LinkedHashMap<>();
  Duration applyDelay = Duration.ZERO;
  final Map<String, List<ClusterSpec>> clusters = new LinkedHashMap<>();
  final Map<String, List<ClusterSpec>> flexClusters = new LinkedHashMap<>();
  final Map<String, List<String>> federatedDatabases = new LinkedHashMap<>();
  final Map<String, List<String>> streamInstances = new LinkedHashMap<>();
  final Map<EndpointSet, TokenBucket.Limit> rateLimits = new EnumMap<>(EndpointSet.class);
  final List<String> commonPasswords = new ArrayList<>();
  int usersPerProject = ProjectStore.DEFAULT_USERS_PER_PROJECT;

  EmulatorSettings() {}

  private AtlasEmulator.Builder self() {
    return (AtlasEmulator.Builder) this;
  }

  /** Interface to listen on; 127.0.0.1 by default. */
  public AtlasEmulator.Builder host(String value) {
    host = value;
    return self();
  }

  /** Port to listen on; 0 (the default) picks a free one. */
  public AtlasEmulator.Builder port(int value) {
    port = value;
    return self();
  }

  /** How long a Digest nonce is good for before the answer is stale=true. */
  public AtlasEmulator.Builder nonceLifetime(Duration value) {
    nonceLifetime = value;
    return self();
  }

  /** Digest algorithms offered, in order (MD5 and SHA-256 by default). */
  public AtlasEmulator.Builder digestAlgorithms(String... values) {
    algorithms = List.of(values);
    return self();
  }

  public AtlasEmulator.Builder clock(EmulatorClock value) {
    clock = value;
    return self();
  }

  /**
   * Serves HTTPS with the key and certificate chain of a PKCS#12 keystore (e.g. made with keytool),
   * instead of plain HTTP.
   */
  public AtlasEmulator.Builder tls(Path pkcs12, char[] password) {
    tls = HttpListener.tls(pkcs12, password);
    return self();
  }

  public AtlasEmulator.Builder apiKey(String publicKey, String privateKey) {
    apiKeys.put(publicKey, privateKey);
    return self();
  }

  /**
   * A service account (OAuth 2.0 client credentials): {@code POST /api/oauth/token} gives it Bearer
   * tokens for the API.
   */
  public AtlasEmulator.Builder serviceAccount(String clientId, String clientSecret) {
    serviceAccounts.put(clientId, clientSecret);
    return self();
  }

  /**
   * A project; with principals (API public keys or service-account client ids), only they may use
   * it.
   */
  public AtlasEmulator.Builder project(String projectId, String... principals) {
    projects.computeIfAbsent(projectId, id -> new ArrayList<>()).addAll(List.of(principals));
    return self();
  }

  /** A project's name (getGroup, getGroupByName); "project-" and its id by default. */
  public AtlasEmulator.Builder projectName(String projectId, String name) {
    project(projectId);
    projectNames.put(projectId, name);
    return self();
  }

  public AtlasEmulator.Builder customRole(String projectId, String roleName) {
    project(projectId);
    customRoles.computeIfAbsent(projectId, id -> new ArrayList<>()).add(roleName);
    return self();
  }

  /**
   * Adds passwords to the emulator's small built-in list of common ones, which database users may
   * not have (400 COMMON_PASSWORD, matched ignoring case). Atlas does not publish its own list.
   */
  public AtlasEmulator.Builder commonPassword(String... passwords) {
    commonPasswords.addAll(List.of(passwords));
    return self();
  }

  /**
   * How many database users each project may hold: a create beyond it is 403
   * GROUP_USERS_LIMIT_EXCEEDED. Atlas's default, and the emulator's, is 100 (a project can have it
   * raised in Atlas); 0 lifts the limit.
   */
  public AtlasEmulator.Builder usersPerProject(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("usersPerProject must not be negative: " + value);
    }
    usersPerProject = value;
    return self();
  }

  /** A dedicated cluster in a project (IDLE), with connection strings made from its name. */
  public AtlasEmulator.Builder cluster(String projectId, String name) {
    return cluster(projectId, ClusterSpec.named(name));
  }

  /** A dedicated cluster with these connection strings (null for the one made from its name). */
  public AtlasEmulator.Builder cluster(
      String projectId, String name, String standard, String standardSrv) {
    return cluster(projectId, ClusterSpec.named(name).standard(standard).standardSrv(standardSrv));
  }

  /**
   * A dedicated cluster as specified: connection strings, private ones, CREATING for a while after
   * the emulator is built (see {@link ClusterSpec}).
   */
  public AtlasEmulator.Builder cluster(String projectId, ClusterSpec cluster) {
    project(projectId);
    clusters.computeIfAbsent(projectId, id -> new ArrayList<>()).add(cluster);
    return self();
  }

  /** A flex cluster in a project (IDLE), with connection strings made from its name. */
  public AtlasEmulator.Builder flexCluster(String projectId, String name) {
    project(projectId);
    flexClusters.computeIfAbsent(projectId, id -> new ArrayList<>()).add(ClusterSpec.named(name));
    return self();
  }

  /** A federated database instance (Data Federation, state ACTIVE) in a project. */
  public AtlasEmulator.Builder federatedDatabase(String projectId, String name) {
    project(projectId);
    federatedDatabases.computeIfAbsent(projectId, id -> new ArrayList<>()).add(name);
    return self();
  }

  /** A stream instance (Atlas Stream Processing) in a project. */
  public AtlasEmulator.Builder streamInstance(String projectId, String name) {
    project(projectId);
    streamInstances.computeIfAbsent(projectId, id -> new ArrayList<>()).add(name);
    return self();
  }

  /**
   * How long a database-user change takes to apply: cluster status is PENDING for this long after a
   * project's latest user write (see {@link AtlasEmulator#applyDelay(Duration)}); 0, the default,
   * is APPLIED at once.
   */
  public AtlasEmulator.Builder applyDelay(Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException("applyDelay must not be negative: " + value);
    }
    applyDelay = value;
    return self();
  }

  /** How long an access token lives, by the emulator clock (Atlas: one hour, the default). */
  public AtlasEmulator.Builder tokenLifetime(Duration value) {
    tokenLifetime = value;
    return self();
  }

  /**
   * Rate-limits v2 databaseUsers requests per project: a token bucket of {@code capacity}, gaining
   * {@code refillRate} tokens every {@code refillPeriod}. Atlas publishes no numbers for it, so
   * there is no limit unless this is set.
   */
  public AtlasEmulator.Builder rateLimit(int capacity, int refillRate, Duration refillPeriod) {
    return rateLimit(EndpointSet.DATABASE_USERS, capacity, refillRate, refillPeriod);
  }

  /** Rate-limits one v2 endpoint set per project (see {@link EndpointSet}). */
  public AtlasEmulator.Builder rateLimit(
      EndpointSet set, int capacity, int refillRate, Duration refillPeriod) {
    rateLimits.put(set, new TokenBucket.Limit(capacity, refillRate, refillPeriod));
    return self();
  }

  /**
   * Token requests a service account may make a minute before a 429 (Atlas: 50, the default); 0
   * lifts the limit.
   */
  public AtlasEmulator.Builder tokenEndpointRateLimit(int perMinute) {
    tokenRequestsPerMinute = perMinute;
    return self();
  }
}
