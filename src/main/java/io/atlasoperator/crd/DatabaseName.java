package io.atlasoperator.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The authentication database of an Atlas database user. */
public enum DatabaseName {
  /** SCRAM password users and OIDC workforce (IDP_GROUP) users. */
  @JsonProperty("admin")
  ADMIN,
  /** Users authenticated outside MongoDB: LDAP, X.509, AWS IAM and OIDC workload users. */
  @JsonProperty("$external")
  EXTERNAL;
}
