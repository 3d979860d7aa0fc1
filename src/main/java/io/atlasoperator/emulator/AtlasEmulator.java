package io.atlasoperator.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * An HTTP server that behaves like the MongoDB Atlas Administration API's databaseUsers resource,
 * for tests, demos and CI where the real Atlas is out of reach.
 *
 * <p>It serves v1.0 and the versioned v2 API on one state, authenticates programmatic API keys with
 * HTTP Digest and service accounts with OAuth 2.0 Bearer tokens, checks each principal's access to
 * each project, rate-limits v2 endpoint sets when told to, serves projects, clusters, flex
 * clusters, federated database instances and stream instances read-only (clusters change state as
 * tests create, pause, resume and delete them, see {@link EmulatorDeployments}), answers cluster
 * status PENDING until a user change is applied ({@link #applyDelay(java.time.Duration)}),
 * validates users with Atlas's rules and error codes, holds each project to its limit of database
 * users ({@link Builder#usersPerProject(int)}), pages lists, expires temporary users on their date
 * (by {@link #clock()}), never returns passwords, journals every request, and injects {@link
 * Fault}s on demand. Start it embedded with {@link #builder()} or standalone with {@link
 * AtlasEmulatorMain}.
 */
public final class AtlasEmulator extends EmulatorDeployments implements AutoCloseable {

  static {
    // TCP_NODELAY on the JDK HTTP server's connections: without it, Nagle's algorithm and the
    // client's delayed ACK stall every small authenticated answer by ~40 ms on loopback. Read by
    // the JDK when its first HTTP server starts in this JVM.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpListener listener;
  private final DigestAuth digest;
  private final Map<String, String> apiKeys = new ConcurrentHashMap<>();
  private final RequestJournal requests = new RequestJournal();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final ServiceAccounts serviceAccounts;
  private final RateLimits rateLimits = new RateLimits();

  private AtlasEmulator(Builder builder) {
    super(builder.clock, builder.applyDelay);
    this.listener = new HttpListener(builder.host, builder.port, builder.tls);
    this.digest = new DigestAuth(clock, builder.nonceLifetime, builder.algorithms, apiKeys::get);
    this.serviceAccounts =
        new ServiceAccounts(clock, builder.tokenLifetime, builder.tokenRequestsPerMinute);
    apiKeys.putAll(builder.apiKeys);
    builder.serviceAccounts.forEach(serviceAccounts::add);
    builder.projects.forEach((id, keys) -> addProject(id, keys.toArray(String[]::new)));
    builder.projectNames.forEach((id, name) -> projects.add(id).name = name);
    builder.customRoles.forEach((id, roles) -> roles.forEach(role -> addCustomRole(id, role)));
    builder.clusters.forEach((id, list) -> list.forEach(c -> add(id, c, false)));
    builder.flexClusters.forEach((id, list) -> list.forEach(c -> add(id, c, true)));
    builder.federatedDatabases.forEach(
        (id, list) -> list.forEach(name -> projects.add(id).federatedDatabases.add(name)));
    builder.streamInstances.forEach(
        (id, list) -> list.forEach(name -> projects.add(id).streamInstances.add(name)));
    builder.rateLimits.forEach(rateLimits::limit);
    builder.commonPasswords.forEach(p -> projects.commonPasswords.add(p.toLowerCase(Locale.ROOT)));
    projects.usersPerProject = builder.usersPerProject;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts listening; the port is the one asked for, or a free one when that was 0. */
  public synchronized AtlasEmulator start() {
    listener.start(new RequestHandler(this));
    return this;
  }

  public synchronized void stop() {
    listener.stop();
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * Forgets all users, writes (so no change is pending), journal entries and faults, refills every
   * rate-limit bucket, and resets the clock. Projects and their deployments stay, and so do issued
   * tokens (see {@link #revokeAllTokens()}).
   */
  public synchronized void reset() {
    projects.forgetUsers();
    requests.reset();
    faults.clear();
    rateLimits.refillAll();
    serviceAccounts.refillAll();
    clock.reset();
  }

  /**
   * Makes creates and updates in a project accept these top-level fields but not apply them,
   * answering with the user as it was in them: an Atlas that does not do what it was asked, for
   * testing that a client believes Atlas's answer rather than its own request. Adds the project if
   * needed; {@link #reset()} ends it.
   */
  public synchronized AtlasEmulator ignoreOnWrite(String projectId, String... fields) {
    projects.add(projectId).ignoredOnWrite.addAll(List.of(fields));
    return this;
  }

  /** The most requests served at the same time since the start or the last reset. */
  public int peakConcurrentRequests() {
    return requests.peakInFlight();
  }

  /** Starts counting the peak of concurrent requests afresh. */
  public void resetPeakConcurrentRequests() {
    requests.restartPeak();
  }

  /** Where clients reach it, e.g. http://127.0.0.1:41234/ (with the trailing slash). */
  public String baseUrl() {
    return listener.baseUrl();
  }

  public int port() {
    return listener.port();
  }

  public EmulatorClock clock() {
    return clock;
  }

  /** Adds a programmatic API key pair. */
  public AtlasEmulator addApiKey(String publicKey, String privateKey) {
    apiKeys.put(publicKey, privateKey);
    return this;
  }

  /** Adds a service account (OAuth 2.0 client id and secret). */
  public AtlasEmulator addServiceAccount(String clientId, String clientSecret) {
    serviceAccounts.add(clientId, clientSecret);
    return this;
  }

  /** Makes every access token issued so far stop working. */
  public void revokeAllTokens() {
    serviceAccounts.revokeAll();
  }

  /**
   * Rate-limits a v2 endpoint set per project from now on, each bucket starting full; {@code
   * capacity} 0 lifts the limit. No set is limited by default: Atlas publishes no numbers.
   */
  public AtlasEmulator rateLimit(
      EndpointSet set, int capacity, int refillRate, java.time.Duration refillPeriod) {
    rateLimits.limit(
        set, capacity == 0 ? null : new TokenBucket.Limit(capacity, refillRate, refillPeriod));
    return this;
  }

  /**
   * Adds a project (Atlas GROUP-ID). With principals (API public keys or service-account client
   * ids), only they may use it; without, every principal may.
   */
  public synchronized AtlasEmulator addProject(String projectId, String... principals) {
    projects.add(projectId).principals.addAll(List.of(principals));
    return this;
  }

  /** Defines a custom database role in a project, so users may be granted it. */
  public synchronized AtlasEmulator addCustomRole(String projectId, String roleName) {
    projects.add(projectId).customRoles.add(roleName);
    return this;
  }

  /** Starts injecting a fault; it applies until it runs out or {@link #clearFaults()}. */
  public Fault inject(Fault fault) {
    faults.add(fault);
    return fault;
  }

  public void clearFaults() {
    faults.clear();
  }

  /** Every request served so far, oldest first. */
  public List<JournalEntry> journal() {
    return requests.entries();
  }

  public void clearJournal() {
    requests.clear();
  }

  /** Hands each request, once served, to {@code listener}: method, path, status; no body. */
  public void onRequest(java.util.function.Consumer<JournalEntry> listener) {
    requests.listen(listener);
  }

  /** How many journaled requests match, e.g. {@code e -> e.authenticated() && e.isWrite()}. */
  public long countRequests(Predicate<JournalEntry> filter) {
    return journal().stream().filter(filter).count();
  }

  /** The user as Atlas stores it (no password, no links), if it exists. */
  public synchronized Optional<JsonNode> storedUser(
      String projectId, String databaseName, String username) {
    return projects.storedUser(projectId, databaseName, username);
  }

  /** Every user of a project as Atlas stores it. */
  public synchronized List<JsonNode> storedUsers(String projectId) {
    return projects.storedUsers(projectId);
  }

  /** The body of the last create or update of a user, password included, as it was sent. */
  public synchronized Optional<JsonNode> lastWrite(
      String projectId, String databaseName, String username) {
    return projects.lastWrite(projectId, databaseName, username);
  }

  /**
   * Changes a stored user directly, as someone using the Atlas UI would, bypassing the journal: the
   * fields of {@code changes} replace the user's. For drift tests.
   */
  public synchronized void changeBehindTheBack(
      String projectId, String databaseName, String username, ObjectNode changes) {
    projects.changeUser(projectId, databaseName, username, changes);
  }

  /** Adds a user directly, as if created in the Atlas UI. Validated by the same rules. */
  public synchronized void createBehindTheBack(String projectId, ObjectNode user) {
    projects.createUser(projectId, user);
  }

  /** Deletes a user directly, as if deleted in the Atlas UI. */
  public synchronized boolean deleteBehindTheBack(
      String projectId, String databaseName, String username) {
    return projects.deleteUser(projectId, databaseName, username);
  }

  synchronized ProjectState project(String projectId) {
    return projects.get(projectId);
  }

  synchronized Optional<ProjectState> projectNamed(String name) {
    return projects.byName(name);
  }

  /** The passwords database users may not have, in lower case (see CommonPasswords). */
  Set<String> commonPasswords() {
    return projects.commonPasswords;
  }

  ServiceAccounts serviceAccounts() {
    return serviceAccounts;
  }

  RateLimits rateLimits() {
    return rateLimits;
  }

  DigestAuth digest() {
    return digest;
  }

  List<Fault> faults() {
    return faults;
  }

  RequestJournal requests() {
    return requests;
  }

  /**
   * Configuration for an emulator; {@link #build()} makes it, {@link #start()} starts it. Its
   * settings are the methods it inherits.
   */
  public static final class Builder extends EmulatorSettings {

    private Builder() {}

    public AtlasEmulator build() {
      return new AtlasEmulator(this);
    }

    public AtlasEmulator start() {
      return build().start();
    }
  }
}
