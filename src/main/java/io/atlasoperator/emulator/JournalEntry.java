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
 * @param publicKey the API key that authenticated it, or null when it was not authenticated
 */
public record JournalEntry(
    Instant at, String method, String path, String query, int status, String publicKey) {

  /** True for requests that passed authentication, i.e. the calls Atlas would count. */
  public boolean authenticated() {
    return publicKey != null;
  }

  /** True for POST, PATCH and DELETE. */
  public boolean isWrite() {
    return !method.equals("GET");
  }
}
