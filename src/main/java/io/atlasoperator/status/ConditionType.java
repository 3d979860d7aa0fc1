package io.atlasoperator.status;

/** The condition types an AtlasDatabaseUser reports, in kstatus terms. */
public enum ConditionType {
  /** The Atlas user matches the spec. The summary condition. */
  Ready,
  /** The operator is still working towards the spec (transient errors included). */
  Reconciling,
  /** The operator cannot make progress until the spec, a Secret or Atlas changes. */
  Stalled
}
