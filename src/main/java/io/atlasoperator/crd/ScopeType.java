package io.atlasoperator.crd;

/** The kind of deployment a scope names (Atlas's UserScope type). */
public enum ScopeType {
  CLUSTER,
  DATA_LAKE,
  STREAM
}
