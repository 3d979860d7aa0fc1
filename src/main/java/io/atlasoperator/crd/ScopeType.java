package io.atlasoperator.crd;

/** The kind of deployment a scope names. */
public enum ScopeType {
  CLUSTER,
  DATA_LAKE
}
