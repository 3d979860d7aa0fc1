package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.PasswordSecretRef;
import io.atlasoperator.status.Reason;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Objects;
import java.util.Optional;

/** What happens to a generated password Secret when its resource is released. */
final class ReleasedPasswords {

  private ReleasedPasswords() {}

  /**
   * The resource was released ({@code released}; a failure to change its Secret instead): when its
   * Atlas user was deleted (or never was this resource's) the generated Secret goes too (nothing
   * else removes it where no garbage collector runs); when the user stays in Atlas (Retain, paused,
   * dry run) the Secret stays, without the owner reference that would have the garbage collector
   * delete it, as the only copy of the password that user keeps.
   */
  static Outcome released(PasswordSecretStore store, AtlasDatabaseUser resource, Outcome released) {
    try {
      // The Secret goes with a user that went (or never was this resource's); a user left in
      // Atlas (Retain, paused, dry run) keeps the only copy of its password.
      Reason reason = released instanceof Outcome.Released r ? r.reason() : null;
      release(store, resource, reason == null || reason == Reason.Deleted);
      return released;
    } catch (AtlasUserFailure failure) {
      return Outcome.Failed.of(failure);
    }
  }

  private static void release(PasswordSecretStore store, AtlasDatabaseUser resource, boolean delete)
      throws AtlasUserFailure {
    PasswordSecretRef ref = PasswordSecrets.ref(resource);
    if (ref == null) {
      return;
    }
    String namespace = resource.getMetadata().getNamespace();
    String name = namespace + "/" + ref.getName();
    Optional<Secret> found =
        GeneratedPasswords.write(name, () -> store.read(namespace, ref.getName()));
    if (found.isEmpty() || !PasswordSecrets.owns(resource, found.get())) {
      return;
    }
    if (delete) {
      GeneratedPasswords.write(
          name,
          () -> {
            store.delete(found.get());
            return found;
          });
      return;
    }
    Secret kept = new SecretBuilder(found.get()).build();
    kept.getMetadata()
        .setOwnerReferences(
            kept.getMetadata().getOwnerReferences().stream()
                .filter(o -> !Objects.equals(o.getUid(), resource.getMetadata().getUid()))
                .toList());
    GeneratedPasswords.write(name, () -> store.replace(kept));
  }
}
