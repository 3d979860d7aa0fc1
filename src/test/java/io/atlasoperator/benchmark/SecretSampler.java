package io.atlasoperator.benchmark;

import io.atlasoperator.benchmark.AcceptWindows.Verdict;
import io.atlasoperator.benchmark.KubeView.View;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Compares every connection Secret with what Atlas accepts ({@link PasswordLedger}), every {@code
 * interval} on a thread of its own, until stopped: each round reads the Secrets from the
 * benchmark's informer ({@link KubeView}, what a watching application would see), then the
 * emulator's clock, and asks the ledger about each Secret's (username, password) at that moment;
 * {@link AcceptWindows} keeps the windows.
 */
final class SecretSampler implements AutoCloseable {

  private final KubeView kube;
  private final PasswordLedger ledger;
  private final IntFunction<String> projectOfResource;
  private final Duration interval;
  private final AcceptWindows windows = new AcceptWindows();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile RuntimeException failure;

  /** Starts sampling; {@code projectOfResource}: the project of resource user-I. */
  SecretSampler(
      KubeView kube,
      PasswordLedger ledger,
      IntFunction<String> projectOfResource,
      Duration interval) {
    this.kube = kube;
    this.ledger = ledger;
    this.projectOfResource = projectOfResource;
    this.interval = interval;
    this.thread = new Thread(this::loop, "secret-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    long next = System.nanoTime();
    try {
      while (running) {
        round();
        next += interval.toNanos();
        long sleep = next - System.nanoTime();
        if (sleep > 0) {
          Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        } else {
          next = System.nanoTime(); // a late round: keep the interval between the next ones
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  private void round() {
    long nanos = System.nanoTime();
    View view = kube.view();
    // After the view: a Secret seen was written before this moment.
    Instant at = ledger.now();
    Map<String, Verdict> verdicts = new HashMap<>();
    for (Secret s : view.secrets()) {
      String owner = Workload.owner(s);
      if (owner.isEmpty()) {
        continue;
      }
      String project = projectOfResource.apply(Workload.index(owner));
      String username = Workload.value(s, "username");
      String password = Workload.password(s);
      verdicts.put(
          s.getMetadata().getName(),
          username == null || password == null
              ? Verdict.UNKNOWN_USER
              : ledger.verdict(project, username, password, at));
    }
    windows.round(nanos, verdicts);
  }

  /** Stops sampling and gives the windows, those still open closed now. */
  AcceptWindows.Result stop() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join();
    if (failure != null) {
      throw failure;
    }
    return windows.finish(System.nanoTime());
  }

  /** Stops sampling, if not stopped yet (a step that failed midway). */
  @Override
  public void close() {
    if (running) {
      running = false;
      thread.interrupt();
    }
  }
}
