package io.atlasoperator.benchmark;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * What the benchmark sees of one namespace through two informers (watches): the AtlasDatabaseUser
 * resources, and the connection Secrets (label {@value #SECRET_LABEL}=true, the operator's own
 * selector). Each informer also counts the changes its watch delivers: a creation, a deletion, or
 * an update whose resourceVersion differs from the one before, i.e. each write the API server
 * stored (a no-op write stores nothing and is not seen; {@link KubeWrites} counts those).
 */
final class KubeView implements AutoCloseable {

  /** The label the operator puts on every connection Secret. */
  static final String SECRET_LABEL = "atlasoperator.io/connection-secret";

  private static final Duration POLL = Duration.ofMillis(50);

  /** A moment's view: every resource and every connection Secret of the namespace. */
  record View(List<AtlasDatabaseUser> users, List<Secret> secrets) {}

  /**
   * Changes seen by one watch since the informer started; for AtlasDatabaseUsers also what each
   * update changed of the Ready condition's reason ({@link #transitions}).
   */
  static final class Changes implements ResourceEventHandler<HasMetadata> {
    private final AtomicLong count = new AtomicLong();
    private final Map<String, AtomicLong> transitions = new ConcurrentHashMap<>();

    @Override
    public void onAdd(HasMetadata obj) {
      count.incrementAndGet();
    }

    @Override
    public void onUpdate(HasMetadata before, HasMetadata after) {
      if (!Objects.equals(
          before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion())) {
        count.incrementAndGet();
        if (before instanceof AtlasDatabaseUser b && after instanceof AtlasDatabaseUser a) {
          String from = readyReason(b);
          String to = readyReason(a);
          String key = from.equals(to) ? from + " (same reason)" : from + " -> " + to;
          transitions.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        }
      }
    }

    /** Updates so far by the Ready reason before and after ("Created -> UpToDate"). */
    Map<String, Long> transitions() {
      Map<String, Long> copy = new TreeMap<>();
      transitions.forEach((k, v) -> copy.put(k, v.get()));
      return copy;
    }

    private static String readyReason(AtlasDatabaseUser user) {
      return user.getStatus() == null
          ? "no status"
          : user.getStatus().getConditions().stream()
              .filter(c -> c.getType().equals("Ready"))
              .map(c -> c.getStatus() + "/" + c.getReason())
              .findFirst()
              .orElse("no Ready");
    }

    @Override
    public void onDelete(HasMetadata obj, boolean finalStateUnknown) {
      count.incrementAndGet();
    }

    long count() {
      return count.get();
    }
  }

  private final SharedIndexInformer<AtlasDatabaseUser> users;
  private final SharedIndexInformer<Secret> secrets;
  private final Changes userChanges = new Changes();
  private final Changes secretChanges = new Changes();

  KubeView(KubernetesClient client, String namespace) {
    this.users = client.resources(AtlasDatabaseUser.class).inNamespace(namespace).inform();
    this.secrets = client.secrets().inNamespace(namespace).withLabel(SECRET_LABEL, "true").inform();
    users.addEventHandler(userChanges);
    secrets.addEventHandler(secretChanges);
  }

  View view() {
    return new View(users.getStore().list(), secrets.getStore().list());
  }

  /** Changes to AtlasDatabaseUsers (spec or status) the watch has seen so far. */
  long userChanges() {
    return userChanges.count();
  }

  /** Updates to AtlasDatabaseUsers so far, by Ready reason before and after. */
  Map<String, Long> userTransitions() {
    return userChanges.transitions();
  }

  /** Changes to connection Secrets the watch has seen so far. */
  long secretChanges() {
    return secretChanges.count();
  }

  /**
   * Waits until the view satisfies {@code converged}, checking {@code alive} on the way; returns
   * the time since {@code startNanos}.
   */
  Duration await(Predicate<View> converged, long startNanos, Duration timeout, Runnable alive)
      throws InterruptedException {
    long deadline = startNanos + timeout.toNanos();
    View view;
    while (!converged.test(view = view())) {
      stalled(view.users());
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "not converged after "
                + timeout.toSeconds()
                + " s: "
                + view.users().stream()
                    .filter(io.atlasoperator.testing.LocalKubeApiServer::ready)
                    .count()
                + " of "
                + view.users().size()
                + " resources Ready, "
                + view.secrets().size()
                + " connection Secrets");
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

  @Override
  public void close() {
    users.close();
    secrets.close();
  }
}
