package io.atlasoperator.domain;

/**
 * What the operator authenticates to Atlas with: a programmatic API key pair (HTTP Digest) or a
 * Service Account (OAuth 2.0 client credentials). Neither kind ever shows its secret half in {@code
 * toString}.
 */
public sealed interface AtlasCredentials permits ApiKey, ServiceAccount {

  /**
   * The public half (API public key or Service Account client id): safe to log, and what caches and
   * the call budget are keyed by.
   */
  String id();
}
