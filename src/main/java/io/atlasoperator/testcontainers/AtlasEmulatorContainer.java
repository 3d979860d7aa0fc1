package io.atlasoperator.testcontainers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The Atlas emulator image (an HTTP server that behaves like the MongoDB Atlas Administration API's
 * {@code databaseUsers} resource, with Digest-authenticated API keys) as a Testcontainers
 * container, for testing your own Atlas clients in CI:
 *
 * <pre>{@code
 * try (AtlasEmulatorContainer atlas =
 *     new AtlasEmulatorContainer()
 *         .withApiKey("ci-public", "ci-private")
 *         .withProject("5356823b3794dee37132bb7b")
 *         .withFault(503, "POST", 1)) {
 *   atlas.start();
 *   // atlas.getBaseUrl(), atlas.getPublicKey(), atlas.getPrivateKey()
 * }
 * }</pre>
 *
 * <p>The emulator has no admin channel: clusters, flex clusters, federated databases, stream
 * instances and the apply delay are set here, before the start, and clusters stay IDLE; tests that
 * create, pause or delete clusters while running use the embedded {@code AtlasEmulator}.
 *
 * <p>Without {@link #withApiKey} the container has one key, {@link #DEFAULT_PUBLIC_KEY}:{@link
 * #DEFAULT_PRIVATE_KEY}. A project without keys listed is open to every key. Faults and latency
 * apply to authenticated requests only (the Digest challenge is never delayed or failed), in the
 * order they were added. The container's command is built from these settings at start; do not set
 * it with {@code withCommand}.
 */
public class AtlasEmulatorContainer extends GenericContainer<AtlasEmulatorContainer> {

  /** The image's name; tag it with the emulator's version ({@link #VERSION}). */
  public static final DockerImageName DEFAULT_IMAGE_NAME = DockerImageName.parse("atlas-emulator");

  /** The version of the build this class came from: the default image's tag. */
  public static final String VERSION = readVersion();

  /** The port the emulator listens on inside the container. */
  public static final int PORT = 8090;

  public static final String DEFAULT_PUBLIC_KEY = "emulator-public";
  public static final String DEFAULT_PRIVATE_KEY = "emulator-private-key";

  private static final Pattern NAME = Pattern.compile("[^\\s:=,]+");
  private static final Pattern METHOD = Pattern.compile("[A-Za-z]+");

  private final List<Key> apiKeys = new ArrayList<>();
  private final List<String> options = new ArrayList<>();

  /** The emulator of this build's version: {@code atlas-emulator:}{@link #VERSION}. */
  public AtlasEmulatorContainer() {
    this(DEFAULT_IMAGE_NAME.withTag(VERSION));
  }

  /** An emulator image by name, e.g. {@code registry.example.com/atlas-emulator:0.1.0}. */
  public AtlasEmulatorContainer(String image) {
    this(DockerImageName.parse(image));
  }

  /**
   * An emulator image; one under another name must be declared with {@code
   * asCompatibleSubstituteFor("atlas-emulator")}.
   */
  public AtlasEmulatorContainer(DockerImageName image) {
    super(compatible(image));
    addExposedPort(PORT);
    waitingFor(Wait.forLogMessage(".*Atlas emulator listening.*", 1));
  }

  /** A programmatic API key pair the emulator accepts (repeatable). */
  public AtlasEmulatorContainer withApiKey(String publicKey, String privateKey) {
    requireName("public key", publicKey);
    if (privateKey == null || privateKey.isEmpty() || privateKey.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException("private key must be non-empty, without whitespace");
    }
    apiKeys.add(new Key(publicKey, privateKey));
    return self();
  }

  /**
   * A project (Atlas group id), open to the listed public keys only, or to every key when none are
   * listed (repeatable).
   */
  public AtlasEmulatorContainer withProject(String projectId, String... publicKeys) {
    requireName("project id", projectId);
    for (String key : publicKeys) {
      requireName("public key", key);
    }
    options.add("--project");
    options.add(
        publicKeys.length == 0 ? projectId : projectId + "=" + String.join(",", publicKeys));
    return self();
  }

  /** A custom database role defined in a project, usable as a user's roleName (repeatable). */
  public AtlasEmulatorContainer withCustomRole(String projectId, String role) {
    requireName("project id", projectId);
    requireName("role", role);
    return option("--custom-role", projectId + ":" + role);
  }

  /**
   * Answers the next {@code times} requests with {@code method} (any method when null) with {@code
   * status} and an Atlas error body; a 429 carries {@code Retry-After: 1}.
   */
  public AtlasEmulatorContainer withFault(int status, String method, int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1: " + times);
    }
    if (method != null && !METHOD.matcher(method).matches()) {
      throw new IllegalArgumentException("not an HTTP method: " + method);
    }
    return option("--fault", status(status) + ":" + (method == null ? "" : method) + ":" + times);
  }

  /**
   * Answers every request with {@code status} and an Atlas error body, for good; a 429 carries
   * {@code Retry-After: 1}.
   */
  public AtlasEmulatorContainer withFault(int status) {
    return option("--fault", Integer.toString(status(status)));
  }

  /** Delays every answer by {@code delay} (to the millisecond). */
  public AtlasEmulatorContainer withLatency(Duration delay) {
    long millis = Objects.requireNonNull(delay, "delay").toMillis();
    if (delay.isNegative() || millis > 999_999_999L) {
      throw new IllegalArgumentException("latency out of range: " + delay);
    }
    return option("--latency", millis + "ms");
  }

  /**
   * A service account (OAuth 2.0 client credentials) whose Bearer tokens, from {@code POST
   * /api/oauth/token}, the API accepts (repeatable). List its client id in {@link #withProject} to
   * restrict a project to it.
   */
  public AtlasEmulatorContainer withServiceAccount(String clientId, String clientSecret) {
    requireName("client id", clientId);
    if (clientSecret == null || clientSecret.isEmpty()) {
      throw new IllegalArgumentException("client secret must be non-empty");
    }
    return option("--service-account", clientId + ":" + clientSecret);
  }

  /** A dedicated cluster (IDLE) in a project, for the v2 clusters API (repeatable). */
  public AtlasEmulatorContainer withCluster(String projectId, String name) {
    return named("--cluster", projectId, "cluster name", name);
  }

  /** A flex cluster (IDLE) in a project, for the v2 flexClusters API (repeatable). */
  public AtlasEmulatorContainer withFlexCluster(String projectId, String name) {
    return named("--flex-cluster", projectId, "flex cluster name", name);
  }

  /** A federated database instance in a project, for the v2 dataFederation API (repeatable). */
  public AtlasEmulatorContainer withFederatedDatabase(String projectId, String name) {
    return named("--federated-database", projectId, "federated database name", name);
  }

  /** A stream instance in a project, for the v2 streams API (repeatable). */
  public AtlasEmulatorContainer withStreamInstance(String projectId, String name) {
    return named("--stream-instance", projectId, "stream instance name", name);
  }

  /**
   * How long a database-user change takes to apply (to the millisecond): {@code GET
   * .../clusters/{name}/status} answers PENDING for every cluster of a project until this long
   * after its latest user write, then APPLIED. Without this, APPLIED at once.
   */
  public AtlasEmulatorContainer withApplyDelay(Duration delay) {
    long millis = Objects.requireNonNull(delay, "delay").toMillis();
    if (delay.isNegative() || millis > 999_999_999L) {
      throw new IllegalArgumentException("apply delay out of range: " + delay);
    }
    return option("--apply-delay", millis + "ms");
  }

  /** Database users a project may hold (Atlas's default: 100; 0: no limit), then 403. */
  public AtlasEmulatorContainer withUsersPerProject(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("users per project out of range: " + limit);
    }
    return option("--users-per-project", Integer.toString(limit));
  }

  /**
   * Rate-limits v2 databaseUsers requests per project: a token bucket of {@code capacity} that
   * gains {@code refillRate} tokens every {@code refillPeriod} (whole seconds, at least 1). Atlas
   * publishes no numbers for it; without this there is no limit.
   */
  public AtlasEmulatorContainer withRateLimit(int capacity, int refillRate, Duration refillPeriod) {
    long seconds = Objects.requireNonNull(refillPeriod, "refillPeriod").toSeconds();
    if (capacity < 1 || refillRate < 1 || seconds < 1 || seconds > 999_999_999L) {
      throw new IllegalArgumentException(
          "rate limit needs capacity >= 1, refill rate >= 1 and a period of at least 1s");
    }
    return option("--rate-limit", capacity + ":" + refillRate + "/" + seconds + "s");
  }

  /** Logs a line per request served, "request METHOD PATH STATUS", to the container's log. */
  public AtlasEmulatorContainer withRequestLog() {
    options.add("--log-requests");
    return self();
  }

  /** The API's base URL as seen from the test, {@code http://host:port/}. */
  public String getBaseUrl() {
    return "http://" + getHost() + ":" + getMappedPort(PORT) + "/";
  }

  /** The first API key's public part. */
  public String getPublicKey() {
    return keys().get(0).publicKey();
  }

  /** The first API key's private part. */
  public String getPrivateKey() {
    return keys().get(0).privateKey();
  }

  @Override
  protected void configure() {
    setCommand(commandLine().toArray(String[]::new));
  }

  /** The emulator's arguments for the settings so far. */
  List<String> commandLine() {
    List<String> command = new ArrayList<>(List.of("--host", "0.0.0.0", "--port", "" + PORT));
    for (Key key : keys()) {
      command.add("--api-key");
      command.add(key.publicKey() + ":" + key.privateKey());
    }
    command.addAll(options);
    return command;
  }

  private List<Key> keys() {
    return apiKeys.isEmpty() ? List.of(new Key(DEFAULT_PUBLIC_KEY, DEFAULT_PRIVATE_KEY)) : apiKeys;
  }

  private record Key(String publicKey, String privateKey) {}

  private AtlasEmulatorContainer named(String flag, String projectId, String what, String name) {
    requireName("project id", projectId);
    requireName(what, name);
    return option(flag, projectId + ":" + name);
  }

  private AtlasEmulatorContainer option(String flag, String value) {
    options.add(flag);
    options.add(value);
    return self();
  }

  private static DockerImageName compatible(DockerImageName image) {
    image.assertCompatibleWith(DEFAULT_IMAGE_NAME);
    return image;
  }

  private static int status(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("fault status must be 400 to 599: " + status);
    }
    return status;
  }

  private static void requireName(String what, String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " must be non-empty, without whitespace, ':', '=' or ',': " + value);
    }
  }

  private static String readVersion() {
    try (InputStream in = AtlasEmulatorContainer.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
