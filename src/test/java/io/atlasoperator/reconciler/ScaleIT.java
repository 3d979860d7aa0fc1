package io.atlasoperator.reconciler;

import static io.atlasoperator.testing.OperatorEnvironment.scramUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atlasoperator.atlas.CallBudget;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.emulator.EndpointSet;
import io.atlasoperator.emulator.JournalEntry;
import io.atlasoperator.testing.OperatorEnvironment;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Atlas calls are the cost that matters: Atlas rate-limits its v2 API with a token bucket per
 * project. With the emulator limiting each project to 6 calls plus 3 every 2 s and the operator
 * given the same budget: one write per created user and not one 429; a busy project does not hold
 * up a quiet one; in steady state one shared list per project per resync interval; and deleting
 * them all costs one DELETE each.
 */
class ScaleIT {

  static final int USERS = 20;
  static final CallBudget BUDGET = new CallBudget(6, 3, Duration.ofSeconds(2));

  @RegisterExtension
  static final OperatorEnvironment ENV =
      new OperatorEnvironment(Duration.ofSeconds(2), c -> c.callBudget(BUDGET));

  @Test
  void manyUsersStayUnderTheProjectsRateLimitWithOneWriteEachAndDoNotStarveAnotherProject()
      throws InterruptedException {
    ENV.atlas()
        .rateLimit(EndpointSet.DATABASE_USERS, BUDGET.capacity(), BUDGET.refill(), BUDGET.period());
    String ns = ENV.newNamespace();
    String busy = ENV.newProject();
    String quiet = ENV.newProject();
    IntStream.range(0, USERS)
        .forEach(i -> ENV.password(ns, "user-" + i + "-password", "s3cret-" + i));
    ENV.password(ns, "quiet-password", "s3cret-quiet");

    IntStream.range(0, USERS)
        .forEach(i -> ENV.create(scramUser(ns, "user-" + i, busy, "user-" + i)));
    ENV.create(scramUser(ns, "quiet", quiet, "quiet"));

    ENV.awaitReady(ns, "quiet", "True", "Created");
    long busyReadyWhenQuietWas = ready(ns, busy);
    await().atMost(Duration.ofSeconds(90)).until(() -> ready(ns, busy) == USERS);

    assertThat(busyReadyWhenQuietWas)
        .as("the quiet project's user was Ready while the busy project still waited for budget")
        .isLessThan(USERS);
    assertThat(ENV.atlasWrites(busy))
        .hasSize(USERS)
        .allMatch(e -> e.method().equals("POST") && e.status() == 201);
    assertThat(ENV.atlas().journal())
        .extracting(JournalEntry::status)
        .as("the operator's budget kept it under Atlas's limit")
        .doesNotContain(429);
    assertThat(
            IntStream.range(0, USERS)
                .mapToObj(i -> ENV.events(ns, "user-" + i))
                .flatMap(List::stream)
                .map(Event::getReason))
        .as("users whose calls waited for the budget said so")
        .contains("RateLimited");
    IntStream.range(0, USERS)
        .forEach(
            i -> {
              List<String> reasons =
                  ENV.events(ns, "user-" + i).stream().map(Event::getReason).toList();
              assertThat(reasons.subList(reasons.indexOf("Created"), reasons.size()))
                  .as("user-%d, once Ready, stays Ready while only its re-read waits", i)
                  .containsExactly("Created");
            });

    ENV.atlas().clearJournal();
    Duration window = ENV.resync().multipliedBy(5);
    Thread.sleep(window.toMillis());

    List<JournalEntry> steady = ENV.atlasCalls(busy, e -> true);
    long lists = steady.stream().filter(e -> e.path().endsWith("/databaseUsers")).count();
    // Per resync, one list of the users and one of the deployments (clusters, flex clusters),
    // shared by every user of the project; no status read, no write.
    assertThat(steady)
        .allMatch(
            e ->
                e.method().equals("GET")
                    && (e.path().endsWith("/databaseUsers")
                        || e.path().endsWith("/clusters")
                        || e.path().endsWith("/flexClusters")));
    assertThat(lists).isBetween(3L, 6L);
    assertThat(steady.stream().filter(e -> e.path().endsWith("/clusters")).count())
        .isBetween(3L, 6L);

    // Deleting them all at once costs one DELETE each, not a read and a write: with reads first,
    // every refill of the budget could go to reads while the DELETEs wait (a livelock).
    ENV.atlas().clearJournal();
    ENV.client().resources(AtlasDatabaseUser.class).inNamespace(ns).delete();
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                ENV.client()
                    .resources(AtlasDatabaseUser.class)
                    .inNamespace(ns)
                    .list()
                    .getItems()
                    .isEmpty());
    List<JournalEntry> deletion = ENV.atlasCalls(busy, e -> true);
    assertThat(deletion.stream().filter(e -> e.method().equals("DELETE"))).hasSize(USERS);
    assertThat(deletion)
        .allMatch(
            e ->
                e.method().equals("DELETE")
                    || e.path().endsWith("/databaseUsers")
                    || e.path().endsWith("Clusters")
                    || e.path().endsWith("/clusters"));
    assertThat(ENV.atlas().storedUsers(busy)).isEmpty();
    assertThat(ENV.atlas().journal()).extracting(JournalEntry::status).doesNotContain(429);
    System.out.printf(
        "ScaleIT: %d users, steady state %d list calls in %ds (resync %ds), 0 reads of single users, 0 writes%n",
        USERS, lists, window.toSeconds(), ENV.resync().toSeconds());
  }

  private static long ready(String ns, String project) {
    return ENV
        .client()
        .resources(AtlasDatabaseUser.class)
        .inNamespace(ns)
        .list()
        .getItems()
        .stream()
        .filter(r -> project.equals(r.getSpec().getProjectId()))
        .filter(r -> ENV.condition(r, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false))
        .count();
  }
}
