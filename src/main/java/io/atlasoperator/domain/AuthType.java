package io.atlasoperator.domain;

/**
 * How a database user authenticates. Atlas spreads this over four fields (ldapAuthType, x509Type,
 * awsIAMType, oidcAuthType), at most one of them other than NONE; here it is one value.
 */
public enum AuthType {
  SCRAM(null, null),
  LDAP_USER("ldapAuthType", "USER"),
  LDAP_GROUP("ldapAuthType", "GROUP"),
  X509_MANAGED("x509Type", "MANAGED"),
  X509_CUSTOMER("x509Type", "CUSTOMER"),
  AWS_IAM_USER("awsIAMType", "USER"),
  AWS_IAM_ROLE("awsIAMType", "ROLE"),
  OIDC_IDP_GROUP("oidcAuthType", "IDP_GROUP"),
  OIDC_USER("oidcAuthType", "USER");

  private final String atlasField;
  private final String atlasValue;

  AuthType(String atlasField, String atlasValue) {
    this.atlasField = atlasField;
    this.atlasValue = atlasValue;
  }

  /** The Atlas field that carries this type (ldapAuthType, ...), null for SCRAM. */
  public String atlasField() {
    return atlasField;
  }

  /** The value of {@link #atlasField()} for this type, null for SCRAM. */
  public String atlasValue() {
    return atlasValue;
  }

  /**
   * True for users that live in $external: LDAP users, X.509, AWS IAM and OIDC workload users.
   * SCRAM users and the two kinds of group (LDAP GROUP, OIDC IDP_GROUP) live in admin: the v1.0
   * OpenAPI specification's own LDAP example creates a GROUP on admin, and Atlas's LDAP page says
   * "you can create LDAP groups on the admin database".
   */
  public boolean isExternal() {
    return this != SCRAM && this != OIDC_IDP_GROUP && this != LDAP_GROUP;
  }

  /** True for users that authenticate with a password Atlas keeps. */
  public boolean needsPassword() {
    return this == SCRAM;
  }

  /** The type a set of Atlas fields describes; SCRAM when all are NONE or absent. */
  public static AuthType of(String ldap, String x509, String awsIam, String oidc) {
    for (AuthType type : values()) {
      String value =
          switch (type.atlasField == null ? "" : type.atlasField) {
            case "ldapAuthType" -> ldap;
            case "x509Type" -> x509;
            case "awsIAMType" -> awsIam;
            case "oidcAuthType" -> oidc;
            default -> null;
          };
      if (type.atlasValue != null && type.atlasValue.equals(value)) {
        return type;
      }
    }
    return SCRAM;
  }
}
