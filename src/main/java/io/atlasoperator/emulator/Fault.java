package io.atlasoperator.emulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A failure the emulator injects into matching authenticated requests: added latency, an error
 * status (optionally with Retry-After), a dropped connection, or an answer lost after the work. By
 * default it matches every request and fires forever; narrow it with the {@code for...}/{@code
 * on...} methods and {@link #times(int)}.
 */
public final class Fault {

  enum Kind {
    LATENCY,
    STATUS,
    DROP,
    LOSE_ANSWER
  }

  final Kind kind;
  final Duration latency;
  final int status;
  private Duration retryAfter;
  private String projectId;
  private String pathContains;
  private String method;
  private final AtomicInteger remaining = new AtomicInteger(Integer.MAX_VALUE);

  private Fault(Kind kind, Duration latency, int status) {
    this.kind = kind;
    this.latency = latency;
    this.status = status;
  }

  /** Delays the answer by {@code delay}; the request is then served normally. */
  public static Fault latency(Duration delay) {
    return new Fault(Kind.LATENCY, delay, 0);
  }

  /** Answers with {@code status} (429, 500, 503, ...) and an Atlas error body. */
  public static Fault status(int status) {
    return new Fault(Kind.STATUS, Duration.ZERO, status);
  }

  /** Closes the connection without an answer. */
  public static Fault dropConnection() {
    return new Fault(Kind.DROP, Duration.ZERO, 0);
  }

  /**
   * Serves the request (a create or update takes effect) and then closes the connection without the
   * answer: a client's read timeout or a network failure after Atlas did the work.
   */
  public static Fault loseAnswer() {
    return new Fault(Kind.LOSE_ANSWER, Duration.ZERO, 0);
  }

  /** Adds a Retry-After header (in seconds) to a status fault. */
  public Fault retryAfter(Duration delay) {
    this.retryAfter = delay;
    return this;
  }

  /** Only for requests about this project. */
  public Fault forProject(String id) {
    this.projectId = id;
    return this;
  }

  /** Only for requests whose decoded path contains {@code fragment}. */
  public Fault onPath(String fragment) {
    this.pathContains = fragment;
    return this;
  }

  /** Only for requests with this HTTP method. */
  public Fault onMethod(String httpMethod) {
    this.method = httpMethod;
    return this;
  }

  /** Fires for the next {@code count} matching requests only. */
  public Fault times(int count) {
    remaining.set(count);
    return this;
  }

  Duration retryAfter() {
    return retryAfter;
  }

  /** True, and uses up one firing, when this fault applies to the request. */
  boolean fires(String requestMethod, String decodedPath, String requestProjectId) {
    if (method != null && !method.equalsIgnoreCase(requestMethod)) {
      return false;
    }
    if (projectId != null && !projectId.equals(requestProjectId)) {
      return false;
    }
    if (pathContains != null && !decodedPath.contains(pathContains)) {
      return false;
    }
    return remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }
}
