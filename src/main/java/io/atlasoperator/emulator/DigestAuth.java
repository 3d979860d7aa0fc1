package io.atlasoperator.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP Digest authentication as a server does it (RFC 7616, qop=auth, MD5 and SHA-256), the way
 * Atlas authenticates programmatic API keys: the public key is the username, the private key the
 * password. Nonces expire; a correct answer with an expired nonce is told {@code stale=true}.
 */
final class DigestAuth {

  static final String REALM = "MMS Public API";

  /** The outcome of checking an Authorization header. */
  record Result(String publicKey, boolean stale) {
    boolean ok() {
      return publicKey != null;
    }
  }

  private static final Pattern PARAM =
      Pattern.compile("([a-zA-Z0-9-]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]+))");

  private final Clock clock;
  private final Duration nonceLifetime;
  private final List<String> algorithms;
  private final Function<String, String> privateKeys;
  private final Map<String, Instant> nonces = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  DigestAuth(
      Clock clock,
      Duration nonceLifetime,
      List<String> algorithms,
      Function<String, String> privateKeys) {
    this.clock = clock;
    this.nonceLifetime = nonceLifetime;
    this.algorithms = List.copyOf(algorithms);
    this.privateKeys = privateKeys;
  }

  /** One WWW-Authenticate header value per offered algorithm, sharing a fresh nonce. */
  List<String> challenges(boolean stale) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    String nonce = HexFormat.of().formatHex(bytes);
    nonces.put(nonce, clock.instant());
    return algorithms.stream()
        .map(
            algorithm ->
                "Digest realm=\""
                    + REALM
                    + "\", domain=\"\", nonce=\""
                    + nonce
                    + "\", algorithm="
                    + algorithm
                    + ", qop=\"auth\", stale="
                    + stale)
        .toList();
  }

  /** Checks an Authorization header against the request it came with. */
  Result verify(String header, String method, String requestUri) {
    if (header == null || !header.regionMatches(true, 0, "Digest ", 0, 7)) {
      return new Result(null, false);
    }
    Map<String, String> params = parse(header.substring(7));
    String username = params.get("username");
    String nonce = params.get("nonce");
    String algorithm = params.getOrDefault("algorithm", "MD5");
    String privateKey = username == null ? null : privateKeys.apply(username);
    Instant issued = nonce == null ? null : nonces.get(nonce);
    if (privateKey == null
        || issued == null
        || !algorithms.contains(algorithm)
        || !"auth".equals(params.get("qop"))
        || !REALM.equals(params.get("realm"))
        || !requestUri.equals(params.get("uri"))) {
      return new Result(null, false);
    }
    String ha1 = hash(algorithm, username + ":" + REALM + ":" + privateKey);
    String ha2 = hash(algorithm, method + ":" + params.get("uri"));
    String expected =
        hash(
            algorithm,
            ha1
                + ":"
                + nonce
                + ":"
                + params.get("nc")
                + ":"
                + params.get("cnonce")
                + ":auth:"
                + ha2);
    String response = params.getOrDefault("response", "");
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        response.getBytes(StandardCharsets.US_ASCII))) {
      return new Result(null, false);
    }
    if (issued.plus(nonceLifetime).isBefore(clock.instant())) {
      nonces.remove(nonce);
      return new Result(null, true);
    }
    return new Result(username, false);
  }

  static String hash(String algorithm, String text) {
    try {
      MessageDigest digest =
          MessageDigest.getInstance("SHA-256".equals(algorithm) ? "SHA-256" : "MD5");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> parse(String text) {
    Map<String, String> params = new LinkedHashMap<>();
    Matcher matcher = PARAM.matcher(text);
    while (matcher.find()) {
      String value = matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
      params.put(matcher.group(1).toLowerCase(java.util.Locale.ROOT), value);
    }
    return params;
  }
}
