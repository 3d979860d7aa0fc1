package io.atlasoperator.domain;

import java.util.Objects;

/** An Atlas programmatic API key pair. Its toString never shows the private key. */
public record ApiKey(String publicKey, String privateKey) implements AtlasCredentials {

  public ApiKey {
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(privateKey, "privateKey");
  }

  @Override
  public String id() {
    return publicKey;
  }

  @Override
  public String toString() {
    return "ApiKey[publicKey=" + publicKey + ", privateKey=redacted]";
  }
}
