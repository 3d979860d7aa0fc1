package io.atlasoperator.atlas;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An error answer from Atlas, decoded from its error body. It carries what a caller needs to decide
 * whether and when to retry: the HTTP status, Atlas's errorCode and the Retry-After delay.
 */
public class AtlasApiException extends AtlasException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String errorCode;
  private final String detail;
  private final String reason;
  private final List<String> parameters;
  private final transient Duration retryAfter;

  AtlasApiException(
      String operation,
      int status,
      String errorCode,
      String detail,
      String reason,
      List<String> parameters,
      Duration retryAfter) {
    super(
        operation,
        "Atlas answered "
            + status
            + (errorCode == null ? "" : " " + errorCode)
            + (detail == null ? "" : ": " + detail),
        null);
    this.status = status;
    this.errorCode = errorCode;
    this.detail = detail;
    this.reason = reason;
    this.parameters = parameters == null ? List.of() : List.copyOf(parameters);
    this.retryAfter = retryAfter;
  }

  /** The HTTP status, or the envelope's status when the envelope is on. */
  public int status() {
    return status;
  }

  /** Atlas's errorCode as sent, or null when the body had none. */
  public String errorCode() {
    return errorCode;
  }

  /** The errorCode as one of the codes documented for this resource, if it is one. */
  public Optional<AtlasErrorCode> code() {
    return errorCode == null ? Optional.empty() : AtlasErrorCode.of(errorCode);
  }

  public String detail() {
    return detail;
  }

  public String reason() {
    return reason;
  }

  public List<String> parameters() {
    return parameters;
  }

  /** How long Atlas asked the caller to wait (429 and 503 answers), if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** True for answers that may succeed when retried: 429 and 5xx. */
  public boolean isTransient() {
    return status == 429 || status >= 500;
  }
}
