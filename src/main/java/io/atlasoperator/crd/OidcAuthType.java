package io.atlasoperator.crd;

/** How an OIDC identity provider authenticates the user. */
public enum OidcAuthType {
  NONE,
  IDP_GROUP,
  USER
}
