package io.atlasoperator.benchmark;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.Role;
import io.atlasoperator.testing.LocalKubeApiServer;
import io.atlasoperator.testing.OperatorEnvironment;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
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
 * in project I mod PROJECTS with its password in Secret user-I-password; the changes the steps make
 * to them; and an informer to see when the operator has caught up.
 */
final class Workload implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(50);

  private final KubernetesClient client;
  private final String namespace;
  private final List<String> projects;
  private final int users;
  private final SharedIndexInformer<AtlasDatabaseUser> informer;
  private final ExecutorService writers = Executors.newFixedThreadPool(8);

  Workload(KubernetesClient client, String namespace, List<String> projects, int users) {
    this.client = client;
    this.namespace = namespace;
    this.projects = projects;
    this.users = users;
    this.informer = client.resources(AtlasDatabaseUser.class).inNamespace(namespace).inform();
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

  /** The password Secrets, before any clock starts. */
  void createPasswords() throws Exception {
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

  /** Step 1: every user, SCRAM with one role, as OperatorEnvironment.scramUser makes them. */
  void createUsers() throws Exception {
    forEachUser(
        users,
        i ->
            client
                .resource(OperatorEnvironment.scramUser(namespace, name(i), project(i), name(i)))
                .create());
  }

  /** Step 3: adds a role to users 0..count-1; converged when each has its new generation. */
  Predicate<List<AtlasDatabaseUser>> changeSpecs(int count) throws Exception {
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
    return all ->
        all.stream()
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

  /** Step 4: new passwords for users 0..count-1; converged when each has applied its new one. */
  Predicate<List<AtlasDatabaseUser>> rotatePasswords(int count) throws Exception {
    Map<String, String> versions = new java.util.concurrent.ConcurrentHashMap<>();
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
                        secret.setData(null);
                        secret.setStringData(
                            Map.of("password", "rotated-" + i + "-" + System.nanoTime()));
                        return secret;
                      });
          versions.put(
              name(i),
              s.getMetadata().getUid() + "/" + s.getMetadata().getResourceVersion() + "/password");
        });
    return all ->
        all.stream()
                .filter(LocalKubeApiServer::ready)
                .filter(
                    r ->
                        r.getStatus().getAppliedPasswordVersion() != null
                            && r.getStatus()
                                .getAppliedPasswordVersion()
                                .equals(versions.get(r.getMetadata().getName())))
                .count()
            == count;
  }

  /** Step 5: deletes every user resource; converged when none is left in Kubernetes. */
  void deleteAll() {
    // One deletecollection of a thousand objects can outlast the client's request timeout on a
    // busy machine; it is idempotent, so it is asked again (what is gone stays gone).
    for (int attempt = 1; ; attempt++) {
      try {
        client.resources(AtlasDatabaseUser.class).inNamespace(namespace).delete();
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  /** Every user exists and is Ready. */
  Predicate<List<AtlasDatabaseUser>> allReady() {
    return all -> all.size() == users && all.stream().allMatch(LocalKubeApiServer::ready);
  }

  static Predicate<List<AtlasDatabaseUser>> none() {
    return List::isEmpty;
  }

  /**
   * Waits until the informer's view satisfies {@code converged}, checking {@code alive} on the way;
   * returns the time since {@code startNanos}.
   */
  Duration await(
      Predicate<List<AtlasDatabaseUser>> converged,
      long startNanos,
      Duration timeout,
      Runnable alive)
      throws InterruptedException {
    long deadline = startNanos + timeout.toNanos();
    List<AtlasDatabaseUser> all;
    while (!converged.test(all = informer.getStore().list())) {
      stalled(all);
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not converged after " + timeout.toSeconds() + " s");
      }
      alive.run();
      Thread.sleep(POLL.toMillis());
    }
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /**
   * Fails when every resource is Stalled (an error the operator retries only on a change, e.g. a
   * credentials Secret it cannot read): waiting longer would measure nothing.
   */
  private static void stalled(List<AtlasDatabaseUser> all) {
    List<io.fabric8.kubernetes.api.model.Condition> ready = new ArrayList<>();
    for (AtlasDatabaseUser r : all) {
      List<io.fabric8.kubernetes.api.model.Condition> conditions =
          r.getStatus() == null ? List.of() : r.getStatus().getConditions();
      if (conditions.stream()
          .noneMatch(c -> c.getType().equals("Stalled") && c.getStatus().equals("True"))) {
        return;
      }
      conditions.stream().filter(c -> c.getType().equals("Ready")).forEach(ready::add);
    }
    if (!ready.isEmpty()) {
      throw new IllegalStateException(
          "every resource is Stalled, e.g. "
              + ready.get(0).getReason()
              + ": "
              + ready.get(0).getMessage());
    }
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
    informer.close();
    writers.shutdownNow();
  }
}
