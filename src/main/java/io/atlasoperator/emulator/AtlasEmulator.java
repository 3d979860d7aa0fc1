package io.atlasoperator.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * An HTTP server that behaves like the MongoDB Atlas Administration API's databaseUsers resource,
 * for tests, demos and CI where the real Atlas is out of reach.
 *
 * <p>It authenticates programmatic API keys with HTTP Digest, checks each key's access to each
 * project, validates users with Atlas's rules and error codes, pages lists, expires temporary users
 * on their date (by {@link #clock()}), never returns passwords, journals every request, and injects
 * {@link Fault}s on demand. Start it embedded with {@link #builder()} or standalone with {@link
 * AtlasEmulatorMain}.
 */
public final class AtlasEmulator implements AutoCloseable {

  static {
    // TCP_NODELAY on the JDK HTTP server's connections: without it, Nagle's algorithm and the
    // client's delayed ACK stall every small authenticated answer by ~40 ms on loopback. Read by
    // the JDK when its first HTTP server starts in this JVM.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final String host;
  private final javax.net.ssl.SSLContext tls;
  private final int requestedPort;
  private final EmulatorClock clock;
  private final DigestAuth digest;
  private final Map<String, String> apiKeys = new ConcurrentHashMap<>();
  private final Map<String, ProjectState> projects = new LinkedHashMap<>();
  private final List<JournalEntry> journal = Collections.synchronizedList(new ArrayList<>());
  private final List<Fault> faults = new CopyOnWriteArrayList<>();

  private final java.util.concurrent.atomic.AtomicInteger inFlight =
      new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger peakInFlight =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Bumped by reset(): requests received before it are not journaled after it. */
  private volatile long epoch;

  private HttpServer server;
  private ExecutorService executor;

  private AtlasEmulator(Builder builder) {
    this.tls = builder.tls;
    this.host = builder.host;
    this.requestedPort = builder.port;
    this.clock = builder.clock;
    this.digest = new DigestAuth(clock, builder.nonceLifetime, builder.algorithms, apiKeys::get);
    apiKeys.putAll(builder.apiKeys);
    builder.projects.forEach((id, keys) -> addProject(id, keys.toArray(String[]::new)));
    builder.customRoles.forEach((id, roles) -> roles.forEach(role -> addCustomRole(id, role)));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts listening; the port is the one asked for, or a free one when that was 0. */
  public synchronized AtlasEmulator start() {
    try {
      InetSocketAddress address = new InetSocketAddress(host, requestedPort);
      if (tls == null) {
        server = HttpServer.create(address, 64);
      } else {
        com.sun.net.httpserver.HttpsServer https =
            com.sun.net.httpserver.HttpsServer.create(address, 64);
        https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
        server = https;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + host + ":" + requestedPort, e);
    }
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "atlas-emulator");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", new RequestHandler(this));
    server.start();
    return this;
  }

  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Forgets all users, writes, journal entries and faults, and resets the clock. */
  public synchronized void reset() {
    projects
        .values()
        .forEach(
            p -> {
              p.users.clear();
              p.lastWrites.clear();
              p.ignoredOnWrite.clear();
            });
    epoch++;
    journal.clear();
    faults.clear();
    clock.reset();
    peakInFlight.set(0);
  }

  /**
   * Makes creates and updates in a project accept these top-level fields but not apply them,
   * answering with the user as it was in them: an Atlas that does not do what it was asked, for
   * testing that a client believes Atlas's answer rather than its own request. Adds the project if
   * needed; {@link #reset()} ends it.
   */
  public synchronized AtlasEmulator ignoreOnWrite(String projectId, String... fields) {
    addProject(projectId);
    projects.get(projectId).ignoredOnWrite.addAll(List.of(fields));
    return this;
  }

  /** The most requests served at the same time since the start or the last reset. */
  public int peakConcurrentRequests() {
    return peakInFlight.get();
  }

  /** Starts counting the peak of concurrent requests afresh. */
  public void resetPeakConcurrentRequests() {
    peakInFlight.set(inFlight.get());
  }

  void requestStarted() {
    peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
  }

  void requestFinished() {
    inFlight.decrementAndGet();
  }

  /** Where clients reach it, e.g. http://127.0.0.1:41234/ (with the trailing slash). */
  public String baseUrl() {
    return (tls == null ? "http://" : "https://") + host + ":" + port() + "/";
  }

  public int port() {
    if (server == null) {
      throw new IllegalStateException("the emulator is not started");
    }
    return server.getAddress().getPort();
  }

  public EmulatorClock clock() {
    return clock;
  }

  /** Adds a programmatic API key pair. */
  public AtlasEmulator addApiKey(String publicKey, String privateKey) {
    apiKeys.put(publicKey, privateKey);
    return this;
  }

  /**
   * Adds a project (Atlas GROUP-ID). With public keys, only those keys may use it; without, every
   * key may.
   */
  public synchronized AtlasEmulator addProject(String projectId, String... publicKeys) {
    ProjectState project = projects.computeIfAbsent(projectId, ProjectState::new);
    project.apiKeys.addAll(List.of(publicKeys));
    return this;
  }

  /** Defines a custom database role in a project, so users may be granted it. */
  public synchronized AtlasEmulator addCustomRole(String projectId, String roleName) {
    addProject(projectId);
    projects.get(projectId).customRoles.add(roleName);
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
    synchronized (journal) {
      return List.copyOf(journal);
    }
  }

  public void clearJournal() {
    synchronized (journal) {
      epoch++;
      journal.clear();
    }
  }

  /** How many journaled requests match, e.g. {@code e -> e.authenticated() && e.isWrite()}. */
  public long countRequests(Predicate<JournalEntry> filter) {
    return journal().stream().filter(filter).count();
  }

  /** The user as Atlas stores it (no password, no links), if it exists. */
  public synchronized Optional<JsonNode> storedUser(
      String projectId, String databaseName, String username) {
    ProjectState project = projects.get(projectId);
    if (project == null) {
      return Optional.empty();
    }
    project.removeExpired(clock.instant());
    return Optional.ofNullable(project.users.get(ProjectState.key(databaseName, username)))
        .map(ObjectNode::deepCopy);
  }

  /** Every user of a project as Atlas stores it. */
  public synchronized List<JsonNode> storedUsers(String projectId) {
    ProjectState project = projects.get(projectId);
    if (project == null) {
      return List.of();
    }
    project.removeExpired(clock.instant());
    return project.users.values().stream().map(u -> (JsonNode) u.deepCopy()).toList();
  }

  /** The body of the last create or update of a user, password included, as it was sent. */
  public synchronized Optional<JsonNode> lastWrite(
      String projectId, String databaseName, String username) {
    ProjectState project = projects.get(projectId);
    return project == null
        ? Optional.empty()
        : Optional.ofNullable(project.lastWrites.get(ProjectState.key(databaseName, username)))
            .map(JsonNode::deepCopy);
  }

  /**
   * Changes a stored user directly, as someone using the Atlas UI would, bypassing the journal: the
   * fields of {@code changes} replace the user's. For drift tests.
   */
  public synchronized void changeBehindTheBack(
      String projectId, String databaseName, String username, ObjectNode changes) {
    ObjectNode user = projects.get(projectId).users.get(ProjectState.key(databaseName, username));
    if (user == null) {
      throw new IllegalArgumentException("no user " + databaseName + "/" + username);
    }
    user.setAll(changes);
  }

  /** Adds a user directly, as if created in the Atlas UI. Validated by the same rules. */
  public synchronized void createBehindTheBack(String projectId, ObjectNode user) {
    addProject(projectId);
    ProjectState project = projects.get(projectId);
    ObjectNode stored = UserRules.create(user, projectId, project.customRoles, clock.instant());
    project.users.put(
        ProjectState.key(stored.get("databaseName").asText(), stored.get("username").asText()),
        stored);
  }

  /** Deletes a user directly, as if deleted in the Atlas UI. */
  public synchronized boolean deleteBehindTheBack(
      String projectId, String databaseName, String username) {
    ProjectState project = projects.get(projectId);
    return project != null
        && project.users.remove(ProjectState.key(databaseName, username)) != null;
  }

  synchronized ProjectState project(String projectId) {
    return projects.get(projectId);
  }

  DigestAuth digest() {
    return digest;
  }

  List<Fault> faults() {
    return faults;
  }

  long epoch() {
    return epoch;
  }

  void record(JournalEntry entry, long receivedInEpoch) {
    synchronized (journal) {
      if (receivedInEpoch == epoch) {
        journal.add(entry);
      }
    }
  }

  /** Configuration for an emulator; {@link #build()} makes it, {@link #start()} starts it. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private javax.net.ssl.SSLContext tls;
    private int port;
    private Duration nonceLifetime = Duration.ofMinutes(5);
    private List<String> algorithms = List.of("MD5", "SHA-256");
    private EmulatorClock clock = new EmulatorClock();
    private final Map<String, String> apiKeys = new LinkedHashMap<>();
    private final Map<String, List<String>> projects = new LinkedHashMap<>();
    private final Map<String, List<String>> customRoles = new LinkedHashMap<>();

    private Builder() {}

    /** Interface to listen on; 127.0.0.1 by default. */
    public Builder host(String value) {
      host = value;
      return this;
    }

    /** Port to listen on; 0 (the default) picks a free one. */
    public Builder port(int value) {
      port = value;
      return this;
    }

    /** How long a Digest nonce is good for before the answer is stale=true. */
    public Builder nonceLifetime(Duration value) {
      nonceLifetime = value;
      return this;
    }

    /** Digest algorithms offered, in order (MD5 and SHA-256 by default). */
    public Builder digestAlgorithms(String... values) {
      algorithms = List.of(values);
      return this;
    }

    public Builder clock(EmulatorClock value) {
      clock = value;
      return this;
    }

    /**
     * Serves HTTPS with the key and certificate chain of a PKCS#12 keystore (e.g. made with
     * keytool), instead of plain HTTP.
     */
    public Builder tls(java.nio.file.Path pkcs12, char[] password) {
      try (var in = java.nio.file.Files.newInputStream(pkcs12)) {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(in, password);
        javax.net.ssl.KeyManagerFactory keys =
            javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        return this;
      } catch (IOException | java.security.GeneralSecurityException e) {
        throw new IllegalArgumentException("cannot read the TLS keystore " + pkcs12, e);
      }
    }

    public Builder apiKey(String publicKey, String privateKey) {
      apiKeys.put(publicKey, privateKey);
      return this;
    }

    /** A project; with public keys, only they may use it. */
    public Builder project(String projectId, String... publicKeys) {
      projects.computeIfAbsent(projectId, id -> new ArrayList<>()).addAll(List.of(publicKeys));
      return this;
    }

    public Builder customRole(String projectId, String roleName) {
      project(projectId);
      customRoles.computeIfAbsent(projectId, id -> new ArrayList<>()).add(roleName);
      return this;
    }

    public AtlasEmulator build() {
      return new AtlasEmulator(this);
    }

    public AtlasEmulator start() {
      return build().start();
    }
  }
}
