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

  AtlasUserFailure(Reason reason, String message) {
    this(reason, message, null);
  }

  AtlasUserFailure(Reason reason, String message, Duration retryAfter) {
    super(message, null, false, false);
    this.reason = reason;
    this.retryAfter = retryAfter;
  }

  /** Classifies a failed Atlas call: transient ones are retried, the rest wait for a change. */
  static AtlasUserFailure of(AtlasException error) {
    if (!(error instanceof AtlasApiException answer)) {
      return new AtlasUserFailure(Reason.AtlasUnavailable, error.getMessage());
    }
    String text =
        "Atlas answered "
            + answer.status()
            + (answer.errorCode() == null ? "" : " " + answer.errorCode())
            + (answer.detail() == null ? "" : ": " + answer.detail());
    if (answer.isTransient()) {
      return new AtlasUserFailure(Reason.AtlasUnavailable, text, answer.retryAfter().orElse(null));
    }
    if (answer.status() == 401 || answer.status() == 403) {
      return new AtlasUserFailure(Reason.AtlasUnauthorized, text);
    }
    return new AtlasUserFailure(Reason.AtlasRejected, text);
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
