package io.atlasoperator.emulator;

import java.util.Arrays;
import java.util.List;

/**
 * An error answer in Atlas's shape: {@code detail}, {@code error}, {@code errorCode}, {@code
 * parameters}, {@code reason}. Thrown by the request handling and turned into the response body.
 */
final class AtlasError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  final ErrorCode code;
  final int status;
  final transient List<Object> parameters;

  AtlasError(ErrorCode code, Object... parameters) {
    this(code, code.httpStatus(), parameters);
  }

  AtlasError(ErrorCode code, int status, Object... parameters) {
    super(code.name(), null, false, false);
    this.code = code;
    this.status = status;
    this.parameters = Arrays.asList(parameters);
  }

  /**
   * True when numbers among the parameters are answered as JSON numbers: the rate-limit bodies,
   * whose documented examples carry them so (the "API Rate Limit" page; Terraform's provider guide
   * for /api/oauth/token). Every other code answers its parameters as strings, as before.
   */
  boolean numericParameters() {
    return code == ErrorCode.RATE_LIMITED || code == ErrorCode.RATE_LIMITED_TOKEN_BUCKET;
  }

  String detail() {
    return code.detail(parameters.toArray());
  }

  static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 406 -> "Not Acceptable";
      case 409 -> "Conflict";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Error";
    };
  }
}
