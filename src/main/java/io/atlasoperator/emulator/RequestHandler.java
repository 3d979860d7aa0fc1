package io.atlasoperator.emulator;

import static io.atlasoperator.emulator.ErrorCode.MALFORMED_JSON;
import static io.atlasoperator.emulator.ErrorCode.NOT_IN_GROUP;
import static io.atlasoperator.emulator.ErrorCode.RATE_LIMITED;
import static io.atlasoperator.emulator.ErrorCode.RESOURCE_NOT_FOUND;
import static io.atlasoperator.emulator.ErrorCode.UNEXPECTED_ERROR;
import static io.atlasoperator.emulator.ErrorCode.USERNAME_NOT_FOUND;
import static io.atlasoperator.emulator.ErrorCode.USER_ALREADY_EXISTS;
import static io.atlasoperator.emulator.ErrorCode.USER_UNAUTHORIZED;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Serves /api/atlas/v1.0/groups/{GROUP-ID}/databaseUsers[/{databaseName}/{username}] as Atlas does:
 * Digest authentication, project access, then the operation; with the {@code envelope} and {@code
 * pretty} query parameters, pagination, injected faults, and a journal entry per request.
 */
final class RequestHandler implements HttpHandler {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AtlasEmulator emulator;
  private final UserViews views;

  RequestHandler(AtlasEmulator emulator) {
    this.emulator = emulator;
    this.views = new UserViews(emulator);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String rawPath = exchange.getRequestURI().getRawPath();
    String rawQuery = exchange.getRequestURI().getRawQuery();
    String method = exchange.getRequestMethod();
    ServedRequest served =
        new ServedRequest(
            emulator.requests(), emulator.clock().instant(), method, rawPath, rawQuery);
    boolean dropped = false;
    emulator.requests().requestStarted();
    try {
      ApiCall call = ApiCall.parse(method, rawPath, rawQuery);
      String requestUri = rawPath + (rawQuery == null ? "" : "?" + rawQuery);
      DigestAuth.Result auth =
          emulator
              .digest()
              .verify(exchange.getRequestHeaders().getFirst("Authorization"), method, requestUri);
      if (!auth.ok()) {
        challenge(exchange, served, call, auth.stale());
        return;
      }
      served.publicKey = auth.publicKey();
      byte[] requestBody = exchange.getRequestBody().readAllBytes();
      if (!applyFaults(exchange, served, call)) {
        Answer answer = answer(call, served.publicKey, requestBody);
        if (served.loseAnswer) {
          throw new DroppedConnection();
        }
        send(exchange, served, call, answer.status(), answer.body(), Map.of());
      }
    } catch (AtlasError error) {
      sendError(
          exchange, served, ApiCall.parseLeniently(method, rawPath, rawQuery), error, Map.of());
    } catch (DroppedConnection e) {
      dropped = true;
      throw e;
    } finally {
      served.record(0);
      if (!dropped) {
        exchange.close();
      }
    }
  }

  private record Answer(int status, JsonNode body) {}

  private Answer answer(ApiCall call, String publicKey, byte[] requestBody) {
    synchronized (emulator) {
      ProjectState project = emulator.project(call.projectId());
      if (project == null || !project.allows(publicKey)) {
        throw new AtlasError(NOT_IN_GROUP);
      }
      Instant now = emulator.clock().instant();
      project.removeExpired(now);
      if (call.username() == null) {
        return switch (call.method()) {
          case "GET" -> new Answer(200, views.page(call, project));
          case "POST" -> new Answer(201, create(call, project, requestBody, now));
          default -> throw new AtlasError(RESOURCE_NOT_FOUND, call.decodedPath());
        };
      }
      String key = ProjectState.key(call.databaseName(), call.username());
      ObjectNode user = project.users.get(key);
      if (user == null) {
        throw new AtlasError(USERNAME_NOT_FOUND, call.username());
      }
      return switch (call.method()) {
        case "GET" -> new Answer(200, views.view(project.id, user));
        case "PATCH" -> {
          JsonNode body = readJson(requestBody);
          ObjectNode updated =
              UserRules.patch(user, applied(project, body), project.id, project.customRoles, now);
          project.users.put(key, updated);
          project.lastWrites.put(key, body);
          yield new Answer(200, views.view(project.id, updated));
        }
        case "DELETE" -> {
          project.users.remove(key);
          yield new Answer(204, null);
        }
        default -> throw new AtlasError(RESOURCE_NOT_FOUND, call.decodedPath());
      };
    }
  }

  private JsonNode create(ApiCall call, ProjectState project, byte[] requestBody, Instant now) {
    JsonNode body = readJson(requestBody);
    ObjectNode user =
        UserRules.create(applied(project, body), project.id, project.customRoles, now);
    String key = ProjectState.key(user.get("databaseName").asText(), user.get("username").asText());
    if (project.users.containsKey(key)) {
      throw new AtlasError(USER_ALREADY_EXISTS, user.get("username").asText());
    }
    project.users.put(key, user);
    project.lastWrites.put(key, body);
    return views.view(project.id, user);
  }

  /** The request without the fields the emulator was told to ignore on writes. */
  private static JsonNode applied(ProjectState project, JsonNode body) {
    if (!body.isObject() || project.ignoredOnWrite.isEmpty()) {
      return body;
    }
    ObjectNode copy = ((ObjectNode) body).deepCopy();
    copy.remove(project.ignoredOnWrite);
    return copy;
  }

  /** Applies the first matching status or drop fault; true when it answered the request. */
  private boolean applyFaults(HttpExchange exchange, ServedRequest served, ApiCall call)
      throws IOException {
    for (Fault fault : emulator.faults()) {
      if (!fault.fires(call.method(), call.decodedPath(), call.projectId())) {
        continue;
      }
      switch (fault.kind) {
        case LATENCY -> sleep(fault.latency.toMillis());
        case DROP -> throw new DroppedConnection();
        case LOSE_ANSWER -> served.loseAnswer = true;
        case STATUS -> {
          ErrorCode code =
              fault.status == 429
                  ? RATE_LIMITED
                  : Arrays.stream(ErrorCode.values())
                      .filter(c -> c.httpStatus() == fault.status)
                      .findFirst()
                      .orElse(UNEXPECTED_ERROR);
          Object[] parameters =
              code == RATE_LIMITED ? new Object[] {call.decodedPath(), 100, 1} : new Object[0];
          Map<String, String> headers =
              fault.retryAfter() == null
                  ? Map.of()
                  : Map.of("Retry-After", Long.toString(fault.retryAfter().toSeconds()));
          sendError(
              exchange, served, call, new AtlasError(code, fault.status, parameters), headers);
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Asks for Digest credentials. Authentication comes before the API, so the challenge is a plain
   * 401 even when the request asked for the envelope.
   */
  private void challenge(HttpExchange exchange, ServedRequest served, ApiCall call, boolean stale)
      throws IOException {
    exchange.getResponseHeaders().put("WWW-Authenticate", emulator.digest().challenges(stale));
    ApiCall plain =
        new ApiCall(
            call.method(),
            call.rawPath(),
            call.rawQuery(),
            call.projectId(),
            null,
            null,
            Map.of("pretty", String.valueOf(call.pretty())));
    sendError(exchange, served, plain, new AtlasError(USER_UNAUTHORIZED), Map.of());
  }

  private void sendError(
      HttpExchange exchange,
      ServedRequest served,
      ApiCall call,
      AtlasError error,
      Map<String, String> headers)
      throws IOException {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("detail", error.detail());
    body.put("error", error.status);
    body.put("errorCode", error.code.name());
    ArrayNode parameters = body.putArray("parameters");
    error.parameters.forEach(p -> parameters.add(String.valueOf(p)));
    body.put("reason", AtlasError.reason(error.status));
    send(exchange, served, call, error.status, body, headers);
  }

  /**
   * Writes the answer. With envelope=true Atlas answers 200 and puts the status in the body: a list
   * gains a "status" field; anything else is wrapped as {"content": ..., "status": ...}.
   */
  private void send(
      HttpExchange exchange,
      ServedRequest served,
      ApiCall call,
      int status,
      JsonNode body,
      Map<String, String> headers)
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
    byte[] bytes =
        (call != null && call.pretty()
                ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out)
                : JSON.writeValueAsString(out))
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(httpStatus, bytes.length);
    try (OutputStream stream = exchange.getResponseBody()) {
      stream.write(bytes);
    }
  }

  private static JsonNode readJson(byte[] body) {
    try {
      return Optional.ofNullable(JSON.readTree(body))
          .orElseThrow(() -> new AtlasError(MALFORMED_JSON));
    } catch (JsonProcessingException e) {
      throw new AtlasError(MALFORMED_JSON);
    } catch (IOException e) {
      throw new AtlasError(MALFORMED_JSON);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Thrown out of the handler so that the HTTP server closes the connection unanswered. */
  static final class DroppedConnection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DroppedConnection() {
      super("fault: dropped connection", null, false, false);
    }
  }
}
