package io.atlasoperator.testing;

import static org.awaitility.Awaitility.await;

import io.atlasoperator.AtlasOperator;
import io.atlasoperator.config.OperatorConfig;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.AtlasDatabaseUserSpec;
import io.atlasoperator.crd.PasswordSecretRef;
import io.atlasoperator.crd.Role;
import io.atlasoperator.emulator.AtlasEmulator;
import io.atlasoperator.emulator.JournalEntry;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Everything an operator test runs against, once per test class: a real kube-apiserver with the
 * committed CRD, the Atlas emulator, and the operator itself, configured like a user would (default
 * credentials Secret, Atlas URL, resync interval, concurrency). Register it as a static field with
 * {@code @RegisterExtension}. A wait that times out in the class's tests fails with the resources
 * that were not Ready and the tail of the operator's log.
 */
public final class OperatorEnvironment
    implements BeforeAllCallback, AfterAllCallback, ExplainsTimeouts {

  public static final String OPERATOR_NAMESPACE = "atlas-operator";
  public static final String DEFAULT_CREDENTIALS = "atlas-credentials";
  public static final String PUBLIC_KEY = "operator-public";
  public static final String PRIVATE_KEY = "operator-private-placeholder";

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Duration resync;
  private final java.util.function.UnaryOperator<OperatorConfig.Builder> settings;
  private LocalKubeApiServer kube;
  private AtlasEmulator atlas;
  private AtlasOperator operator;
  private KubernetesClient operatorClient;
  private final WhyNotReady whyNotReady =
      new WhyNotReady(() -> kube == null ? null : kube.client());
  private final List<String> operatorRequests =
      java.util.Collections.synchronizedList(new ArrayList<>());

  public OperatorEnvironment(Duration resync) {
    this(resync, c -> c);
  }

  /** With settings of the test's own on top of the environment's (a policy, adoption off). */
  public OperatorEnvironment(
      Duration resync, java.util.function.UnaryOperator<OperatorConfig.Builder> settings) {
    this.resync = resync;
    this.settings = settings;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    ProcessLog.install();
    whyNotReady.showLog("the operator (in this JVM, on standard error)", ProcessLog::text);
    kube = LocalKubeApiServer.start();
    kube.installCrd();
    atlas = AtlasEmulator.builder().apiKey(PUBLIC_KEY, PRIVATE_KEY).start();
    kube.createNamespace(OPERATOR_NAMESPACE);
    // Unlabelled, as `kubectl create secret` in docs/installing.md makes it: the operator caches
    // its own
    // namespace whole, so tests that assert the exact Events would see a SecretNotLabelled.
    kube.createSecret(
        OPERATOR_NAMESPACE,
        DEFAULT_CREDENTIALS,
        Map.of("publicApiKey", PUBLIC_KEY, "privateApiKey", PRIVATE_KEY),
        Map.of());
    operatorClient =
        new io.fabric8.kubernetes.client.KubernetesClientBuilder()
            .withConfig(kube.client().getConfiguration())
            .withHttpClientBuilderConsumer(
                builder ->
                    builder.addOrReplaceInterceptor(
                        "count-requests",
                        new io.fabric8.kubernetes.client.http.Interceptor() {
                          @Override
                          public void before(
                              io.fabric8.kubernetes.client.http.BasicBuilder b,
                              io.fabric8.kubernetes.client.http.HttpRequest request,
                              RequestTags tags) {
                            operatorRequests.add(
                                request.method() + " " + request.uri().getRawPath());
                          }
                        }))
            .build();
    startOperator();
  }

  /**
   * Stops the operator as a process exit would (everything it kept in memory is gone) and starts a
   * new one on the same API server and Atlas: for tests of what survives a restart.
   */
  public void restartOperator() {
    operator.close();
    startOperator();
  }

  private void startOperator() {
    operator =
        AtlasOperator.start(
            operatorClient,
            settings
                .apply(
                    OperatorConfig.builder()
                        .atlasBaseUrl(atlas.baseUrl())
                        .defaultCredentials(
                            new OperatorConfig.SecretName(OPERATOR_NAMESPACE, DEFAULT_CREDENTIALS))
                        .resyncInterval(resync)
                        .maxConcurrentReconciles(4)
                        .retry(Duration.ofMillis(500), Duration.ofSeconds(5)))
                .build());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (operator != null) {
      operator.close();
    }
    if (operatorClient != null) {
      operatorClient.close();
    }
    if (atlas != null) {
      atlas.stop();
    }
    if (kube != null) {
      kube.close();
    }
  }

  public KubernetesClient client() {
    return kube.client();
  }

  @Override
  public WhyNotReady whyNotReady() {
    return whyNotReady;
  }

  /** What a test that timed out would say, for a test of that message. */
  public Throwable explain(Throwable failure) {
    return whyNotReady.explain(failure);
  }

  /** The operator's requests to the API server so far, as "METHOD /path", matching a filter. */
  public List<String> operatorRequests(Predicate<String> filter) {
    synchronized (operatorRequests) {
      return operatorRequests.stream().filter(filter).toList();
    }
  }

  public AtlasEmulator atlas() {
    return atlas;
  }

  public Duration resync() {
    return resync;
  }

  /** A new namespace for one test. */
  public String newNamespace() {
    String name = "test-" + COUNTER.incrementAndGet();
    kube.createNamespace(name);
    return name;
  }

  /** A namespace of a given name, for tests whose names matter (policies, long names). */
  public String namespace(String name) {
    kube.createNamespace(name);
    return name;
  }

  /** A new Atlas project, open to the operator's default key, for one test. */
  public String newProject() {
    String id = String.format("%024x", 0xa7a5000000L + COUNTER.incrementAndGet());
    atlas.addProject(id);
    return id;
  }

  public Secret secret(String namespace, String name, Map<String, String> data) {
    return kube.createSecret(namespace, name, data);
  }

  /** Replaces what a Secret holds, as a user editing it would (a rotation, a revoked key). */
  public Secret replaceSecretData(String namespace, String name, Map<String, String> data) {
    return client()
        .secrets()
        .inNamespace(namespace)
        .withName(name)
        .edit(
            s -> {
              s.setData(null);
              s.setStringData(data);
              return s;
            });
  }

  public Secret password(String namespace, String name, String value) {
    return secret(namespace, name, Map.of("password", value));
  }

  /** A SCRAM user resource with one role, its password in Secret NAME-password. */
  public static AtlasDatabaseUser scramUser(
      String namespace, String name, String projectId, String username) {
    AtlasDatabaseUser resource = new AtlasDatabaseUser();
    resource.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    AtlasDatabaseUserSpec spec = new AtlasDatabaseUserSpec();
    spec.setProjectId(projectId);
    spec.setUsername(username);
    spec.setPasswordSecretRef(new PasswordSecretRef(name + "-password", "password"));
    spec.setRoles(new ArrayList<>(List.of(new Role("readWrite", "orders", null))));
    resource.setSpec(spec);
    return resource;
  }

  public AtlasDatabaseUser create(AtlasDatabaseUser resource) {
    return client().resource(resource).create();
  }

  public AtlasDatabaseUser get(String namespace, String name) {
    return client().resources(AtlasDatabaseUser.class).inNamespace(namespace).withName(name).get();
  }

  /**
   * Edits the spec as kubectl edit would (again when the operator wrote the status in between: a
   * 409 conflict), and returns the stored resource.
   */
  public AtlasDatabaseUser edit(
      String namespace, String name, java.util.function.Consumer<AtlasDatabaseUserSpec> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        return editOnce(namespace, name, change);
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 5) {
          throw e;
        }
      }
    }
  }

  private AtlasDatabaseUser editOnce(
      String namespace, String name, java.util.function.Consumer<AtlasDatabaseUserSpec> change) {
    return client()
        .resources(AtlasDatabaseUser.class)
        .inNamespace(namespace)
        .withName(name)
        .edit(
            r -> {
              change.accept(r.getSpec());
              return r;
            });
  }

  public Optional<Condition> condition(AtlasDatabaseUser resource, String type) {
    return resource == null || resource.getStatus() == null
        ? Optional.empty()
        : resource.getStatus().getConditions().stream()
            .filter(c -> type.equals(c.getType()))
            .findFirst();
  }

  /** Waits until the resource's condition {@code type} has {@code status} and {@code reason}. */
  public AtlasDatabaseUser awaitCondition(
      String namespace, String name, String type, String status, String reason) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> get(namespace, name),
            r ->
                condition(r, type)
                    .map(c -> status.equals(c.getStatus()) && reason.equals(c.getReason()))
                    .orElse(false));
  }

  /**
   * Waits until the resource's Ready condition has {@code status} and {@code reason} for its
   * current generation (so not the condition from before an edit).
   */
  public AtlasDatabaseUser awaitReady(String namespace, String name, String status, String reason) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> get(namespace, name),
            r ->
                condition(r, "Ready")
                    .map(
                        c ->
                            status.equals(c.getStatus())
                                && reason.equals(c.getReason())
                                // about the spec as it is now, not the one before an edit
                                && Objects.equals(
                                    c.getObservedGeneration(), r.getMetadata().getGeneration()))
                    .orElse(false));
  }

  /**
   * Waits until the resource is Ready, whatever the reason (Created, then UpToDate at a resync).
   */
  public AtlasDatabaseUser awaitReady(String namespace, String name) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> get(namespace, name), io.atlasoperator.testing.LocalKubeApiServer::ready);
  }

  /** Authenticated requests the emulator served for one project matching {@code filter}. */
  public List<JournalEntry> atlasCalls(String projectId, Predicate<JournalEntry> filter) {
    return atlas.journal().stream()
        .filter(JournalEntry::authenticated)
        .filter(e -> e.path().contains("/groups/" + projectId + "/"))
        .filter(filter)
        .toList();
  }

  public List<JournalEntry> atlasWrites(String projectId) {
    return atlasCalls(projectId, JournalEntry::isWrite);
  }

  /** Events recorded on a resource, oldest first. */
  public List<Event> events(String namespace, String name) {
    return client().v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .sorted(java.util.Comparator.comparing(e -> e.getEventTime().getTime()))
        .toList();
  }
}
