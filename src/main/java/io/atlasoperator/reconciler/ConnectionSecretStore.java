package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Map;
import java.util.Optional;

/**
 * Where connection Secrets live: the API server in the operator, memory in the fast tests.
 * Ownership is explicit: a Secret is a resource's when it carries the connection-Secret label and
 * an owner reference to that resource's uid, never because of its name. Failures of the API server
 * are thrown as the Kubernetes client's exceptions.
 */
interface ConnectionSecretStore {

  /** The connection Secrets the resource owns, by name. */
  Map<String, Secret> owned(AtlasDatabaseUser resource);

  /** The Secret of that name, read from the API server; empty when there is none. */
  Optional<Secret> read(String namespace, String name);

  /** Creates the Secret; false, changing nothing, when a Secret of that name exists. */
  boolean create(Secret secret);

  /** Replaces an owned Secret, guarded by its resourceVersion. */
  void replace(Secret secret);

  /**
   * Deletes an owned Secret at the version it was judged by; nothing when it is gone or has changed
   * since (it may no longer be the resource's).
   */
  void delete(Secret secret);
}
