package io.atlasoperator.reconciler;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Optional;

/** Where a resource's Secrets are read ({@link SecretCache}, or a test's map). */
interface SecretSource {

  /** A Secret, and whether the operator watches it (false: read directly, changes unseen). */
  record Found(Secret secret, boolean watched) {}

  /** The Secret, if it exists; fails when the API server cannot say. */
  Optional<Found> get(ResourceID id) throws AtlasUserFailure;
}
