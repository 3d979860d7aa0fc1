package io.atlasoperator.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately plain HTTP client for testing the emulator's wire behaviour: the JDK's HttpClient
 * plus a Digest (RFC 7616) implementation of its own, independent of the product's client.
 */
final class RawAtlasHttp {

  /** One answer: status, headers and body text (and the body as JSON when it is JSON). */
  record Answer(int status, Map<String, List<String>> headers, String body) {
    JsonNode json() {
      try {
        return new ObjectMapper().readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private static final Pattern PARAM =
      Pattern.compile("([a-zA-Z0-9-]+)\\s*=\\s*(?:\"([^\"]*)\"|([^,\\s]+))");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String publicKey;
  private final String privateKey;
  private final String algorithm;

  RawAtlasHttp(String baseUrl, String publicKey, String privateKey, String algorithm) {
    this.baseUrl = baseUrl;
    this.publicKey = publicKey;
    this.privateKey = privateKey;
    this.algorithm = algorithm;
  }

  /** Sends without credentials. */
  Answer anonymous(String method, String pathAndQuery, String body) throws Exception {
    return send(method, pathAndQuery, body, (String) null);
  }

  /**
   * Sends, answers the Digest challenge with the chosen algorithm, and returns the final answer.
   */
  Answer call(String method, String pathAndQuery, String body) throws Exception {
    Answer first = anonymous(method, pathAndQuery, body);
    if (first.status() != 401) {
      return first;
    }
    String challenge =
        first.headers().getOrDefault("www-authenticate", List.of()).stream()
            .filter(h -> h.contains("algorithm=" + algorithm + ","))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + algorithm + " challenge: " + first));
    return send(method, pathAndQuery, body, authorization(challenge, method, pathAndQuery, 1));
  }

  /** Like {@link #call}, with more request headers (Accept, Content-Type, ...). */
  Answer call(String method, String pathAndQuery, String body, Map<String, String> headers)
      throws Exception {
    Answer first = send(method, pathAndQuery, body, headers);
    if (first.status() != 401) {
      return first;
    }
    String challenge =
        first.headers().getOrDefault("www-authenticate", List.of()).stream()
            .filter(h -> h.contains("algorithm=" + algorithm + ","))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + algorithm + " challenge: " + first));
    Map<String, String> authorized = new LinkedHashMap<>(headers);
    authorized.put("Authorization", authorization(challenge, method, pathAndQuery, 1));
    return send(method, pathAndQuery, body, authorized);
  }

  /**
   * Sends once with exactly these headers (Content-Type application/json for a body unless set).
   */
  Answer send(String method, String pathAndQuery, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery.substring(1)))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.headers().map(), response.body());
  }

  Answer get(String pathAndQuery) throws Exception {
    return call("GET", pathAndQuery, null);
  }

  String authorization(String challenge, String method, String uri, int nc) {
    Map<String, String> params = new LinkedHashMap<>();
    Matcher matcher = PARAM.matcher(challenge.substring("Digest ".length()));
    while (matcher.find()) {
      params.put(matcher.group(1), matcher.group(2) != null ? matcher.group(2) : matcher.group(3));
    }
    String realm = params.get("realm");
    String nonce = params.get("nonce");
    String ncValue = String.format("%08x", nc);
    String cnonce = "0a4f113b";
    String ha1 = hash(publicKey + ":" + realm + ":" + privateKey);
    String ha2 = hash(method + ":" + uri);
    String response = hash(ha1 + ":" + nonce + ":" + ncValue + ":" + cnonce + ":auth:" + ha2);
    return "Digest username=\""
        + publicKey
        + "\", realm=\""
        + realm
        + "\", nonce=\""
        + nonce
        + "\", uri=\""
        + uri
        + "\", algorithm="
        + algorithm
        + ", qop=auth, nc="
        + ncValue
        + ", cnonce=\""
        + cnonce
        + "\", response=\""
        + response
        + "\"";
  }

  private Answer send(String method, String pathAndQuery, String body, String authorization)
      throws Exception {
    return send(
        method,
        pathAndQuery,
        body,
        authorization == null ? Map.of() : Map.of("Authorization", authorization));
  }

  private String hash(String text) {
    try {
      MessageDigest digest =
          MessageDigest.getInstance("SHA-256".equals(algorithm) ? "SHA-256" : "MD5");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
