package io.atlasoperator.crd;

/** What happens to the Atlas user when its AtlasDatabaseUser resource is deleted. */
public enum DeletionPolicy {
  /** The Atlas user is deleted with the resource. */
  Delete,
  /** The Atlas user is left in Atlas. */
  Retain
}
