package io.atlasoperator.status;

/** The condition types an AtlasDatabaseUser reports, in kstatus terms. */
public enum ConditionType {
  /** The Atlas user matches the spec. The summary condition. */
  Ready(Reason.Kind.READY),
  /** The operator is still working towards the spec (transient errors included). */
  Reconciling(Reason.Kind.PROGRESSING),
  /** The operator cannot make progress until the spec, a Secret or Atlas changes. */
  Stalled(Reason.Kind.STALLED),
  /**
   * The operator holds off, as an annotation or setting asked (Paused, DryRun). Present only then,
   * and then Ready is absent: kstatus reads a Ready=False as "in progress", which a paused resource
   * is not.
   */
  Held(Reason.Kind.HELD);

  private final Reason.Kind kind;

  ConditionType(Reason.Kind kind) {
    this.kind = kind;
  }

  /** The kind of reason for which this condition is True. */
  public Reason.Kind kind() {
    return kind;
  }
}
