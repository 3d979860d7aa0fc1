package io.atlasoperator.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The authentication database of an Atlas database user. */
public enum DatabaseName {
  /** SCRAM password users, LDAP groups and OIDC workforce (IDP_GROUP) groups. */
  @JsonProperty("admin")
  ADMIN,
  /** Users authenticated outside MongoDB: LDAP users, X.509, AWS IAM and OIDC workload users. */
  @JsonProperty("$external")
  EXTERNAL;
}
