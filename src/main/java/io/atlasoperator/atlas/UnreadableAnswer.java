package io.atlasoperator.atlas;

/**
 * Atlas, or something in front of it, answered a call successfully but with a body this client
 * cannot read: the call may have run. Not "no answer", and not Atlas refusing it.
 */
public final class UnreadableAnswer extends AtlasException {

  private static final long serialVersionUID = 1L;

  UnreadableAnswer(String operation, String what, Throwable cause) {
    super(
        operation,
        "Atlas, or a proxy in front of it, answered "
            + (operation == null ? "a call" : operation)
            + " with a body this operator cannot read ("
            + what
            + ")",
        cause);
  }
}
