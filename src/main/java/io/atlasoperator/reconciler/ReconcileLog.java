package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.status.Reason;
import io.fabric8.kubernetes.client.KubernetesClientException;
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
    String text = message == null ? reason.summary() : message;
    // A held resource (paused, dry run) has Held=True instead of a Ready condition.
    String line = reason.kind() == Reason.Kind.HELD ? "{} Held={} {}: {}" : "{} Ready={} {}: {}";
    Object[] args = {
      Ownership.ownerOf(resource),
      reason.kind() == Reason.Kind.READY || reason.kind() == Reason.Kind.HELD ? "True" : "False",
      reason,
      text
    };
    if (news) {
      LOG.info(line, args);
    } else {
      LOG.debug(line, args);
    }
  }

  /**
   * The last line of a resource that goes away (Deleted, Retained, ...): it has no condition any
   * more, so the line names only what happened, once.
   */
  static void released(AtlasDatabaseUser resource, Reason reason, String message) {
    LOG.info("{} {}: {}", Ownership.ownerOf(resource), reason, message);
  }

  /**
   * A failure the operator did not classify, which JOSDK retries. JOSDK's own line for each failed
   * attempt is off (simplelogger.properties), so it is said here, once: a Kubernetes API server
   * answer as one line (a 409, the resource changed meanwhile, at DEBUG), anything else, a bug, at
   * ERROR with its stack trace. {@code attempt} is the attempt's number, from 1.
   */
  static void unclassified(AtlasDatabaseUser resource, Exception e, int attempt) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException kube) {
        if (kube.getCode() == 409) {
          LOG.debug("{} changed while being reconciled; reconciled again", owner(resource));
        } else {
          LOG.warn(
              "Kubernetes API call failed for {} (attempt {}): HTTP {}: {}; retried with backoff",
              owner(resource),
              attempt,
              kube.getCode(),
              kube.getStatus() == null ? kube.getMessage() : kube.getStatus().getMessage());
        }
        return;
      }
    }
    LOG.error("Unexpected error for {}", owner(resource), e);
  }

  private static String owner(AtlasDatabaseUser resource) {
    return Ownership.ownerOf(resource);
  }
}
