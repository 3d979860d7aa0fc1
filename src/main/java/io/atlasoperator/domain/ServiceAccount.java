package io.atlasoperator.domain;

import java.util.Objects;

/**
 * An Atlas Service Account: an OAuth 2.0 client whose id and secret buy short-lived access tokens.
 * Its toString never shows the secret.
 */
public record ServiceAccount(String clientId, String clientSecret) implements AtlasCredentials {

  public ServiceAccount {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
  }

  @Override
  public String id() {
    return clientId;
  }

  @Override
  public String toString() {
    return "ServiceAccount[clientId=" + clientId + ", clientSecret=redacted]";
  }
}
