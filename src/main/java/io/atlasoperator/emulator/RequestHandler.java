package io.atlasoperator.emulator;

import static io.atlasoperator.emulator.ErrorCode.INVALID_GROUP_ID;
import static io.atlasoperator.emulator.ErrorCode.RATE_LIMITED;
import static io.atlasoperator.emulator.ErrorCode.RATE_LIMITED_TOKEN_BUCKET;
import static io.atlasoperator.emulator.ErrorCode.UNEXPECTED_ERROR;
import static io.atlasoperator.emulator.ErrorCode.USER_UNAUTHORIZED;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serves a request as Atlas does: the OAuth endpoints apart; for the Administration API (v1.0 and
 * v2) authentication (Digest API keys or a service account's Bearer token), then on v2 the rate
 * limit and the version negotiation, then injected faults, then the operation; each request
 * journaled once.
 */
final class RequestHandler implements HttpHandler {

  private static final Pattern GROUP_ID = Pattern.compile("[a-f0-9]{24}");

  private final AtlasEmulator emulator;
  private final UserEndpoints users;
  private final GroupEndpoints groups;
  private final OAuthEndpoint oauth;

  RequestHandler(AtlasEmulator emulator) {
    this.emulator = emulator;
    this.users = new UserEndpoints(emulator);
    this.groups = new GroupEndpoints(emulator);
    this.oauth = new OAuthEndpoint(emulator);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String rawPath = OAuthEndpoint.requestPath(exchange.getRequestURI());
    String rawQuery = exchange.getRequestURI().getRawQuery();
    String method = exchange.getRequestMethod();
    boolean oauthPath = OAuthEndpoint.serves(rawPath);
    // The OAuth endpoints' query is not journaled: nothing secret belongs there, but a client
    // might put it there anyway.
    ServedRequest served =
        new ServedRequest(
            emulator.requests(),
            emulator.clock().instant(),
            method,
            rawPath,
            oauthPath ? null : rawQuery);
    boolean dropped = false;
    Map<String, String> headers = new LinkedHashMap<>();
    emulator.requests().requestStarted();
    try {
      if (oauthPath) {
        oauth.handle(exchange, served, rawPath);
        return;
      }
      ApiCall call = ApiCall.parse(method, rawPath, rawQuery);
      String principal = authenticate(exchange, served, call);
      if (principal == null) {
        return;
      }
      served.publicKey = principal;
      checkGroupId(call);
      byte[] requestBody = exchange.getRequestBody().readAllBytes();
      String contentType = ApiVersions.JSON;
      if (call.v2()) {
        takeToken(call, headers);
        String version =
            ApiVersions.negotiate(call, exchange.getRequestHeaders().getFirst("Accept"));
        if (call.method().equals("POST") || call.method().equals("PATCH")) {
          ApiVersions.checkContentType(call, exchange.getRequestHeaders().getFirst("Content-Type"));
        }
        contentType = ApiVersions.contentType(version);
      }
      if (!applyFaults(exchange, served, call, headers)) {
        UserEndpoints.Answer answer = answer(call, principal, requestBody);
        if (served.loseAnswer) {
          throw new DroppedConnection();
        }
        Responder.send(
            exchange, served, call, answer.status(), answer.body(), headers, contentType);
      }
    } catch (AtlasError error) {
      Responder.sendError(
          exchange, served, ApiCall.parseLeniently(method, rawPath, rawQuery), error, headers);
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

  private UserEndpoints.Answer answer(ApiCall call, String principal, byte[] requestBody) {
    if (call.resource() == ApiCall.Resource.DATABASE_USERS) {
      return users.answer(call, principal, requestBody);
    }
    synchronized (emulator) {
      JsonNode body = groups.answer(call, principal);
      return new UserEndpoints.Answer(200, body);
    }
  }

  /**
   * The principal (API public key or service-account client id), or null once a 401 is sent: a
   * Digest challenge without valid Digest credentials, or for a Bearer token that is unknown,
   * revoked or expired a plain {@code USER_UNAUTHORIZED} with {@code WWW-Authenticate: Bearer
   * error="invalid_token"} (RFC 6750 section 3.1). What Atlas answers a bad Bearer token is
   * unsourced; the code is the one it documents for a request it does not authorize.
   */
  private String authenticate(HttpExchange exchange, ServedRequest served, ApiCall call)
      throws IOException {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String principal = emulator.serviceAccounts().principal(header.substring(7).trim());
      if (principal == null) {
        Responder.sendError(
            exchange,
            served,
            call.plain(),
            new AtlasError(USER_UNAUTHORIZED),
            Map.of("WWW-Authenticate", "Bearer realm=\"MMS Public API\", error=\"invalid_token\""));
      }
      return principal;
    }
    String requestUri = call.rawPath() + (call.rawQuery() == null ? "" : "?" + call.rawQuery());
    DigestAuth.Result auth = emulator.digest().verify(header, call.method(), requestUri);
    if (!auth.ok()) {
      // Authentication comes before the API: the challenge is plain even with envelope=true.
      exchange
          .getResponseHeaders()
          .put("WWW-Authenticate", emulator.digest().challenges(auth.stale()));
      Responder.sendError(
          exchange, served, call.plain(), new AtlasError(USER_UNAUTHORIZED), Map.of());
      return null;
    }
    return auth.publicKey();
  }

  /**
   * A project id in the path must match the spec's {@code groupId} pattern {@code ^([a-f0-9]{24})$}
   * (v1.0 and v2 specs, parameter {@code groupId}); one that does not is 404 {@code
   * INVALID_GROUP_ID}, the code and status the Errors page documents for "An invalid group ID %s
   * was specified.". Checked once the request is authenticated, before the rate limit and the
   * version (the order is the emulator's choice).
   */
  private static void checkGroupId(ApiCall call) {
    if (call.projectId() != null && !GROUP_ID.matcher(call.projectId()).matches()) {
      throw new AtlasError(INVALID_GROUP_ID, call.projectId());
    }
  }

  /**
   * Takes a token from the request's bucket (see {@link RateLimits}), adding RateLimit-Limit and
   * RateLimit-Remaining; on an empty bucket throws the documented 429 with Retry-After. The path in
   * the body is the request's, without its leading slash, as in the page's example.
   */
  private void takeToken(ApiCall call, Map<String, String> headers) {
    String scope;
    synchronized (emulator) {
      scope =
          call.projectId() != null
              ? call.projectId()
              : emulator.projectNamed(call.name()).map(p -> p.id).orElse("byName/" + call.name());
    }
    EndpointSet set = EndpointSet.of(call.resource());
    TokenBucket.Take take = emulator.rateLimits().take(set, scope, emulator.clock().instant());
    if (take == null) {
      return;
    }
    TokenBucket.Limit limit = take.limit();
    headers.put("RateLimit-Limit", Integer.toString(limit.capacity()));
    headers.put("RateLimit-Remaining", Integer.toString(take.remaining()));
    if (!take.allowed()) {
      headers.put("Retry-After", Long.toString(take.retryAfterSeconds()));
      throw new AtlasError(
          RATE_LIMITED_TOKEN_BUCKET,
          call.decodedPath().substring(1),
          take.retryAfterSeconds(),
          limit.capacity(),
          limit.refillRate(),
          limit.refillPeriod().toSeconds());
    }
  }

  /** Applies the first matching status or drop fault; true when it answered the request. */
  private boolean applyFaults(
      HttpExchange exchange, ServedRequest served, ApiCall call, Map<String, String> headers)
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
          if (fault.retryAfter() != null) {
            headers.put("Retry-After", Long.toString(fault.retryAfter().toSeconds()));
          }
          Responder.sendError(
              exchange, served, call, new AtlasError(code, fault.status, parameters), headers);
          return true;
        }
      }
    }
    return false;
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
