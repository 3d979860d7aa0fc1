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
   * One INFO line per change of outcome ({@code news}: a new reason, or a write to Atlas); the same
   * outcome again (a steady resource at each resync, waiting for the call budget or a deletion
   * again and again) is DEBUG.
   */
  static void outcome(AtlasDatabaseUser resource, Reason reason, String message, boolean news) {
    String line = "{} Ready={} {}: {}";
    Object[] args = {
      Ownership.ownerOf(resource),
      reason.kind() == Reason.Kind.READY ? "True" : "False",
      reason,
      message == null ? reason.summary() : message
    };
    if (news) {
      LOG.info(line, args);
    } else {
      LOG.debug(line, args);
    }
  }
}
