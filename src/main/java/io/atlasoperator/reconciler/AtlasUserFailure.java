package io.atlasoperator.reconciler;

import io.atlasoperator.domain.AtlasFailure;
import io.atlasoperator.status.Reason;
import java.time.Duration;
import java.util.Optional;

/**
 * Why a step could not finish, as a status reason and a message for users: thrown by the steps of a
 * reconcile or a deletion and turned into an {@link Outcome.Failed} where the step ends.
 */
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

  /** A failed Atlas call as a status reason: transient ones are retried, the rest wait. */
  static AtlasUserFailure of(AtlasFailure failure) {
    String code = failure.errorCode().orElse("");
    if (code.equals("COMMON_PASSWORD")) {
      return new AtlasUserFailure(
          Reason.InvalidPassword,
          "Atlas refused the password as too common (400 COMMON_PASSWORD: it is on the lists of"
              + " most used passwords); put another in the password Secret, or remove"
              + " passwordSecretRef to have the operator generate one",
          null,
          failure.call());
    }
    if (code.equals("GROUP_USERS_LIMIT_EXCEEDED")) {
      return new AtlasUserFailure(
          Reason.ProjectFull,
          "Atlas refused to create the user: the project holds as many database users as Atlas"
              + " allows it (100 per project unless its limit was raised; 403"
              + " GROUP_USERS_LIMIT_EXCEEDED); delete a user, raise the project's limit or use"
              + " another project. Looked at again at the resync",
          null,
          failure.call());
    }
    Reason reason;
    switch (failure.kind()) {
      case NO_ANSWER, TRANSIENT -> reason = Reason.AtlasUnavailable;
      case UNREADABLE -> reason = Reason.AtlasAnswerUnreadable;
      case RATE_LIMITED -> reason = Reason.RateLimited;
      case UNAUTHORIZED -> reason = Reason.AtlasUnauthorized;
      case TLS -> reason = Reason.AtlasTlsError;
      default -> reason = Reason.AtlasRejected;
    }
    return new AtlasUserFailure(
        reason, failure.getMessage(), failure.retryAfter().orElse(null), failure.call());
  }

  /** The same failure, its message saying what it was about (e.g. "the pair's idle user X"). */
  AtlasUserFailure about(String what) {
    return new AtlasUserFailure(reason, what + ": " + getMessage(), retryAfter, failedCall);
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
}
