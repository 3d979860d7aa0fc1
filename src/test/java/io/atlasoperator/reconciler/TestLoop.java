package io.atlasoperator.reconciler;

import io.atlasoperator.config.CredentialsPolicy;
import io.atlasoperator.config.OperatorConfig;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.status.Reason;
import io.atlasoperator.status.StatusBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.reconciler.BaseControl;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole loop in memory, for tests that run in milliseconds: the operator's own collaborators
 * (the plan, the executor, the project cache, the cleanup, the reporter, the status builder) wired
 * as {@link Controllers} wires them, with Atlas, the Secrets, the Events and the clock in memory.
 * It plays JOSDK's part: a reconcile whose failure JOSDK would retry goes to the reporter as JOSDK
 * hands it, and the status each step builds stays on the resource, as the API server would keep it.
 */
final class TestLoop {

  static final Duration RESYNC = Duration.ofMinutes(10);
  static final String OPERATOR_NAMESPACE = "atlas-operator";
  static final String CREDENTIALS = "atlas-credentials";

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    private Instant now;

    TestClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /** An Event as recorded. */
  record Event(String resource, Reason reason, String message) {}

  /** What one step ended in and what JOSDK was told. */
  record Result(Outcome outcome, String next, boolean statusWritten) {}

  final TestClock clock =
      new TestClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  final InMemoryAtlas atlas = new InMemoryAtlas(clock);
  final List<Event> events = new ArrayList<>();
  final InMemorySecrets connectionSecrets = new InMemorySecrets();

  /** The resources woken because a status read of their project answered APPLIED. */
  final List<ResourceID> woken = new ArrayList<>();

  /** The statuses written for resources being deleted (JOSDK writes the others). */
  final List<String> deletionStatuses = new ArrayList<>();

  private final Map<ResourceID, Secret> secrets = new HashMap<>();
  private final List<AtlasDatabaseUser> resources = new ArrayList<>();
  private Reporter reporter;
  private UserLoop loop;
  private UserCleanup cleanup;
  private Connections connections;
  private GeneratedPasswords generatedPasswords;

  /**
   * The password Secrets the operator writes, in {@link #secrets}, as the API server keeps them.
   */
  final PasswordStore passwordSecrets = new PasswordStore();

  /** Writes of generated password Secrets: CREATE, REPLACE or DELETE and the Secret's name. */
  final List<String> passwordWrites = new ArrayList<>();

  static final Duration APPLY_TIMEOUT = Duration.ofMinutes(10);
  private final Map<String, Integer> attempts = new HashMap<>();
  private int secretVersion;

  TestLoop() {
    this(false);
  }

  private final boolean adoptionEnabled;

  TestLoop(boolean adoptionEnabled) {
    this.adoptionEnabled = adoptionEnabled;
    secret(OPERATOR_NAMESPACE, CREDENTIALS, Map.of("publicApiKey", "pub", "privateApiKey", "priv"));
    start();
  }

  /**
   * The operator restarts: what it keeps in memory (the project caches, the password fingerprints,
   * the writes waiting for Atlas to apply them) is gone; Atlas, the Secrets and the resources with
   * their statuses are as they were.
   */
  void restart() {
    start();
  }

  /** The meters the operator registers (the resources gauge, by reason and state). */
  final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

  private void start() {
    SecretSource source =
        id -> Optional.ofNullable(secrets.get(id)).map(s -> new SecretSource.Found(s, true));
    ReferencedSecrets referenced =
        new ReferencedSecrets(
            source,
            Optional.of(new OperatorConfig.SecretName(OPERATOR_NAMESPACE, CREDENTIALS)),
            CredentialsPolicy.allowAll());
    ProjectUserCache projectUsers = new ProjectUserCache(atlas, clock, RESYNC);
    reporter =
        new Reporter(
            new StatusBuilder(clock),
            (resource, reason, message) ->
                events.add(new Event(Ownership.ownerOf(resource), reason, message)),
            resource ->
                deletionStatuses.add(
                    Ownership.ownerOf(resource)
                        + " "
                        + StatusBuilder.readyReason(resource.getStatus()).orElse("none")),
            RESYNC,
            attempt -> Duration.ofSeconds(1L << Math.min(attempt - 1, 8)),
            metrics);
    DryRun dryRun = new DryRun(false);
    generatedPasswords =
        new GeneratedPasswords(passwordSecrets, source, new PasswordGenerator(), clock);
    connections =
        new Connections(
            new ProjectDeployments(atlas, clock, RESYNC),
            new ConnectionSecretWriter(connectionSecrets),
            clock,
            APPLY_TIMEOUT,
            RESYNC);
    connections.wakeWith(woken::add);
    loop =
        new UserLoop(
            referenced,
            projectUsers,
            new PlanExecutor(atlas, projectUsers, clock, adoptionEnabled),
            dryRun,
            reporter,
            connections,
            new PasswordFingerprints(),
            generatedPasswords,
            new PairedUsers(atlas, projectUsers, new PasswordGenerator(), passwordSecrets, clock),
            new Replacements(atlas, projectUsers));
    cleanup = new UserCleanup(atlas, projectUsers, referenced, UserCleanup.LIST_AGE, dryRun);
  }

  /** Creates or replaces a Secret; each write is a new resourceVersion, as the API server does. */
  Secret secret(String namespace, String name, Map<String, String> data) {
    Secret secret =
        new SecretBuilder()
            .withMetadata(
                new ObjectMetaBuilder()
                    .withNamespace(namespace)
                    .withName(name)
                    .withUid(namespace + "/" + name)
                    .withResourceVersion(Integer.toString(++secretVersion))
                    .build())
            .withStringData(data)
            .build();
    secrets.put(new ResourceID(name, namespace), secret);
    return secret;
  }

  Secret password(AtlasDatabaseUser resource, String value) {
    return secret(
        resource.getMetadata().getNamespace(),
        resource.getSpec().getPasswordSecretRef().getName(),
        Map.of("password", value));
  }

  /** The Secret as the API server holds it now. */
  Optional<Secret> secret(String namespace, String name) {
    return Optional.ofNullable(secrets.get(new ResourceID(name, namespace)));
  }

  /** Someone deletes a Secret. */
  void deleteSecret(String namespace, String name) {
    secrets.remove(new ResourceID(name, namespace));
  }

  /**
   * Generated password Secrets on {@link #secrets}: a name is taken once, each write a new
   * resourceVersion, a replace or delete at a stale one refused (409), as the API server does.
   */
  final class PasswordStore implements PasswordSecretStore {

    private io.fabric8.kubernetes.client.KubernetesClientException nextFailure;

    /** The next write fails so. */
    void failNext(int code) {
      nextFailure =
          new io.fabric8.kubernetes.client.KubernetesClientException("refused", code, null);
    }

    private void failIfAsked() {
      if (nextFailure != null) {
        var failure = nextFailure;
        nextFailure = null;
        throw failure;
      }
    }

    @Override
    public Optional<Secret> read(String namespace, String name) {
      return secret(namespace, name);
    }

    @Override
    public Optional<Secret> create(Secret secret) {
      failIfAsked();
      ResourceID id = ResourceID.fromResource(secret);
      if (secrets.containsKey(id)) {
        return Optional.empty();
      }
      passwordWrites.add("CREATE " + secret.getMetadata().getName());
      return Optional.of(store(secret));
    }

    @Override
    public Secret replace(Secret secret) {
      failIfAsked();
      checkVersion(secret);
      passwordWrites.add("REPLACE " + secret.getMetadata().getName());
      return store(secret);
    }

    @Override
    public void delete(Secret secret) {
      failIfAsked();
      Secret current = secrets.get(ResourceID.fromResource(secret));
      if (current != null
          && current
              .getMetadata()
              .getResourceVersion()
              .equals(secret.getMetadata().getResourceVersion())) {
        passwordWrites.add("DELETE " + secret.getMetadata().getName());
        secrets.remove(ResourceID.fromResource(secret));
      }
    }

    private void checkVersion(Secret secret) {
      Secret current = secrets.get(ResourceID.fromResource(secret));
      if (current == null
          || !current
              .getMetadata()
              .getResourceVersion()
              .equals(secret.getMetadata().getResourceVersion())) {
        throw new io.fabric8.kubernetes.client.KubernetesClientException("conflict", 409, null);
      }
    }

    private Secret store(Secret secret) {
      Secret copy = new SecretBuilder(secret).build();
      copy.getMetadata()
          .setUid(secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName());
      copy.getMetadata().setResourceVersion(Integer.toString(++secretVersion));
      secrets.put(ResourceID.fromResource(copy), copy);
      return new SecretBuilder(copy).build();
    }
  }

  /** A resource the API server holds (so that claims see it). */
  AtlasDatabaseUser apply(AtlasDatabaseUser resource) {
    resources.removeIf(r -> Ownership.ownerOf(r).equals(Ownership.ownerOf(resource)));
    resources.add(resource);
    return resource;
  }

  /** One reconcile, as JOSDK runs it. */
  Result reconcile(AtlasDatabaseUser resource) {
    String key = Ownership.ownerOf(resource);
    int attempt = attempts.getOrDefault(key, 0) + 1;
    UserLoop.Step step = loop.reconcile(resource, this::askingForTheSameUser);
    if (step.outcome() instanceof Outcome.Failed failed && failed.backoff()) {
      attempts.put(key, attempt);
      boolean written =
          reporter.retried(resource, failed, step.observed(), attempt).getResource().isPresent();
      return new Result(step.outcome(), "backoff", written);
    }
    attempts.remove(key);
    UpdateControl<AtlasDatabaseUser> control =
        reporter.reconciled(resource, step.outcome(), step.observed(), step.extras(), attempt);
    return new Result(step.outcome(), next(control), control.isPatchStatus());
  }

  /** One cleanup, as JOSDK runs it on a resource being deleted. */
  Result delete(AtlasDatabaseUser resource) {
    String key = Ownership.ownerOf(resource);
    int attempt = attempts.getOrDefault(key, 0) + 1;
    Outcome outcome = cleanup.cleanup(resource, this::askingForTheSameUser);
    if (outcome instanceof Outcome.Released) {
      outcome = generatedPasswords.released(resource, connections.released(resource, outcome));
    }
    int written = deletionStatuses.size();
    try {
      DeleteControl control = reporter.deleted(resource, outcome, attempt);
      attempts.remove(key);
      if (control.isRemoveFinalizer()) {
        resources.remove(resource);
        return new Result(outcome, "gone", deletionStatuses.size() > written);
      }
      return new Result(outcome, next(control), deletionStatuses.size() > written);
    } catch (RetriedWithBackoff e) {
      attempts.put(key, attempt);
      return new Result(outcome, "backoff", deletionStatuses.size() > written);
    }
  }

  private List<AtlasDatabaseUser> askingForTheSameUser(AtlasDatabaseUser resource) {
    String key = Ownership.indexKey(resource).get(0);
    return resources.stream().filter(r -> Ownership.indexKey(r).get(0).equals(key)).toList();
  }

  private static String next(BaseControl<?> control) {
    return control.getScheduleDelay().map(d -> "after " + Duration.ofMillis(d)).orElse("nothing");
  }

  /** The resource's Ready condition (Held when held): REASON, or "none". */
  static String ready(AtlasDatabaseUser resource) {
    return StatusBuilder.readyReason(resource.getStatus()).orElse("none");
  }
}
