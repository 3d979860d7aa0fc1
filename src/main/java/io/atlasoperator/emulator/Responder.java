package io.atlasoperator.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes answers: Atlas error bodies, the {@code envelope} and {@code pretty} query parameters, and
 * a JSON Content-Type on every answer with a body ({@code application/json}, or a v2 success's
 * versioned type). Each answer is journaled just before it leaves.
 */
final class Responder {

  static final ObjectMapper JSON = new ObjectMapper();

  private Responder() {}

  /** The Atlas error body: detail, error, errorCode, parameters, reason. */
  static ObjectNode errorBody(AtlasError error) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("detail", error.detail());
    body.put("error", error.status);
    body.put("errorCode", error.code.name());
    ArrayNode parameters = body.putArray("parameters");
    for (Object p : error.parameters) {
      if (p instanceof Number n && error.numericParameters()) {
        parameters.add(n.longValue());
      } else {
        parameters.add(String.valueOf(p));
      }
    }
    body.put("reason", AtlasError.reason(error.status));
    return body;
  }

  static void sendError(
      HttpExchange exchange,
      ServedRequest served,
      ApiCall call,
      AtlasError error,
      Map<String, String> headers)
      throws IOException {
    send(exchange, served, call, error.status, errorBody(error), headers, ApiVersions.JSON);
  }

  /**
   * Writes the answer. With envelope=true Atlas answers 200 and puts the status in the body: a list
   * gains a "status" field; anything else is wrapped as {"content": ..., "status": ...}.
   */
  static void send(
      HttpExchange exchange,
      ServedRequest served,
      ApiCall call,
      int status,
      JsonNode body,
      Map<String, String> headers,
      String contentType)
      throws IOException {
    served.record(status);
    headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    int httpStatus = status;
    JsonNode out = body;
    if (call != null && call.envelope()) {
      httpStatus = 200;
      if (body != null && body.has("results")) {
        ((ObjectNode) body).put("status", status);
      } else {
        ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
        wrapped.set("content", body == null ? JSON.createObjectNode() : body);
        wrapped.put("status", status);
        out = wrapped;
      }
    }
    if (out == null) {
      exchange.sendResponseHeaders(httpStatus, -1);
      return;
    }
    writeJson(exchange, httpStatus, out, call != null && call.pretty(), contentType);
  }

  /** Writes a JSON body with its status and Content-Type. */
  static void writeJson(
      HttpExchange exchange, int status, JsonNode body, boolean pretty, String contentType)
      throws IOException {
    byte[] bytes = text(body, pretty).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream stream = exchange.getResponseBody()) {
      stream.write(bytes);
    }
  }

  private static String text(JsonNode body, boolean pretty) throws JsonProcessingException {
    return pretty
        ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body)
        : JSON.writeValueAsString(body);
  }
}
