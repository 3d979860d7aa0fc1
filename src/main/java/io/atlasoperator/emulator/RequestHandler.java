package io.atlasoperator.emulator;

import static io.atlasoperator.emulator.ErrorCode.INVALID_QUERY_PARAMETER;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Serves /api/atlas/v1.0/groups/{GROUP-ID}/databaseUsers[/{databaseName}/{username}] as Atlas does:
 * Digest authentication, project access, then the operation; with the {@code envelope} and {@code
 * pretty} query parameters, pagination, injected faults, and a journal entry per request.
 */
final class RequestHandler implements HttpHandler {

  private static final String PREFIX = "/api/atlas/v1.0/groups/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AtlasEmulator emulator;

  RequestHandler(AtlasEmulator emulator) {
    this.emulator = emulator;
  }

  /** One request being served; journaled once, just before its answer is sent. */
  private final class Served {
    final Instant received;
    final long epoch = emulator.epoch();
    final String method;
    final String rawPath;
    final String rawQuery;
    String publicKey;
    boolean recorded;
    boolean loseAnswer;

    Served(Instant received, String method, String rawPath, String rawQuery) {
      this.received = received;
      this.method = method;
      this.rawPath = rawPath;
      this.rawQuery = rawQuery;
    }

    /** Journals the request and counts it finished, just before its answer leaves. */
    void record(int status) {
      if (!recorded) {
        recorded = true;
        emulator.requestFinished();
        emulator.record(
            new JournalEntry(received, method, rawPath, rawQuery, status, publicKey), epoch);
      }
    }
  }

  /** What a request asked for, once its path and query are decoded. */
  private record Call(
      String method,
      String rawPath,
      String rawQuery,
      String projectId,
      String databaseName,
      String username,
      Map<String, String> query) {

    boolean envelope() {
      return "true".equalsIgnoreCase(query.get("envelope"));
    }

    boolean pretty() {
      return "true".equalsIgnoreCase(query.get("pretty"));
    }

    String decodedPath() {
      return PREFIX
          + projectId
          + "/databaseUsers"
          + (username == null ? "" : "/" + databaseName + "/" + username);
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String rawPath = exchange.getRequestURI().getRawPath();
    String rawQuery = exchange.getRequestURI().getRawQuery();
    String method = exchange.getRequestMethod();
    Served served = new Served(emulator.clock().instant(), method, rawPath, rawQuery);
    boolean dropped = false;
    emulator.requestStarted();
    try {
      Call call = parse(method, rawPath, rawQuery);
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
      sendError(exchange, served, parseLeniently(method, rawPath, rawQuery), error, Map.of());
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

  private Answer answer(Call call, String publicKey, byte[] requestBody) {
    synchronized (emulator) {
      ProjectState project = emulator.project(call.projectId());
      if (project == null || !project.allows(publicKey)) {
        throw new AtlasError(NOT_IN_GROUP);
      }
      Instant now = emulator.clock().instant();
      project.removeExpired(now);
      if (call.username() == null) {
        return switch (call.method()) {
          case "GET" -> new Answer(200, list(call, project));
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
        case "GET" -> new Answer(200, view(project.id, user));
        case "PATCH" -> {
          JsonNode body = readJson(requestBody);
          ObjectNode updated =
              UserRules.patch(user, applied(project, body), project.id, project.customRoles, now);
          project.users.put(key, updated);
          project.lastWrites.put(key, body);
          yield new Answer(200, view(project.id, updated));
        }
        case "DELETE" -> {
          project.users.remove(key);
          yield new Answer(204, null);
        }
        default -> throw new AtlasError(RESOURCE_NOT_FOUND, call.decodedPath());
      };
    }
  }

  private JsonNode create(Call call, ProjectState project, byte[] requestBody, Instant now) {
    JsonNode body = readJson(requestBody);
    ObjectNode user =
        UserRules.create(applied(project, body), project.id, project.customRoles, now);
    String key = ProjectState.key(user.get("databaseName").asText(), user.get("username").asText());
    if (project.users.containsKey(key)) {
      throw new AtlasError(USER_ALREADY_EXISTS, user.get("username").asText());
    }
    project.users.put(key, user);
    project.lastWrites.put(key, body);
    return view(project.id, user);
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

  /** A page of users with totalCount and self/previous/next links. */
  private JsonNode list(Call call, ProjectState project) {
    int pageNum = intParam(call, "pageNum", 1, 1, Integer.MAX_VALUE);
    int itemsPerPage = intParam(call, "itemsPerPage", 100, 1, 500);
    boolean includeCount = !"false".equalsIgnoreCase(call.query().get("includeCount"));
    List<ObjectNode> all = new ArrayList<>(project.users.values());
    int from = (int) Math.min((long) (pageNum - 1) * itemsPerPage, all.size());
    int to = Math.min(from + itemsPerPage, all.size());
    ObjectNode page = JsonNodeFactory.instance.objectNode();
    ArrayNode links = page.putArray("links");
    String base = emulator.baseUrl() + call.rawPath().substring(1);
    links.add(link(base, pageNum, itemsPerPage, "self"));
    if (pageNum > 1) {
      links.add(link(base, pageNum - 1, itemsPerPage, "previous"));
    }
    if (to < all.size()) {
      links.add(link(base, pageNum + 1, itemsPerPage, "next"));
    }
    ArrayNode results = page.putArray("results");
    all.subList(from, to).forEach(user -> results.add(view(project.id, user)));
    if (includeCount) {
      page.put("totalCount", all.size());
    }
    return page;
  }

  private static ObjectNode link(String base, int pageNum, int itemsPerPage, String rel) {
    ObjectNode link = JsonNodeFactory.instance.objectNode();
    link.put("href", base + "?pageNum=" + pageNum + "&itemsPerPage=" + itemsPerPage);
    link.put("rel", rel);
    return link;
  }

  /** The user as Atlas answers with it: the stored fields plus groupId and a self link. */
  private ObjectNode view(String projectId, ObjectNode user) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set("databaseName", user.get("databaseName"));
    copyIfPresent(user, out, "deleteAfterDate");
    copyIfPresent(user, out, "description");
    out.put("groupId", projectId);
    ArrayNode links = out.putArray("links");
    ObjectNode self = links.addObject();
    self.put(
        "href",
        emulator.baseUrl()
            + PREFIX.substring(1)
            + projectId
            + "/databaseUsers/"
            + PercentCoding.encode(user.get("databaseName").asText())
            + "/"
            + PercentCoding.encode(user.get("username").asText()));
    self.put("rel", "self");
    out.set("labels", user.has("labels") ? user.get("labels") : JSON.createArrayNode());
    // Each auth field defaults to NONE (/components/schemas/CloudDatabaseUser) and is answered so.
    for (String field : UserSchema.AUTH_FIELD_ORDER) {
      out.put(field, user.has(field) ? user.get(field).asText() : "NONE");
    }
    out.set("roles", user.get("roles"));
    copyIfPresent(user, out, "scopes");
    out.set("username", user.get("username"));
    return out;
  }

  private static void copyIfPresent(ObjectNode from, ObjectNode to, String field) {
    if (from.has(field)) {
      to.set(field, from.get(field));
    }
  }

  /** Applies the first matching status or drop fault; true when it answered the request. */
  private boolean applyFaults(HttpExchange exchange, Served served, Call call) throws IOException {
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
  private void challenge(HttpExchange exchange, Served served, Call call, boolean stale)
      throws IOException {
    exchange.getResponseHeaders().put("WWW-Authenticate", emulator.digest().challenges(stale));
    Call plain =
        new Call(
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
      Served served,
      Call call,
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
      Served served,
      Call call,
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

  private static Call parse(String method, String rawPath, String rawQuery) {
    if (!rawPath.startsWith(PREFIX)) {
      throw new AtlasError(RESOURCE_NOT_FOUND, rawPath);
    }
    String[] segments = rawPath.substring(PREFIX.length()).split("/", -1);
    Map<String, String> query = query(rawQuery);
    if (segments.length == 2 && segments[1].equals("databaseUsers")) {
      return new Call(
          method, rawPath, rawQuery, PercentCoding.decode(segments[0]), null, null, query);
    }
    if (segments.length == 4 && segments[1].equals("databaseUsers")) {
      return new Call(
          method,
          rawPath,
          rawQuery,
          PercentCoding.decode(segments[0]),
          PercentCoding.decode(segments[2]),
          PercentCoding.decode(segments[3]),
          query);
    }
    throw new AtlasError(RESOURCE_NOT_FOUND, PercentCoding.decode(rawPath));
  }

  private static Call parseLeniently(String method, String rawPath, String rawQuery) {
    try {
      return parse(method, rawPath, rawQuery);
    } catch (AtlasError e) {
      return new Call(method, rawPath, rawQuery, null, null, null, query(rawQuery));
    }
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> query = new HashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String name = PercentCoding.decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : PercentCoding.decode(pair.substring(eq + 1));
        query.put(name, value);
      }
    }
    return query;
  }

  private static int intParam(Call call, String name, int defaultValue, int min, int max) {
    String value = call.query().get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < min || parsed > max) {
        throw new AtlasError(INVALID_QUERY_PARAMETER, name);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new AtlasError(INVALID_QUERY_PARAMETER, name);
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
