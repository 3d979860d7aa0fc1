package io.atlasoperator.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Service accounts (OAuth 2.0 client credentials) and the access tokens issued to them. A token
 * lives {@link #lifetime()} by the emulator clock (Atlas: one hour, "Generate an OAuth 2.0 Access
 * Token", https://www.mongodb.com/docs/atlas/api/service-accounts/generate-oauth2-token) unless
 * revoked first. Secrets and tokens are held here only, never journaled or logged.
 */
final class ServiceAccounts {

  /** Whom a token was issued to, and until when. */
  private record Grant(String clientId, Instant expires) {}

  private final EmulatorClock clock;
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final Map<String, Grant> tokens = new ConcurrentHashMap<>();
  private final Map<String, TokenBucket> tokenRequests = new HashMap<>();
  private final SecureRandom random = new SecureRandom();
  private volatile Duration lifetime;
  private volatile int tokenRequestsPerMinute;

  ServiceAccounts(EmulatorClock clock, Duration lifetime, int tokenRequestsPerMinute) {
    this.clock = clock;
    this.lifetime = lifetime;
    this.tokenRequestsPerMinute = tokenRequestsPerMinute;
  }

  void add(String clientId, String clientSecret) {
    secrets.put(clientId, clientSecret);
  }

  boolean verify(String clientId, String clientSecret) {
    String known = clientId == null ? null : secrets.get(clientId);
    return known != null
        && clientSecret != null
        && MessageDigest.isEqual(
            known.getBytes(StandardCharsets.UTF_8), clientSecret.getBytes(StandardCharsets.UTF_8));
  }

  Duration lifetime() {
    return lifetime;
  }

  void lifetime(Duration value) {
    lifetime = value;
  }

  int tokenRequestsPerMinute() {
    return tokenRequestsPerMinute;
  }

  synchronized void tokenRequestsPerMinute(int value) {
    tokenRequestsPerMinute = value;
    tokenRequests.clear();
  }

  /** A new access token for a client. */
  String issue(String clientId) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    tokens.put(token, new Grant(clientId, clock.instant().plus(lifetime)));
    return token;
  }

  /** The client a token stands for, or null when it is unknown, revoked or expired. */
  String principal(String token) {
    Grant grant = tokens.get(token);
    if (grant == null) {
      return null;
    }
    if (!clock.instant().isBefore(grant.expires())) {
      tokens.remove(token);
      return null;
    }
    return secrets.containsKey(grant.clientId()) ? grant.clientId() : null;
  }

  /** Revokes a token of this client (RFC 7009: other clients' tokens are left alone). */
  void revoke(String clientId, String token) {
    tokens.computeIfPresent(token, (t, grant) -> grant.clientId().equals(clientId) ? null : grant);
  }

  void revokeAll() {
    tokens.clear();
  }

  /**
   * Counts a request to the token endpoint for a client (or address); null while under the limit of
   * {@link #tokenRequestsPerMinute()} a minute, counted in minutes from its first request.
   */
  synchronized TokenBucket.Take takeTokenRequest(String who, Instant now) {
    if (tokenRequestsPerMinute <= 0) {
      return null;
    }
    TokenBucket.Limit limit =
        new TokenBucket.Limit(
            tokenRequestsPerMinute, tokenRequestsPerMinute, Duration.ofMinutes(1));
    TokenBucket.Take take =
        tokenRequests.computeIfAbsent(who, key -> new TokenBucket(limit, now)).take(now);
    return take.allowed() ? null : take;
  }

  synchronized void refillAll() {
    tokenRequests.clear();
  }
}
