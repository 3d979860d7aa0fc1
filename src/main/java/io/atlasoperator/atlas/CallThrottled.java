package io.atlasoperator.atlas;

import java.time.Duration;

/**
 * A call the operator did not send because its project's call budget is spent: nothing reached
 * Atlas, and the caller should come back after {@link #retryAfter()}.
 */
public final class CallThrottled extends AtlasException {

  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  CallThrottled(String operation, String message, Duration retryAfter) {
    super(operation, message, null);
    this.retryAfter = retryAfter;
  }

  /** When the budget has a call again. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
