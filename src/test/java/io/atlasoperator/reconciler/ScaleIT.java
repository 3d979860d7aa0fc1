package io.atlasoperator.reconciler;

import static io.atlasoperator.testing.OperatorEnvironment.scramUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.emulator.Fault;
import io.atlasoperator.emulator.JournalEntry;
import io.atlasoperator.testing.OperatorEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Atlas calls are the cost that matters (Atlas rate-limits its Admin API per project): one write
 * per created user, in steady state one shared list per project per resync interval and no per-user
 * reads, and at most the configured number of calls in flight.
 */
class ScaleIT {

  static final int USERS = 20;

  @RegisterExtension
  static final OperatorEnvironment ENV = new OperatorEnvironment(Duration.ofSeconds(2));

  @Test
  void manyUsersCostOneWriteEachThenOneListPerIntervalWithBoundedConcurrency()
      throws InterruptedException {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.atlas().inject(Fault.latency(Duration.ofMillis(100)).forProject(project));
    IntStream.range(0, USERS)
        .forEach(i -> ENV.password(ns, "user-" + i + "-password", "s3cret-" + i));

    IntStream.range(0, USERS)
        .forEach(i -> ENV.create(scramUser(ns, "user-" + i, project, "user-" + i)));
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                ENV
                        .client()
                        .resources(AtlasDatabaseUser.class)
                        .inNamespace(ns)
                        .list()
                        .getItems()
                        .stream()
                        .filter(
                            r ->
                                ENV.condition(r, "Ready")
                                    .map(c -> "True".equals(c.getStatus()))
                                    .orElse(false))
                        .count()
                    == USERS);

    assertThat(ENV.atlasWrites(project))
        .hasSize(USERS)
        .allMatch(e -> e.method().equals("POST") && e.status() == 201);
    assertThat(
            ENV.atlasCalls(
                project, e -> e.method().equals("GET") && !e.path().endsWith("/databaseUsers")))
        .isEmpty();

    ENV.atlas().clearFaults();
    ENV.atlas().clearJournal();
    Duration window = ENV.resync().multipliedBy(5);
    Thread.sleep(window.toMillis());

    List<JournalEntry> steady = ENV.atlasCalls(project, e -> true);
    long lists = steady.stream().filter(e -> e.path().endsWith("/databaseUsers")).count();
    assertThat(steady)
        .allMatch(e -> e.method().equals("GET") && e.path().endsWith("/databaseUsers"));
    assertThat(lists).isBetween(3L, 6L);
    System.out.printf(
        "ScaleIT: %d users, steady state %d list calls in %ds (resync %ds), 0 reads of single users, 0 writes%n",
        USERS, lists, window.toSeconds(), ENV.resync().toSeconds());
  }
}
