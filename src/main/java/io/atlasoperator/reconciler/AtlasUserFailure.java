package io.atlasoperator.reconciler;

import io.atlasoperator.atlas.AtlasApiException;
import io.atlasoperator.atlas.AtlasException;
import io.atlasoperator.status.Reason;
import java.time.Duration;
import java.util.Optional;

/** Why a reconcile could not finish, as a status reason and a message for users. */
final class AtlasUserFailure extends Exception {

  private static final long serialVersionUID = 1L;

  private final Reason reason;
  private final transient Duration retryAfter;
  private final String failedCall;

  AtlasUserFailure(Reason reason, String message) {
    this(reason, message, null, null);
  }

  private AtlasUserFailure(Reason reason, String message, Duration retryAfter, String failedCall) {
    super(message, null, false, false);
    this.reason = reason;
    this.retryAfter = retryAfter;
    this.failedCall = failedCall;
  }

  /**
   * A failure the operator names itself, caused by a failed Atlas call (which the log then shows).
   */
  static AtlasUserFailure of(AtlasException cause, Reason reason, String message) {
    return new AtlasUserFailure(reason, message, null, of(cause).failedCall);
  }

  /** Classifies a failed Atlas call: transient ones are retried, the rest wait for a change. */
  static AtlasUserFailure of(AtlasException error) {
    String operation = "operation=" + error.operation();
    Optional<String> tls = TlsProblem.describe(error);
    if (tls.isPresent()) {
      return new AtlasUserFailure(
          Reason.AtlasTlsError,
          tls.get(),
          null,
          operation + " status=none (TLS: " + tls.get() + ")");
    }
    if (!(error instanceof AtlasApiException answer)) {
      return new AtlasUserFailure(
          Reason.AtlasUnavailable,
          error.getMessage(),
          null,
          operation
              + " status=none ("
              + (error.getCause() == null ? error.getMessage() : error.getCause().toString())
              + ")");
    }
    String text =
        "Atlas answered "
            + answer.status()
            + (answer.errorCode() == null ? "" : " " + answer.errorCode())
            + (answer.detail() == null ? "" : ": " + answer.detail());
    String call =
        operation
            + " status="
            + answer.status()
            + " errorCode="
            + answer.errorCode()
            + answer.retryAfter().map(d -> " retryAfter=" + d.toSeconds() + "s").orElse("");
    if (answer.isTransient()) {
      return new AtlasUserFailure(
          Reason.AtlasUnavailable, text, answer.retryAfter().orElse(null), call);
    }
    if (answer.status() == 401 || answer.status() == 403) {
      return new AtlasUserFailure(Reason.AtlasUnauthorized, text, null, call);
    }
    return new AtlasUserFailure(Reason.AtlasRejected, text, null, call);
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

  Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  boolean isTransient() {
    return reason.kind() == Reason.Kind.PROGRESSING;
  }
}
