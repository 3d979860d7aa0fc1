package io.atlasoperator.reconciler;

/**
 * Thrown to JOSDK for a failure its retry takes from here (exponential backoff). From a reconcile
 * JOSDK hands it back to {@code updateErrorStatus}, which reports it; from a deletion it was
 * reported before it was thrown. Carries no stack trace: it is not a bug.
 */
final class RetriedWithBackoff extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient Outcome.Failed failed;
  private final String observed;

  RetriedWithBackoff(Outcome.Failed failed, String observed) {
    super(failed.message(), null, false, false);
    this.failed = failed;
    this.observed = observed;
  }

  Outcome.Failed failed() {
    return failed;
  }

  /** What the reconcile had read, for status.observedInputs; null if nothing. */
  String observed() {
    return observed;
  }
}
