package io.atlasoperator.emulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code POST /api/oauth/token} and {@code POST /api/oauth/revoke}: the OAuth 2.0 client
 * credentials grant of Atlas service accounts.
 *
 * <ul>
 *   <li>Request and answer: "Generate an OAuth 2.0 Access Token"
 *       (https://www.mongodb.com/docs/atlas/api/service-accounts/generate-oauth2-token): Basic
 *       authentication with the client id and secret, form body {@code
 *       grant_type=client_credentials}, answer {@code access_token}, {@code expires_in}, {@code
 *       token_type} Bearer.
 *   <li>Revocation: "Revoke an OAuth 2.0 Access Token"
 *       (https://www.mongodb.com/docs/atlas/api/service-accounts/revoke-oauth2-token): Basic
 *       authentication, form body {@code token=...}, 200.
 *   <li>Errors: RFC 6749 section 5.2 bodies ({@code {"error":"invalid_client"}} with 401, {@code
 *       invalid_request} and {@code unsupported_grant_type} with 400). MongoDB's Atlas CLI expects
 *       {@code invalid_client} from this endpoint (mongodb/mongodb-atlas-cli {@code
 *       internal/cli/commonerrors/errors.go}); the other bodies are the RFC's, unconfirmed for
 *       Atlas.
 *   <li>Limit: 50 token requests a minute per client, answered 429 {@code RATE_LIMITED} ("Resource
 *       /api/oauth/token is limited to 50 requests every 1 minutes."), as Terraform's provider
 *       guide quotes it (mongodb/terraform-provider-mongodbatlas
 *       docs/guides/provider-configuration.md).
 * </ul>
 *
 * <p>Repeated slashes in these two paths are taken as one (see {@link #serves}).
 *
 * <p>Client ids and secrets are form-decoded when the plain ones do not match, as RFC 6749 section
 * 2.3.1 has clients encode them (Go's oauth2 package does).
 */
final class OAuthEndpoint {

  static final String TOKEN_PATH = "/api/oauth/token";
  static final String REVOKE_PATH = "/api/oauth/revoke";

  private final AtlasEmulator emulator;

  OAuthEndpoint(AtlasEmulator emulator) {
    this.emulator = emulator;
  }

  /**
   * Whether the path is one of the two endpoints, with runs of slashes taken as one: {@code
   * //api/oauth/token} is the token endpoint too. Why: MongoDB's Kubernetes operator v2.15.0 asked
   * for {@code atlasDomain + "/api/oauth/token"} (mongodb/mongodb-atlas-kubernetes {@code
   * internal/controller/serviceaccounttoken/token_provider.go}, changed to URL resolution in
   * v2.15.1, #3409) with its default domain {@code https://cloud.mongodb.com/} ({@code
   * internal/operator/builder.go} DefaultAtlasDomain), so its first request is {@code
   * //api/oauth/token}. Atlas publishes nothing on repeated slashes; RFC 3986 section 3.3 makes
   * {@code //api} a different path (an empty segment), while common front ends merge them by
   * default (nginx {@code merge_slashes on}; Apache httpd {@code MergeSlashes On} since 2.4.39).
   * Serving it is <b>the emulator's choice</b>, for that operator; the Administration API's paths
   * are not merged (atlas-sdk-go trims the base URL's trailing slash, {@code UseBaseURL}).
   */
  static boolean serves(String rawPath) {
    String path = mergeSlashes(rawPath);
    return path.equals(TOKEN_PATH) || path.equals(REVOKE_PATH);
  }

  /**
   * The path as the client sent it. {@link URI} reads a request target {@code //api/oauth/token} as
   * authority {@code api} and path {@code /oauth/token}; this puts the two back together.
   */
  static String requestPath(URI uri) {
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return uri.getScheme() == null && uri.getRawAuthority() != null
        ? "//" + uri.getRawAuthority() + path
        : path;
  }

  private static String mergeSlashes(String path) {
    return path.replaceAll("/{2,}", "/");
  }

  void handle(HttpExchange exchange, ServedRequest served, String rawPath) throws IOException {
    ServiceAccounts accounts = emulator.serviceAccounts();
    String[] client = basic(exchange.getRequestHeaders().getFirst("Authorization"));
    Map<String, String> form =
        form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    boolean token = mergeSlashes(rawPath).equals(TOKEN_PATH);
    if (token) {
      String who =
          client != null ? client[0] : "address " + exchange.getRemoteAddress().getAddress();
      TokenBucket.Take limited = accounts.takeTokenRequest(who, emulator.clock().instant());
      if (limited != null) {
        AtlasError error =
            new AtlasError(ErrorCode.RATE_LIMITED, TOKEN_PATH, limited.limit().capacity(), 1);
        Responder.sendError(
            exchange,
            served,
            null,
            error,
            Map.of("Retry-After", Long.toString(limited.retryAfterSeconds())));
        return;
      }
    }
    String clientId = client == null ? null : authenticated(accounts, client);
    if (!"POST".equals(exchange.getRequestMethod())) {
      oauthError(exchange, served, 400, "invalid_request");
    } else if (clientId == null) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"MongoDB Atlas\"");
      oauthError(exchange, served, 401, "invalid_client");
    } else if (!token) {
      String revoked = form.get("token");
      if (revoked == null) {
        oauthError(exchange, served, 400, "invalid_request");
        return;
      }
      accounts.revoke(clientId, revoked);
      served.record(200);
      exchange.sendResponseHeaders(200, -1);
    } else if (form.get("grant_type") == null) {
      oauthError(exchange, served, 400, "invalid_request");
    } else if (!form.get("grant_type").equals("client_credentials")) {
      oauthError(exchange, served, 400, "unsupported_grant_type");
    } else {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("access_token", accounts.issue(clientId));
      body.put("expires_in", accounts.lifetime().toSeconds());
      body.put("token_type", "Bearer");
      // RFC 6749 section 5.1: token answers are not to be cached.
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.getResponseHeaders().set("Pragma", "no-cache");
      served.record(200);
      Responder.writeJson(exchange, 200, body, false, ApiVersions.JSON);
    }
  }

  /** The client id when the credentials are right (plain, or form-encoded), else null. */
  private static String authenticated(ServiceAccounts accounts, String[] client) {
    if (accounts.verify(client[0], client[1])) {
      return client[0];
    }
    String id = formDecode(client[0]);
    return id != null && accounts.verify(id, formDecode(client[1])) ? id : null;
  }

  private static void oauthError(
      HttpExchange exchange, ServedRequest served, int status, String error) throws IOException {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("error", error);
    served.record(status);
    Responder.writeJson(exchange, status, body, false, ApiVersions.JSON);
  }

  /** {clientId, clientSecret} of a Basic Authorization header, or null. */
  static String[] basic(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String pair =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      return colon < 0 ? null : new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        String name = formDecode(pair.substring(0, eq));
        String value = formDecode(pair.substring(eq + 1));
        if (name != null && value != null) {
          form.put(name, value);
        }
      }
    }
    return form;
  }

  private static String formDecode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
