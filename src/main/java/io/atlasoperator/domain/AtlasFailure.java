package io.atlasoperator.domain;

import java.time.Duration;
import java.util.Optional;

/**
 * A call to Atlas that failed, classified for the caller: whether trying again can help and what to
 * tell users. Its message and {@link #call()} never hold a request body, password or key.
 */
public final class AtlasFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What kind of failure it was. */
  public enum Kind {
    /** No answer (timeout, refused or dropped connection): the call may or may not have run. */
    NO_ANSWER,
    /** Atlas answered 5xx: worth trying again, after Retry-After when it said one. */
    TRANSIENT,
    /**
     * Atlas answered 429, or the operator did not send the call because its own budget for the
     * project was spent: nothing ran; try again after Retry-After.
     */
    RATE_LIMITED,
    /**
     * An answer came, but not one the operator can read (a proxy's HTML page with 200, a body of an
     * unknown shape): a write may have run; worth trying again after reading Atlas again.
     */
    UNREADABLE,
    /** Atlas answered 401 or 403: the key is wrong or may not touch the project. */
    UNAUTHORIZED,
    /** Atlas refused the request (another 4xx): sending it again changes nothing. */
    REJECTED,
    /** The TLS connection failed (untrusted issuer, other host, expired): nothing was sent. */
    TLS
  }

  private final Kind kind;
  private final String call;
  private final transient Duration retryAfter;
  private final String errorCode;

  /**
   * A failure of {@code kind}; {@code call} describes the failed call for the log (method, path,
   * HTTP status, errorCode); {@code retryAfter} may be null.
   */
  public AtlasFailure(
      Kind kind, String message, String call, Duration retryAfter, Throwable cause) {
    this(kind, message, call, retryAfter, null, cause);
  }

  /** As above, with Atlas's errorCode (COMMON_PASSWORD, ...) when it answered one. */
  public AtlasFailure(
      Kind kind,
      String message,
      String call,
      Duration retryAfter,
      String errorCode,
      Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.call = call;
    this.retryAfter = retryAfter;
    this.errorCode = errorCode;
  }

  /** Atlas's errorCode, when it answered with one. */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  public Kind kind() {
    return kind;
  }

  /** The failed call for the log: operation, HTTP status, errorCode, Retry-After. */
  public String call() {
    return call;
  }

  /** How long Atlas asked the caller to wait, if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** True when the call may have reached Atlas or may succeed if made again. */
  public boolean mayHaveRun() {
    return kind == Kind.NO_ANSWER || kind == Kind.TRANSIENT || kind == Kind.UNREADABLE;
  }
}
