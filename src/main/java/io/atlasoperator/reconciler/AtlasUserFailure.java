package io.atlasoperator.reconciler;

import io.atlasoperator.domain.AtlasFailure;
import io.atlasoperator.status.Reason;
import java.time.Duration;
import java.util.Optional;

/**
 * Why a reconcile could not finish, as a status reason and a message for users. Thrown from {@code
 * reconcile}; JOSDK hands it to {@code updateErrorStatus}, which reports it and decides whether
 * JOSDK retries.
 */
final class AtlasUserFailure extends Exception {

  private static final long serialVersionUID = 1L;

  private final Reason reason;
  private final transient Duration retryAfter;
  private final String failedCall;
  private final String observedInputs;
  private final boolean reading;

  AtlasUserFailure(Reason reason, String message) {
    this(reason, message, null, null, null, false);
  }

  private AtlasUserFailure(
      Reason reason,
      String message,
      Duration retryAfter,
      String failedCall,
      String observed,
      boolean reading) {
    super(message, null, false, false);
    this.reason = reason;
    this.retryAfter = retryAfter;
    this.failedCall = failedCall;
    this.observedInputs = observed;
    this.reading = reading;
  }

  /**
   * A failure the operator names itself, caused by a failed Atlas call (which the log then shows).
   */
  static AtlasUserFailure of(AtlasFailure cause, Reason reason, String message) {
    return new AtlasUserFailure(reason, message, null, cause.call(), null, false);
  }

  /** A failed Atlas call as a status reason: transient ones are retried, the rest wait. */
  static AtlasUserFailure of(AtlasFailure failure) {
    Reason reason;
    switch (failure.kind()) {
      case NO_ANSWER, TRANSIENT -> reason = Reason.AtlasUnavailable;
      case RATE_LIMITED -> reason = Reason.RateLimited;
      case UNAUTHORIZED -> reason = Reason.AtlasUnauthorized;
      case TLS -> reason = Reason.AtlasTlsError;
      default -> reason = Reason.AtlasRejected;
    }
    return new AtlasUserFailure(
        reason,
        failure.getMessage(),
        failure.retryAfter().orElse(null),
        failure.call(),
        null,
        false);
  }

  /** A failed Atlas call made only to read what Atlas holds, before any plan or write. */
  static AtlasUserFailure ofRead(AtlasFailure failure) {
    AtlasUserFailure f = of(failure);
    return new AtlasUserFailure(
        f.reason, f.getMessage(), f.retryAfter, f.failedCall, f.observedInputs, true);
  }

  /** True when the failure came from reading Atlas, before anything was planned or written. */
  boolean whileReading() {
    return reading;
  }

  /** The same failure, recording the inputs (versions only) the reconcile acted on. */
  AtlasUserFailure observing(String observed) {
    return new AtlasUserFailure(reason, getMessage(), retryAfter, failedCall, observed, reading);
  }

  /**
   * The failed Atlas call for the log (operation, HTTP status, errorCode, Retry-After), when the
   * failure came from one; never a request body.
   */
  Optional<String> failedCall() {
    return Optional.ofNullable(failedCall);
  }

  Reason reason() {
    return reason;
  }

  /** Atlas's Retry-After, when it gave a positive one (0 would mean "at once", in a loop). */
  Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter).filter(d -> d.compareTo(Duration.ZERO) > 0);
  }

  /** What the reconcile had read when it failed, for status.observedInputs; null if nothing. */
  String observedInputs() {
    return observedInputs;
  }

  boolean isTransient() {
    return reason.kind() == Reason.Kind.PROGRESSING;
  }
}
