package io.atlasoperator.crd;

/** Who manages the X.509 certificate the user authenticates with. */
public enum X509Type {
  NONE,
  MANAGED,
  CUSTOMER
}
