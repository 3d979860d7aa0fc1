package io.atlasoperator.reconciler;

import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.status.Reason;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a step for one resource ended: reconciling it, or deleting it. Every path ends in one of
 * these, and {@link Reporter} alone turns it into the status, the Event, the log line, the metrics
 * and what JOSDK does next ({@link Reason#retry()} decides that by reason).
 */
sealed interface Outcome {

  /**
   * A plan was carried out: Atlas holds what the spec asks for (a Ready reason), Atlas's answer to
   * the write lacks some of it (NotApplied), or the temporary user is past its date and gone
   * (Expired), or it waits for Atlas to apply it on the clusters (ClustersApplying, ApplyTimedOut).
   * {@code inAtlas} is Atlas's answer (null when there is none), {@code wrote} whether Atlas or a
   * connection Secret was written to, {@code secrets} the connection Secrets it has (null: as the
   * status says), and {@code recheck} when to look again (null: at the resync).
   */
  record Applied(
      Reason reason,
      String message,
      DatabaseUser inAtlas,
      String appliedPasswordVersion,
      boolean wrote,
      List<String> secrets,
      Duration recheck)
      implements Outcome {

    Applied(
        Reason reason,
        String message,
        DatabaseUser inAtlas,
        String appliedPasswordVersion,
        boolean wrote) {
      this(reason, message, inAtlas, appliedPasswordVersion, wrote, null, null);
    }

    /** The same outcome after one more write, which {@code more} says. */
    Applied wrote(String more) {
      return new Applied(reason, more, inAtlas, appliedPasswordVersion, true, secrets, recheck);
    }

    /** The same outcome, saying more. */
    Applied withMessage(String more) {
      return new Applied(reason, more, inAtlas, appliedPasswordVersion, wrote, secrets, recheck);
    }

    /** The same outcome, looked at again after {@code after} (at the latest at the resync). */
    Applied withRecheck(Duration after) {
      return new Applied(reason, message, inAtlas, appliedPasswordVersion, wrote, secrets, after);
    }
  }

  /** Not acted on, as asked: paused, or a dry run of a write. */
  record Held(Reason reason, String message) implements Outcome {}

  /**
   * The status stays as it is: the resource failed on these same inputs in a way only a change can
   * fix (nothing was tried), or it is Ready and only its periodic re-read was held back by the call
   * budget or by Atlas's 429 ({@code failedCall}, logged; null when no call was sent). Looked at
   * again after the resync.
   */
  record Unchanged(String why, String failedCall) implements Outcome {}

  /**
   * It failed: {@code reason} and {@code message} for the status, the failed Atlas call for the log
   * (none when no call failed), Atlas's Retry-After when it gave one, what was carried out in Atlas
   * before it failed ({@code written}; null when nothing was), and the connection Secrets the
   * resource has ({@code secrets}; null: as the status says).
   */
  record Failed(
      Reason reason,
      String message,
      String failedCall,
      Duration retryAfter,
      Applied written,
      List<String> secrets)
      implements Outcome {

    Failed(Reason reason, String message, String failedCall, Duration retryAfter) {
      this(reason, message, failedCall, retryAfter, null, null);
    }

    Failed(Reason reason, String message, String failedCall, Duration retryAfter, Applied written) {
      this(reason, message, failedCall, retryAfter, written, null);
    }

    /** The same failure, with the connection Secrets the resource has now (null: unknown). */
    Failed withSecrets(List<String> names) {
      return new Failed(reason, message, failedCall, retryAfter, written, names);
    }

    static Failed of(AtlasUserFailure failure) {
      return new Failed(
          failure.reason(),
          failure.getMessage(),
          failure.failedCall().orElse(null),
          failure.retryAfter().orElse(null));
    }

    /**
     * The failure of a step after {@code written} was carried out in Atlas (waiting for Atlas to
     * apply it, writing the connection Secrets): the status keeps what Atlas now holds, and the
     * message says what was done before it failed.
     */
    static Failed after(Applied written, String done, AtlasUserFailure failure) {
      return new Failed(
          failure.reason(),
          done + "; then: " + failure.getMessage(),
          failure.failedCall().orElse(null),
          failure.retryAfter().orElse(null),
          written);
    }

    /**
     * Atlas's Retry-After, when it gave a positive one (0 would mean "at once", in a loop), for a
     * failure that retrying can fix; one that waits for a change or the resync keeps waiting.
     */
    Optional<Duration> after() {
      return Optional.ofNullable(retryAfter)
          .filter(d -> d.compareTo(Duration.ZERO) > 0)
          .filter(d -> reason.retry() == Reason.Retry.BACKOFF);
    }

    /** True when JOSDK's retry with backoff takes it from here. */
    boolean backoff() {
      return reason.retry() == Reason.Retry.BACKOFF && after().isEmpty();
    }
  }

  /**
   * The resource may go: its Atlas user was deleted, left in place, or never there. {@code reason}
   * and {@code message} are the last Event's; a null reason records none.
   */
  record Released(Reason reason, String message) implements Outcome {}
}
