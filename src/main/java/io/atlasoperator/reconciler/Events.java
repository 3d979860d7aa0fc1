package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.status.Reason;

/** Where the Kubernetes Events of a resource go ({@link EventRecorder}, or a test's list). */
interface Events {

  void record(AtlasDatabaseUser resource, Reason reason, String message);
}
