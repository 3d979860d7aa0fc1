package io.atlasoperator.crd;

/** How an LDAP server authenticates the user. */
public enum LdapAuthType {
  NONE,
  USER,
  GROUP
}
