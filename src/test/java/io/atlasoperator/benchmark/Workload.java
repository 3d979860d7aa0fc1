package io.atlasoperator.benchmark;

import io.atlasoperator.benchmark.KubeView.View;
import io.atlasoperator.crd.Annotations;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.PasswordGeneration;
import io.atlasoperator.crd.PasswordRotation;
import io.atlasoperator.crd.Role;
import io.atlasoperator.crd.RotationStrategy;
import io.atlasoperator.testing.LocalKubeApiServer;
import io.atlasoperator.testing.OperatorEnvironment;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * The Kubernetes side of one run: USERS AtlasDatabaseUser resources user-I in one namespace, user I
 * in project I mod PROJECTS with its password in Secret user-I-password (or, with generated
 * passwords, none: the operator generates it; with two-users, each resource is Atlas users user-I
 * and user-I-b taking turns); the changes the steps make to them; and informers ({@link KubeView})
 * on them and on their connection Secrets, to see when the operator has caught up.
 */
final class Workload implements AutoCloseable {

  private final KubernetesClient client;
  private final String namespace;
  private final List<String> projects;
  private final int users;
  private final int secretsPerUser;
  private final String passwords;
  private final Duration grace;
  private final KubeView kube;
  private final ExecutorService writers = Executors.newFixedThreadPool(8);

  /** Users without connection Secrets to wait for (projects without clusters). */
  Workload(KubernetesClient client, String namespace, List<String> projects, int users) {
    this(client, namespace, projects, users, 0);
  }

  /** Users each of which gets {@code secretsPerUser} connection Secrets. */
  Workload(
      KubernetesClient client,
      String namespace,
      List<String> projects,
      int users,
      int secretsPerUser) {
    this(client, namespace, projects, users, secretsPerUser, Options.GIVEN, Duration.ZERO);
  }

  /**
   * {@code users} resources each of which gets {@code secretsPerUser} connection Secrets, with
   * passwords as {@link Options#passwords} says ({@code grace}: the TwoUsers gracePeriod).
   */
  Workload(
      KubernetesClient client,
      String namespace,
      List<String> projects,
      int users,
      int secretsPerUser,
      String passwords,
      Duration grace) {
    this.client = client;
    this.namespace = namespace;
    this.projects = projects;
    this.users = users;
    this.secretsPerUser = secretsPerUser;
    this.passwords = passwords;
    this.grace = grace;
    this.kube = new KubeView(client, namespace);
  }

  static String name(int user) {
    return "user-" + user;
  }

  String project(int user) {
    return projects.get(user % projects.size());
  }

  /** How many of the users {@code 0..count-1} are in each project, by project id. */
  Map<String, Long> perProject(int count) {
    Map<String, Long> counts = new HashMap<>();
    for (int i = 0; i < count; i++) {
      counts.merge(project(i), 1L, Long::sum);
    }
    return counts;
  }

  /** The index I of resource user-I. */
  static int index(String name) {
    return Integer.parseInt(name.substring("user-".length()));
  }

  /** The resources' Atlas users in each project (two per resource with two-users). */
  Map<String, Long> atlasUsersPerProject() {
    Map<String, Long> counts = perProject(users);
    counts.replaceAll((p, n) -> passwords.equals(Options.TWO_USERS) ? 2 * n : n);
    return counts;
  }

  /** The password Secrets, before any clock starts; none when the operator generates them. */
  void createPasswords() throws Exception {
    if (!passwords.equals(Options.GIVEN)) {
      return;
    }
    forEachUser(
        users,
        i ->
            client
                .secrets()
                .inNamespace(namespace)
                .resource(
                    new io.fabric8.kubernetes.api.model.SecretBuilder()
                        .withNewMetadata()
                        .withName(name(i) + "-password")
                        .withNamespace(namespace)
                        .withLabels(Map.of(LocalKubeApiServer.SECRET_LABEL, "credentials"))
                        .endMetadata()
                        .withStringData(Map.of("password", "bench-" + i + "-" + System.nanoTime()))
                        .build())
                .create());
  }

  /**
   * Step 1: every user, SCRAM with one role, as OperatorEnvironment.scramUser makes them; with
   * generated passwords without passwordSecretRef, and with two-users rotated by TwoUsers.
   */
  void createUsers() throws Exception {
    forEachUser(users, i -> client.resource(resource(i)).create());
  }

  private AtlasDatabaseUser resource(int i) {
    AtlasDatabaseUser r = OperatorEnvironment.scramUser(namespace, name(i), project(i), name(i));
    if (!passwords.equals(Options.GIVEN)) {
      r.getSpec().setPasswordSecretRef(null);
    }
    if (passwords.equals(Options.TWO_USERS)) {
      PasswordRotation rotation = new PasswordRotation();
      rotation.setStrategy(RotationStrategy.TwoUsers);
      rotation.setGracePeriod(grace.toSeconds() + "s");
      PasswordGeneration generation = new PasswordGeneration();
      generation.setRotation(rotation);
      r.getSpec().setPasswordGeneration(generation);
    }
    return r;
  }

  /**
   * Step 4 with generated passwords: asks every resource for a rotation, annotating it with {@code
   * value} (one JSON merge patch each, eight at a time).
   */
  void requestRotations(String value) throws Exception {
    String patch =
        "{\"metadata\":{\"annotations\":{\""
            + Annotations.ROTATE_PASSWORD
            + "\":\""
            + value
            + "\"}}}";
    forEachUser(
        users,
        i ->
            client
                .resources(AtlasDatabaseUser.class)
                .inNamespace(namespace)
                .withName(name(i))
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch));
  }

  /** Step 3: adds a role to users 0..count-1; converged when each has its new generation. */
  Predicate<View> changeSpecs(int count) throws Exception {
    Map<String, Long> generations = new java.util.concurrent.ConcurrentHashMap<>();
    forEachUser(
        count,
        i -> {
          AtlasDatabaseUser edited =
              client
                  .resources(AtlasDatabaseUser.class)
                  .inNamespace(namespace)
                  .withName(name(i))
                  .edit(
                      r -> {
                        r.getSpec().getRoles().add(new Role("read", "reports", null));
                        return r;
                      });
          generations.put(name(i), edited.getMetadata().getGeneration());
        });
    return view ->
        view.users().stream()
                .filter(r -> generations.containsKey(r.getMetadata().getName()))
                .filter(r -> r.getStatus() != null && r.getStatus().getObservedGeneration() != null)
                .filter(LocalKubeApiServer::ready)
                .filter(
                    r ->
                        r.getStatus().getObservedGeneration()
                            >= generations.get(r.getMetadata().getName()))
                .count()
            == count;
  }

  /**
   * Step 4: new passwords for users 0..count-1; converged when each has applied its new one and
   * each of its connection Secrets holds it.
   */
  Predicate<View> rotatePasswords(int count) throws Exception {
    Map<String, String> versions = new java.util.concurrent.ConcurrentHashMap<>();
    Map<String, String> passwords = new java.util.concurrent.ConcurrentHashMap<>();
    forEachUser(
        count,
        i -> {
          Secret s =
              client
                  .secrets()
                  .inNamespace(namespace)
                  .withName(name(i) + "-password")
                  .edit(
                      secret -> {
                        String password = "rotated-" + i + "-" + System.nanoTime();
                        passwords.put(name(i), password);
                        secret.setData(null);
                        secret.setStringData(Map.of("password", password));
                        return secret;
                      });
          versions.put(
              name(i),
              s.getMetadata().getUid() + "/" + s.getMetadata().getResourceVersion() + "/password");
        });
    Predicate<View> applied =
        view ->
            view.users().stream()
                    .filter(LocalKubeApiServer::ready)
                    .filter(
                        r ->
                            r.getStatus().getAppliedPasswordVersion() != null
                                && r.getStatus()
                                    .getAppliedPasswordVersion()
                                    .equals(versions.get(r.getMetadata().getName())))
                    .count()
                == count;
    return applied.and(
        view ->
            view.secrets().stream()
                    .filter(s -> passwords.containsKey(owner(s)))
                    .filter(s -> passwords.get(owner(s)).equals(password(s)))
                    .count()
                == (long) count * secretsPerUser);
  }

  /** The password a connection Secret holds (its default key), or null. */
  static String password(Secret secret) {
    return value(secret, "password");
  }

  /** A key of a Secret's data, decoded, or null. */
  static String value(Secret secret, String key) {
    String encoded = secret.getData() == null ? null : secret.getData().get(key);
    return encoded == null
        ? null
        : new String(
            java.util.Base64.getDecoder().decode(encoded), java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Step 5: deletes every user resource; converged when none is left in Kubernetes, nor any of
   * their connection Secrets ({@link #none}). Returns the deletecollection requests it took.
   */
  int deleteAll() {
    // One deletecollection of a thousand objects can outlast the client's request timeout on a
    // busy machine; it is idempotent, so it is asked again (what is gone stays gone).
    for (int attempt = 1; ; attempt++) {
      try {
        client.resources(AtlasDatabaseUser.class).inNamespace(namespace).delete();
        return attempt;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  /**
   * Every user exists and is Ready, and has all its connection Secrets ({@link #allUsersReady} and
   * {@link #allSecrets}).
   */
  Predicate<View> allReady() {
    return allUsersReady().and(allSecrets());
  }

  /** Every user exists and is Ready. */
  Predicate<View> allUsersReady() {
    return v -> v.users().size() == users && v.users().stream().allMatch(LocalKubeApiServer::ready);
  }

  /**
   * Every user has its {@code secretsPerUser} connection Secrets (one per cluster and flex
   * cluster), each owned by it, and there is no other.
   */
  Predicate<View> allSecrets() {
    return v -> {
      if (v.secrets().size() != (long) users * secretsPerUser) {
        return false;
      }
      Map<String, Long> owned = new HashMap<>();
      v.secrets().forEach(s -> owned.merge(owner(s), 1L, Long::sum));
      for (int i = 0; i < users && secretsPerUser > 0; i++) {
        if (owned.getOrDefault(name(i), 0L) != secretsPerUser) {
          return false;
        }
      }
      return true;
    };
  }

  /** No user resource and no connection Secret is left. */
  static Predicate<View> none() {
    return v -> v.users().isEmpty() && v.secrets().isEmpty();
  }

  /** The AtlasDatabaseUser that owns a connection Secret (its owner reference), or "". */
  static String owner(Secret secret) {
    return secret.getMetadata().getOwnerReferences().stream()
        .filter(o -> o.getKind().equals("AtlasDatabaseUser"))
        .map(io.fabric8.kubernetes.api.model.OwnerReference::getName)
        .findFirst()
        .orElse("");
  }

  KubeView kube() {
    return kube;
  }

  /** Waits until the view satisfies {@code converged} (see {@link KubeView#await}). */
  Duration await(Predicate<View> converged, long startNanos, Duration timeout, Runnable alive)
      throws InterruptedException {
    return kube.await(converged, startNanos, timeout, alive);
  }

  private interface UserAction {
    void run(int user) throws Exception;
  }

  /** Runs {@code action} for users 0..count-1, eight at a time, as kubectl apply of many would. */
  private void forEachUser(int count, UserAction action) throws Exception {
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int user = i;
      done.add(
          writers.submit(
              () -> {
                action.run(user);
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
  }

  @Override
  public void close() {
    kube.close();
    writers.shutdownNow();
  }
}
