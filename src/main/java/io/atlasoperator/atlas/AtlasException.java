package io.atlasoperator.atlas;

/**
 * A failed call to Atlas. {@link AtlasApiException} is an answer from Atlas; this class alone is a
 * call that got no answer (timeout, refused or dropped connection), which is worth retrying.
 */
public class AtlasException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String operation;

  public AtlasException(String message) {
    this(null, message, null);
  }

  public AtlasException(String message, Throwable cause) {
    this(null, message, cause);
  }

  AtlasException(String operation, String message, Throwable cause) {
    super(message, cause);
    this.operation = operation;
  }

  /**
   * The call that failed, as METHOD and path (for example {@code PATCH
   * /api/atlas/v1.0/groups/ID/databaseUsers/admin/app}), or null when not known. Never a body.
   */
  public String operation() {
    return operation;
  }
}
