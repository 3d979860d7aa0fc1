package io.atlasoperator.reconciler;

import io.atlasoperator.crd.Annotations;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.PasswordGeneration;
import io.atlasoperator.crd.PasswordSecretRef;
import io.atlasoperator.crd.PasswordStatus;
import io.atlasoperator.status.Reason;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Generated passwords: the Secret the operator creates for a SCRAM user that has none, and the
 * rotations of its password. A rotation is carried through the Secret itself, so that a restart at
 * any step resumes it: the new password is first kept under {@value PasswordSecrets#PENDING_KEY}
 * (the password key unchanged), sent to Atlas from there, and moved to the password key only once
 * Atlas has applied it on every cluster the user reaches ({@link #settle}). A Secret the operator
 * does not own is never written.
 */
final class GeneratedPasswords {

  /** What a dry run would have done instead of writing the Secret. */
  record Prepared(Optional<Secret> written, Optional<String> wouldWrite) {

    /** Never the Secret's data (its password). */
    @Override
    public String toString() {
      return "Prepared[written=" + written.map(s -> s.getMetadata().getName()) + "]";
    }
  }

  private final PasswordSecretStore store;
  private final SecretSource cache;
  private final PasswordGenerator generator;
  private final Clock clock;

  GeneratedPasswords(
      PasswordSecretStore store, SecretSource cache, PasswordGenerator generator, Clock clock) {
    this.store = store;
    this.cache = cache;
    this.generator = generator;
    this.clock = clock;
  }

  /**
   * Before the Secrets are read: creates the password Secret when it does not exist, puts a new
   * password back in an owned one emptied by hand, and starts a rotation when one is due. Gives the
   * Secret as written (empty: read it as usual), or under a dry run what it would write.
   */
  Prepared prepare(AtlasDatabaseUser resource, boolean dryRun) throws AtlasUserFailure {
    if (!PasswordSecrets.generates(resource)) {
      return new Prepared(Optional.empty(), Optional.empty());
    }
    PasswordSecretRef ref = PasswordSecrets.ref(resource);
    String namespace = resource.getMetadata().getNamespace();
    String name = namespace + "/" + ref.getName();
    Optional<Secret> found =
        cache.get(new ResourceID(ref.getName(), namespace)).map(SecretSource.Found::secret);
    if (found.isEmpty()) {
      if (dryRun) {
        return wouldWrite("would generate a password into Secret " + name);
      }
      Optional<Secret> created =
          write(
              name,
              () ->
                  store.create(PasswordSecrets.create(resource, ref, generated(resource), now())));
      if (created.isPresent()) {
        return new Prepared(created, Optional.empty());
      }
      // Taken since the cache was filled: read it as it is, and judge it like any other.
      found = write(name, () -> store.read(namespace, ref.getName()));
      if (found.isEmpty()) {
        return new Prepared(Optional.empty(), Optional.empty());
      }
    }
    Secret secret = found.get();
    if (!PasswordSecrets.owns(resource, secret)) {
      if (resource.getSpec().getPasswordSecretRef() == null) {
        // The name is the operator's choice, not the user's: a Secret there is someone else's.
        throw new AtlasUserFailure(
            Reason.SecretConflict,
            "Secret "
                + name
                + " exists and is not this resource's generated password Secret; the operator"
                + " leaves it alone. Name it in spec.passwordSecretRef to use its password, or"
                + " delete it to have a password generated");
      }
      return new Prepared(Optional.empty(), Optional.empty());
    }
    Map<String, String> data = new LinkedHashMap<>(SecretOwnership.nonNull(secret.getData()));
    String change = null;
    if (data.getOrDefault(ref.getKey(), "").isEmpty()) {
      change = "would generate a new password into Secret " + name + ", emptied by hand";
      data.put(ref.getKey(), PasswordSecrets.encode(generated(resource)));
      data.remove(PasswordSecrets.PENDING_KEY);
    } else if (!data.containsKey(PasswordSecrets.PENDING_KEY) && due(resource, secret)) {
      change = "would rotate the password in Secret " + name;
      data.put(PasswordSecrets.PENDING_KEY, PasswordSecrets.encode(generated(resource)));
      if (PasswordSecrets.twoUsers(resource)) {
        // The idle user of the pair gets the new password; the active one is left as it is.
        String idle = PasswordSecrets.other(resource, PasswordSecrets.active(resource, secret));
        data.put(PasswordSecrets.PENDING_USERNAME_KEY, PasswordSecrets.encode(idle));
        change += " (for the idle user " + idle + ")";
      }
    }
    if (change == null) {
      return new Prepared(Optional.of(secret), Optional.empty());
    }
    if (dryRun) {
      return wouldWrite(change);
    }
    Secret changed = new SecretBuilder(secret).withData(data).build();
    Map<String, String> annotations = PasswordSecrets.annotations(changed);
    if (!data.containsKey(PasswordSecrets.PENDING_KEY)) {
      annotations.put(PasswordSecrets.SET_AT, now().toString());
    }
    Annotations.rotationRequest(resource)
        .ifPresent(r -> annotations.put(PasswordSecrets.REQUEST, r));
    changed.getMetadata().setAnnotations(annotations);
    return new Prepared(Optional.of(write(name, () -> store.replace(changed))), Optional.empty());
  }

  private static Prepared wouldWrite(String what) {
    return new Prepared(Optional.empty(), Optional.of(what));
  }

  /**
   * A rotation is due: asked for by a new annotation value, or by the schedule; and the resource is
   * Ready, so that a rotation never starts while Atlas still applies the previous change.
   */
  private boolean due(AtlasDatabaseUser resource, Secret secret) {
    if (PasswordSecrets.annotations(secret).containsKey(PasswordSecrets.PREVIOUS_UNTIL)) {
      return false; // the previous user of a pair is still in its grace period
    }
    if (!io.atlasoperator.status.StatusBuilder.condition(
            resource.getStatus(), io.atlasoperator.status.ConditionType.Ready)
        .map(c -> "True".equals(c.getStatus()))
        .orElse(false)) {
      return false;
    }
    Optional<String> request = Annotations.rotationRequest(resource);
    if (request.isPresent()
        && !request
            .get()
            .equals(PasswordSecrets.annotations(secret).get(PasswordSecrets.REQUEST))) {
      return true;
    }
    return next(resource, secret).filter(at -> !now().isBefore(at)).isPresent();
  }

  /**
   * After Atlas applied the password on every cluster the user reaches (a Ready outcome, {@code
   * applied} the password version it holds): a rotation's new password moves to the password key.
   * Gives the Secret as it is now.
   */
  Optional<Secret> settle(
      AtlasDatabaseUser resource, Secret secret, String inputVersion, String applied)
      throws AtlasUserFailure {
    if (secret == null
        || !PasswordSecrets.owns(resource, secret)
        || !SecretOwnership.nonNull(secret.getData()).containsKey(PasswordSecrets.PENDING_KEY)
        || !Objects.equals(inputVersion, applied)) {
      return Optional.ofNullable(secret);
    }
    Map<String, String> data = new LinkedHashMap<>(secret.getData());
    data.put(PasswordSecrets.ref(resource).getKey(), data.remove(PasswordSecrets.PENDING_KEY));
    Map<String, String> annotations = PasswordSecrets.annotations(secret);
    annotations.put(PasswordSecrets.SET_AT, now().toString());
    if (data.containsKey(PasswordSecrets.PENDING_USERNAME_KEY)) {
      // The pair switches: the Secrets now name the other user; the one they left keeps its
      // password for the grace period.
      annotations.put(PasswordSecrets.PREVIOUS_USER, PasswordSecrets.active(resource, secret));
      annotations.put(
          PasswordSecrets.PREVIOUS_UNTIL, now().plus(PasswordSecrets.grace(resource)).toString());
      data.put(PasswordSecrets.USERNAME_KEY, data.remove(PasswordSecrets.PENDING_USERNAME_KEY));
    }
    Secret settled = new SecretBuilder(secret).withData(data).build();
    settled.getMetadata().setAnnotations(annotations);
    String name = secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
    return Optional.of(write(name, () -> store.replace(settled)));
  }

  /** status.password for the Secret the resource read (null: a user without a password). */
  PasswordStatus status(AtlasDatabaseUser resource, Secret secret) {
    PasswordSecretRef ref = PasswordSecrets.ref(resource);
    if (ref == null) {
      return null;
    }
    PasswordStatus status = new PasswordStatus();
    status.setSecret(ref.getName());
    boolean generated = secret != null && PasswordSecrets.owns(resource, secret);
    status.setGenerated(generated);
    if (generated) {
      status.setLastRotation(PasswordSecrets.annotations(secret).get(PasswordSecrets.SET_AT));
      next(resource, secret).ifPresent(at -> status.setNextRotation(at.toString()));
      if (SecretOwnership.nonNull(secret.getData()).containsKey(PasswordSecrets.PENDING_KEY)) {
        status.setRotating(true);
      }
      if (PasswordSecrets.twoUsers(resource)) {
        status.setUser(PasswordSecrets.active(resource, secret));
        Map<String, String> annotations = PasswordSecrets.annotations(secret);
        status.setPreviousUser(annotations.get(PasswordSecrets.PREVIOUS_USER));
        status.setPreviousUserValidUntil(annotations.get(PasswordSecrets.PREVIOUS_UNTIL));
      }
    }
    return status;
  }

  /** How long until the schedule rotates the password, if it does (at least a second). */
  Optional<Duration> untilNext(AtlasDatabaseUser resource, Secret secret) {
    String graceEnds = PasswordSecrets.annotations(secret).get(PasswordSecrets.PREVIOUS_UNTIL);
    return (graceEnds != null ? Optional.of(Instant.parse(graceEnds)) : next(resource, secret))
        .map(at -> Duration.between(now(), at))
        .map(d -> d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d);
  }

  /** When the schedule rotates the password next, if it does. */
  Optional<Instant> next(AtlasDatabaseUser resource, Secret secret) {
    PasswordGeneration generation = resource.getSpec().getPasswordGeneration();
    String setAt = PasswordSecrets.annotations(secret).get(PasswordSecrets.SET_AT);
    if (generation == null
        || generation.getRotation() == null
        || generation.getRotation().getEvery() == null
        || setAt == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          Instant.parse(setAt).plus(PasswordSecrets.period(generation.getRotation().getEvery())));
    } catch (DateTimeException | ArithmeticException e) {
      // An annotation edited into nonsense: rotate, which rewrites it. A period too long to add
      // (CEL bounds only its form): never.
      return e instanceof ArithmeticException ? Optional.empty() : Optional.of(now());
    }
  }

  /**
   * The resource was released ({@code released}; a failure to change its Secret instead): see
   * {@link ReleasedPasswords}.
   */
  Outcome released(AtlasDatabaseUser resource, Outcome released) {
    return ReleasedPasswords.released(store, resource, released);
  }

  private String generated(AtlasDatabaseUser resource) {
    return generator.next(resource.getSpec().getPasswordGeneration()).reveal();
  }

  private Instant now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
  }

  /** A write or read of the API server; its failure becomes SecretNotWritten, retried. */
  static <T> T write(String name, Supplier<T> call) throws AtlasUserFailure {
    try {
      return call.get();
    } catch (KubernetesClientException e) {
      throw new AtlasUserFailure(
          Reason.SecretNotWritten,
          "Password Secret "
              + name
              + " could not be written: HTTP "
              + e.getCode()
              + (e.getCode() == 409 ? " (it changed meanwhile; read again)" : ""));
    }
  }
}
