package io.atlasoperator.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

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

  private final HttpListener listener;
  private final EmulatorClock clock;
  private final DigestAuth digest;
  private final Map<String, String> apiKeys = new ConcurrentHashMap<>();
  private final ProjectStore projects;
  private final RequestJournal requests = new RequestJournal();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();

  private AtlasEmulator(Builder builder) {
    this.listener = new HttpListener(builder.host, builder.port, builder.tls);
    this.clock = builder.clock;
    this.projects = new ProjectStore(clock);
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

  /** Forgets all users, writes, journal entries and faults, and resets the clock. */
  public synchronized void reset() {
    projects.forgetUsers();
    requests.reset();
    faults.clear();
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

  /**
   * Adds a project (Atlas GROUP-ID). With public keys, only those keys may use it; without, every
   * key may.
   */
  public synchronized AtlasEmulator addProject(String projectId, String... publicKeys) {
    projects.add(projectId).apiKeys.addAll(List.of(publicKeys));
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

  DigestAuth digest() {
    return digest;
  }

  List<Fault> faults() {
    return faults;
  }

  RequestJournal requests() {
    return requests;
  }

  /** Configuration for an emulator; {@link #build()} makes it, {@link #start()} starts it. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private SSLContext tls;
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
    public Builder tls(Path pkcs12, char[] password) {
      tls = HttpListener.tls(pkcs12, password);
      return this;
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
