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

  String detail() {
    return code.detail(parameters.toArray());
  }

  static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
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
