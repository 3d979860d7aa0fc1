package io.atlasoperator.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The windows in which a connection Secret held credentials Atlas did not accept, from rounds of
 * samples: in each round every connection Secret gets a {@link Verdict}; a Secret's window opens at
 * the first round that finds it not accepted and closes at the next round that finds it accepted
 * (or that no longer finds it, or at the end of the sampling). So a window is measured to the
 * sampling interval: one not-accepted sample counts as one interval, and a window shorter than the
 * interval may fall between two rounds unseen.
 *
 * <p>Also kept, for comparison, the windows by the stricter reading that counts {@link
 * Verdict#PROJECT_PENDING} as not accepted too: the Secret's password must be the user's and the
 * project's changeStatus APPLIED at that very moment, whatever user the pending write is about.
 */
final class AcceptWindows {

  /** What a Secret's (username, password) was at a sample. */
  enum Verdict {
    /** The user's password in Atlas, from a write Atlas has applied. */
    ACCEPTED,
    /** Not the user's password in Atlas (another one was written since, or the user is gone). */
    WRONG_PASSWORD,
    /** The user's password in Atlas, but Atlas has not applied that write yet. */
    NOT_APPLIED,
    /**
     * The user's password in Atlas from a write Atlas has applied, while the project is PENDING for
     * a later write (another user's): accepted, but not by the stricter reading.
     */
    PROJECT_PENDING,
    /** A user the benchmark does not know Atlas to have. */
    UNKNOWN_USER
  }

  /**
   * The windows of one sampling.
   *
   * @param rounds sampling rounds
   * @param samples Secret samples (rounds x Secrets)
   * @param meanIntervalSeconds the mean time between the starts of two rounds
   * @param secretsWithWindow Secrets that had at least one window
   * @param longestSeconds the longest window of any Secret
   * @param longestSecret the Secret that had it (null when none had a window)
   * @param meanSeconds the mean over {@code secretsWithWindow} of each one's longest window
   * @param notAccepted samples not ACCEPTED, by verdict (PROJECT_PENDING ones are accepted)
   * @param openAtEnd windows still open when the sampling ended
   * @param strictSecretsWithWindow Secrets with a window by the stricter reading
   * @param strictLongestSeconds the longest window by the stricter reading
   */
  record Result(
      long rounds,
      long samples,
      double meanIntervalSeconds,
      int secretsWithWindow,
      double longestSeconds,
      String longestSecret,
      double meanSeconds,
      Map<String, Long> notAccepted,
      int openAtEnd,
      int strictSecretsWithWindow,
      double strictLongestSeconds) {}

  private final Map<String, Long> openSince = new HashMap<>();
  private final Map<String, Long> longest = new HashMap<>();
  private final Map<String, Long> strictOpenSince = new HashMap<>();
  private final Map<String, Long> strictLongest = new HashMap<>();
  private final Map<Verdict, Long> notAccepted = new EnumMap<>(Verdict.class);
  private long rounds;
  private long samples;
  private long firstRound;
  private long lastRound;

  /** One round at {@code nanos}: each Secret's verdict, by Secret name. */
  synchronized void round(long nanos, Map<String, Verdict> verdicts) {
    if (rounds == 0) {
      firstRound = nanos;
    }
    lastRound = nanos;
    rounds++;
    for (Map.Entry<String, Verdict> e : verdicts.entrySet()) {
      samples++;
      Verdict v = e.getValue();
      if (v != Verdict.ACCEPTED) {
        notAccepted.merge(v, 1L, Long::sum);
      }
      boolean accepted = v == Verdict.ACCEPTED || v == Verdict.PROJECT_PENDING;
      track(openSince, longest, e.getKey(), accepted, nanos);
      track(strictOpenSince, strictLongest, e.getKey(), v == Verdict.ACCEPTED, nanos);
    }
    closeGone(openSince, longest, verdicts, nanos);
    closeGone(strictOpenSince, strictLongest, verdicts, nanos);
  }

  private static void track(
      Map<String, Long> open, Map<String, Long> max, String secret, boolean ok, long nanos) {
    if (ok) {
      close(open, max, secret, nanos);
    } else {
      open.putIfAbsent(secret, nanos);
    }
  }

  private static void closeGone(
      Map<String, Long> open, Map<String, Long> max, Map<String, Verdict> seen, long nanos) {
    for (String gone : new ArrayList<>(open.keySet())) {
      if (!seen.containsKey(gone)) {
        close(open, max, gone, nanos);
      }
    }
  }

  private static void close(
      Map<String, Long> open, Map<String, Long> max, String secret, long nanos) {
    Long since = open.remove(secret);
    if (since != null) {
      max.merge(secret, nanos - since, Math::max);
    }
  }

  /** Ends the sampling at {@code nanos}, closing the windows still open then. */
  synchronized Result finish(long nanos) {
    int open = openSince.size();
    closeGone(openSince, longest, Map.of(), nanos);
    closeGone(strictOpenSince, strictLongest, Map.of(), nanos);
    String worst = null;
    long max = 0;
    long sum = 0;
    for (Map.Entry<String, Long> e : new TreeMap<>(longest).entrySet()) {
      sum += e.getValue();
      if (worst == null || e.getValue() > max) {
        worst = e.getKey();
        max = e.getValue();
      }
    }
    Map<String, Long> causes = new TreeMap<>();
    notAccepted.forEach((v, n) -> causes.put(v.name(), n));
    return new Result(
        rounds,
        samples,
        rounds < 2 ? 0 : (lastRound - firstRound) / 1e9 / (rounds - 1),
        longest.size(),
        max / 1e9,
        worst,
        longest.isEmpty() ? 0 : sum / 1e9 / longest.size(),
        Collections.unmodifiableMap(causes),
        open,
        strictLongest.size(),
        strictLongest.values().stream().mapToLong(Long::longValue).max().orElse(0) / 1e9);
  }

  /**
   * When Atlas (the emulator) has applied a user write made at {@code write}, given every user
   * write of the project ({@code writes}, sorted) and the apply delay: the emulator answers
   * changeStatus PENDING while {@code now < latest write + delay} and APPLIED from then on, so the
   * write is applied from the first moment {@code t >= write + delay} at which the latest write at
   * or before {@code t} is at least {@code delay} old. Later writes postpone it while each comes
   * within the delay of the one before.
   */
  static Instant appliedAt(List<Instant> writes, Instant write, Duration delay) {
    Instant t = write.plus(delay);
    while (true) {
      Instant latest = latestAtOrBefore(writes, t);
      if (latest == null || !latest.plus(delay).isAfter(t)) {
        return t;
      }
      t = latest.plus(delay);
    }
  }

  /** The latest of the sorted {@code writes} at or before {@code t}, or null. */
  static Instant latestAtOrBefore(List<Instant> writes, Instant t) {
    int i = Collections.binarySearch(writes, t);
    int at = i >= 0 ? i : -i - 2;
    while (i >= 0 && at + 1 < writes.size() && writes.get(at + 1).equals(t)) {
      at++;
    }
    return at < 0 ? null : writes.get(at);
  }
}
