package io.atlasoperator.atlas;

/**
 * A failed call to Atlas. {@link AtlasApiException} is an answer from Atlas; this class alone is a
 * call that got no answer (timeout, refused or dropped connection), which is worth retrying.
 */
public class AtlasException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public AtlasException(String message) {
    super(message);
  }

  public AtlasException(String message, Throwable cause) {
    super(message, cause);
  }
}
