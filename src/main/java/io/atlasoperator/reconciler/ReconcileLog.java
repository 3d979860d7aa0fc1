package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.status.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The log line of each reconcile's outcome ({@code ns/name Ready=True UpToDate: ...}). */
final class ReconcileLog {

  private static final Logger LOG = LoggerFactory.getLogger(Reporter.class);

  private ReconcileLog() {}

  /**
   * One line per reconcile; waiting (for the call budget, or for a deletion to go through) again
   * and again is one line, when it starts, and then DEBUG.
   */
  static void outcome(
      AtlasDatabaseUser resource, Reason reason, String message, boolean transition) {
    boolean quiet = (reason == Reason.RateLimited || reason == Reason.Deleting) && !transition;
    String line = "{} Ready={} {}: {}";
    Object[] args = {
      Ownership.ownerOf(resource),
      reason.kind() == Reason.Kind.READY ? "True" : "False",
      reason,
      message == null ? reason.summary() : message
    };
    if (quiet) {
      LOG.debug(line, args);
    } else {
      LOG.info(line, args);
    }
  }
}
