package io.atlasoperator.reconciler;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;

/**
 * Where generated password Secrets are written: the API server in the operator, memory in the fast
 * tests. Failures of the API server are thrown as the Kubernetes client's exceptions.
 */
interface PasswordSecretStore {

  /** The Secret of that name, read from the API server; empty when there is none. */
  Optional<Secret> read(String namespace, String name);

  /** Creates the Secret and gives it as stored; empty, changing nothing, when the name is taken. */
  Optional<Secret> create(Secret secret);

  /** Replaces the Secret, guarded by its resourceVersion (409 when it changed), as stored. */
  Secret replace(Secret secret);

  /** Deletes the Secret at that resourceVersion; nothing when it is gone or has changed since. */
  void delete(Secret secret);
}
