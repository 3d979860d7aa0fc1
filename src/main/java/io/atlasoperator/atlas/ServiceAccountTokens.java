package io.atlasoperator.atlas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atlasoperator.domain.ServiceAccount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Authenticates calls as an Atlas Service Account: OAuth 2.0 client credentials, as Atlas documents
 * them ("Generate an OAuth 2.0 access token"): {@code POST /api/oauth/token} with HTTP Basic
 * clientId:clientSecret and {@code grant_type=client_credentials}, answered with a Bearer {@code
 * access_token} good for {@code expires_in} seconds (an hour).
 *
 * <p>One token serves every call of the account until two thirds of its lifetime have passed (when
 * MongoDB's operator renews its own), so a steady stream of calls asks for a token about twice an
 * hour, far below the token endpoint's limit (50 a minute). A renewal that fails while the token
 * still has time left keeps using it and tries again a minute later; a token request that fails
 * with no good token left fails the calls of the next ten seconds at once rather than asking again
 * for each. A 401 to a call made with a token Atlas calls invalid ({@code error="invalid_token"}),
 * or with a token at least a minute old (revoked, say), drops it and the call is made once more
 * with a new one; a 401 NOT_IN_GROUP is an answer about the project, not the token, and is left
 * alone. Neither the secret nor a token is ever logged or put in an exception.
 */
final class ServiceAccountTokens implements Interceptor {

  static final String TOKEN_PATH = "api/oauth/token";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OkHttpClient http;
  private final HttpUrl tokenUrl;
  private final ServiceAccount account;
  private final Clock clock;

  /** Backoff after a failed renewal while the token still works. */
  static final Duration RENEWAL_BACKOFF = Duration.ofMinutes(1);

  /** How long a failed token request answers for the calls after it. */
  static final Duration FAILURE_MEMORY = Duration.ofSeconds(10);

  /** How old a refused token must be before it is replaced without Atlas calling it invalid. */
  static final Duration REFUSED_TOKEN_AGE = Duration.ofMinutes(1);

  private String token;
  private Instant issuedAt = Instant.MIN;
  private Instant renewAt = Instant.MIN;
  private Instant expiresAt = Instant.MIN;
  private RuntimeException lastFailure;
  private Instant failedAt = Instant.MIN;

  ServiceAccountTokens(OkHttpClient http, String baseUrl, ServiceAccount account, Clock clock) {
    this.http = http;
    this.tokenUrl = HttpUrl.get(baseUrl).resolve(TOKEN_PATH);
    this.account = account;
    this.clock = clock;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    String used = token();
    Response response = chain.proceed(withToken(chain.request(), used));
    if (response.code() != 401 || !worthANewToken(response, used)) {
      return response;
    }
    response.close();
    drop(used);
    return chain.proceed(withToken(chain.request(), token()));
  }

  private boolean worthANewToken(Response response, String used) throws IOException {
    try {
      if (response.peekBody(4096).string().contains("\"NOT_IN_GROUP\"")) {
        return false;
      }
    } catch (IOException | RuntimeException e) {
      response.close();
      throw e;
    }
    boolean invalid =
        response.headers("WWW-Authenticate").stream().anyMatch(h -> h.contains("invalid_token"));
    return invalid || issuedBefore(used, clock.instant().minus(REFUSED_TOKEN_AGE));
  }

  private synchronized boolean issuedBefore(String used, Instant instant) {
    return used.equals(token) && issuedAt.isBefore(instant);
  }

  private static Request withToken(Request request, String token) {
    return request.newBuilder().header("Authorization", "Bearer " + token).build();
  }

  private synchronized void drop(String used) {
    if (used.equals(token)) {
      token = null;
    }
  }

  /** The current token, or a new one when there is none or it is due for renewal. */
  synchronized String token() throws IOException {
    Instant now = clock.instant();
    boolean usable = token != null && now.isBefore(expiresAt);
    if (usable && now.isBefore(renewAt)) {
      return token;
    }
    if (!usable && lastFailure != null && now.isBefore(failedAt.plus(FAILURE_MEMORY))) {
      throw lastFailure;
    }
    try {
      fetch();
      lastFailure = null;
    } catch (AtlasException | IOException e) {
      if (usable) {
        renewAt = now.plus(RENEWAL_BACKOFF);
        return token;
      }
      lastFailure =
          e instanceof AtlasException atlas
              ? atlas
              : new AtlasException(
                  "POST /" + TOKEN_PATH,
                  "No answer from Atlas for POST /"
                      + TOKEN_PATH
                      + " ("
                      + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                      + ")",
                  e);
      failedAt = now;
      throw lastFailure;
    }
    return token;
  }

  private void fetch() throws IOException {
    Request request =
        new Request.Builder()
            .url(tokenUrl)
            .header(
                "Authorization",
                okhttp3.Credentials.basic(
                    account.clientId(), account.clientSecret(), StandardCharsets.UTF_8))
            .header("Accept", "application/json")
            .post(new FormBody.Builder().add("grant_type", "client_credentials").build())
            .build();
    String operation = "POST /" + TOKEN_PATH;
    Instant asked = clock.instant();
    try (Response response = http.newCall(request).execute()) {
      JsonNode body = read(response);
      if (!response.isSuccessful()) {
        throw refused(operation, response, body);
      }
      String accessToken =
          body.path("access_token").isTextual() ? body.get("access_token").asText() : "";
      if (accessToken.isEmpty() || !"bearer".equalsIgnoreCase(body.path("token_type").asText())) {
        throw new AtlasException(
            operation, "Atlas's token endpoint answered without a Bearer access_token", null);
      }
      long lifetime = Math.max(60, body.path("expires_in").asLong(3600));
      token = accessToken;
      issuedAt = asked;
      renewAt = asked.plus(Duration.ofSeconds(lifetime * 2 / 3));
      expiresAt = asked.plus(Duration.ofSeconds(lifetime - 10));
    }
  }

  /**
   * The token endpoint's refusal as an Atlas error: Atlas's own error body (errorCode, detail), or
   * OAuth's (error, error_description).
   */
  private AtlasApiException refused(String operation, Response response, JsonNode body) {
    String code = body.hasNonNull("errorCode") ? body.get("errorCode").asText() : null;
    String oauthError = body.hasNonNull("error") ? body.get("error").asText() : null;
    String detail =
        body.hasNonNull("detail")
            ? body.get("detail").asText()
            : body.hasNonNull("error_description")
                ? body.get("error_description").asText()
                : oauthError;
    List<String> parameters = List.of();
    String retryAfter = response.header("Retry-After");
    return new AtlasApiException(
        operation,
        response.code(),
        code,
        "Service Account "
            + account.clientId()
            + " could not get an access token"
            + (detail == null ? "" : " (" + detail + ")"),
        null,
        parameters,
        retryAfter != null && retryAfter.trim().matches("[0-9]{1,9}")
            ? Duration.ofSeconds(Long.parseLong(retryAfter.trim()))
            : null);
  }

  private static JsonNode read(Response response) {
    try {
      String text = response.body() == null ? "" : response.body().string();
      JsonNode node = text.isBlank() ? null : JSON.readTree(text);
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
