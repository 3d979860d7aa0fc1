package io.atlasoperator.emulator;

import java.time.Instant;

/**
 * One request the emulator served.
 *
 * @param at when it was received (emulator clock)
 * @param method HTTP method
 * @param path raw (percent-encoded) path
 * @param query raw query string, or null
 * @param status HTTP status answered; 0 when the connection was dropped
 * @param publicKey the principal that authenticated it (an API public key, or a service account's
 *     client id for a Bearer token), or null when it was not authenticated; the OAuth endpoints'
 *     own requests are journaled without one (they are not Administration API calls)
 */
public record JournalEntry(
    Instant at, String method, String path, String query, int status, String publicKey) {

  /** The API public key or service-account client id that authenticated it, or null. */
  public String principal() {
    return publicKey;
  }

  /** True for requests that passed authentication, i.e. the calls Atlas would count. */
  public boolean authenticated() {
    return publicKey != null;
  }

  /** True for POST, PATCH and DELETE. */
  public boolean isWrite() {
    return !method.equals("GET");
  }
}
