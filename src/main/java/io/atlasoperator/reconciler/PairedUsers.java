package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.domain.AtlasCredentials;
import io.atlasoperator.domain.AtlasFailure;
import io.atlasoperator.domain.AtlasUsers;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.Password;
import io.atlasoperator.status.Reason;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The idle user of a pair (passwordGeneration.rotation.strategy TwoUsers), which the Secrets do not
 * name: created, with a password nobody knows, as soon as the user they name is Ready, so that the
 * pair counts twice against the project's user limit from the start (and a full project says so at
 * once, not at the first rotation); and once a switch's grace period is over, given a new password
 * nobody knows, so that the password the Secrets left stops working. It is written with the spec's
 * roles, scopes and labels each time.
 */
final class PairedUsers {

  private final AtlasUsers atlas;
  private final ProjectUserCache users;
  private final PasswordGenerator generator;
  private final PasswordSecretStore store;
  private final Clock clock;

  PairedUsers(
      AtlasUsers atlas,
      ProjectUserCache users,
      PasswordGenerator generator,
      PasswordSecretStore store,
      Clock clock) {
    this.atlas = atlas;
    this.users = users;
    this.generator = generator;
    this.store = store;
    this.clock = clock;
  }

  /** The password Secret as it is afterwards, and what was written to Atlas (null: nothing). */
  record Settled(Secret secret, String did) {

    /** Never the Secret's data (its password). */
    @Override
    public String toString() {
      return "Settled[" + did + "]";
    }
  }

  /**
   * After a Ready step: the idle user of the pair as it should be, {@code named} being the user the
   * Secrets name now.
   */
  Settled settle(
      AtlasDatabaseUser resource, AtlasCredentials credentials, DatabaseUser named, Secret secret)
      throws AtlasUserFailure {
    if (secret == null
        || !PasswordSecrets.twoUsers(resource)
        || !PasswordSecrets.owns(resource, secret)
        || SecretOwnership.nonNull(secret.getData()).containsKey(PasswordSecrets.PENDING_KEY)) {
      return new Settled(secret, null);
    }
    DatabaseUser idle =
        named.withUsername(
            PasswordSecrets.other(resource, PasswordSecrets.active(resource, secret)));
    Map<String, String> annotations = PasswordSecrets.annotations(secret);
    String graceEnds = annotations.get(PasswordSecrets.PREVIOUS_UNTIL);
    try {
      Optional<DatabaseUser> found = users.find(credentials, idle.key());
      if (found.isPresent() && !Ownership.labelledFor(resource, found.get())) {
        throw new AtlasUserFailure(
            Reason.AdoptionNotAllowed,
            "The pair's second user "
                + idle.key()
                + " exists in Atlas and is not this resource's (no owner label "
                + Ownership.labelValue(resource)
                + "); it is left alone and the password is not rotated until it is gone or"
                + " renamed");
      }
      if (graceEnds != null) {
        if (Instant.now(clock).isBefore(Instant.parse(graceEnds))) {
          return new Settled(secret, null);
        }
        write(credentials, idle);
        annotations.remove(PasswordSecrets.PREVIOUS_USER);
        annotations.remove(PasswordSecrets.PREVIOUS_UNTIL);
        Secret ended = new SecretBuilder(secret).build();
        ended.getMetadata().setAnnotations(annotations);
        String name = secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
        return new Settled(
            GeneratedPasswords.write(name, () -> store.replace(ended)),
            "gave "
                + idle.username()
                + ", the user the Secrets left, a new password nobody knows (its grace period"
                + " ended)");
      }
      if (found.isEmpty()) {
        users.put(credentials.id(), create(credentials, idle));
        return new Settled(
            secret,
            "created the pair's second user " + idle.username() + " (a password nobody knows)");
      }
      return new Settled(secret, null);
    } catch (AtlasFailure e) {
      throw AtlasUserFailure.of(e).about("the pair's idle user " + idle.username());
    }
  }

  /** The idle user with a new password nobody knows: updated, or created when it is gone. */
  private void write(AtlasCredentials credentials, DatabaseUser idle) {
    Optional<DatabaseUser> updated = atlas.update(credentials, idle, unknown());
    users.put(credentials.id(), updated.isPresent() ? updated.get() : create(credentials, idle));
  }

  private DatabaseUser create(AtlasCredentials credentials, DatabaseUser idle) {
    return atlas.create(credentials, idle, unknown()).orElse(idle);
  }

  /** A password kept nowhere: the user exists, but nobody can sign in as it. */
  private Password unknown() {
    return generator.next(null);
  }
}
