package io.atlasoperator.reconciler;

import io.atlasoperator.crd.Annotations;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.AtlasDatabaseUserSpec;
import io.atlasoperator.crd.PasswordSecretRef;
import io.atlasoperator.crd.RotationStrategy;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a password Secret is: which one a resource reads, whether the operator generated it (and so
 * may write it), and what a generated one holds besides the password (the annotations that carry a
 * rotation through restarts).
 */
final class PasswordSecrets {

  private PasswordSecrets() {}

  /** The label, with an owner reference, that makes a password Secret the operator's. */
  static final String LABEL = "atlasoperator.io/generated-password";

  /** The key that holds a rotation's new password until Atlas has applied it. */
  static final String PENDING_KEY = "pendingPassword";

  /** When the password under the password key was put there. */
  static final String SET_AT = "atlasoperator.io/password-set-at";

  /** The value of the resource's rotate-password annotation that was last acted on. */
  static final String REQUEST = "atlasoperator.io/rotation-request";

  /** TwoUsers: the Atlas user the Secret's password is for. */
  static final String USERNAME_KEY = "username";

  /** TwoUsers: the user a rotation's new password is for, until Atlas has applied it. */
  static final String PENDING_USERNAME_KEY = "pendingUsername";

  /** TwoUsers: the user the Secrets left, which keeps its password until the grace period ends. */
  static final String PREVIOUS_USER = "atlasoperator.io/previous-user";

  static final String PREVIOUS_UNTIL = "atlasoperator.io/previous-valid-until";

  /** True when two Atlas users take turns (passwordGeneration.rotation.strategy TwoUsers). */
  static boolean twoUsers(AtlasDatabaseUser resource) {
    var generation = resource.getSpec().getPasswordGeneration();
    return generation != null
        && generation.getRotation() != null
        && generation.getRotation().getStrategy() == RotationStrategy.TwoUsers;
  }

  /** The pair's other user: USERNAME-b for USERNAME, and back. */
  static String other(AtlasDatabaseUser resource, String username) {
    String first = resource.getSpec().getUsername();
    return first.equals(username) ? first + "-b" : first;
  }

  /** The user of a pair the Secret's password is for (the spec's username until a switch). */
  static String active(AtlasDatabaseUser resource, Secret secret) {
    String active = SecretOwnership.decoded(secret, USERNAME_KEY);
    return active != null ? active : resource.getSpec().getUsername();
  }

  /** How long the previous user keeps its password after a switch (default 1h). */
  static Duration grace(AtlasDatabaseUser resource) {
    String grace = resource.getSpec().getPasswordGeneration().getRotation().getGracePeriod();
    try {
      return grace == null ? Duration.ofHours(1) : period(grace, true);
    } catch (ArithmeticException e) {
      return Duration.ofDays(36_500); // too long to add: as good as never
    }
  }

  /**
   * The password Secret a resource reads: spec.passwordSecretRef, else RESOURCE-password for a
   * SCRAM user (generated); null for users without a password.
   */
  static PasswordSecretRef ref(AtlasDatabaseUser resource) {
    AtlasDatabaseUserSpec spec = resource.getSpec();
    if (spec.getPasswordSecretRef() != null) {
      return spec.getPasswordSecretRef();
    }
    return scram(spec)
        ? new PasswordSecretRef(resource.getMetadata().getName() + "-password", "password")
        : null;
  }

  /** True when the operator generates the password if its Secret does not exist. */
  static boolean generates(AtlasDatabaseUser resource) {
    AtlasDatabaseUserSpec spec = resource.getSpec();
    return scram(spec)
        && (spec.getPasswordGeneration() != null || spec.getPasswordSecretRef() == null);
  }

  private static boolean scram(AtlasDatabaseUserSpec spec) {
    return DesiredUsers.authType(spec).needsPassword();
  }

  /** True when the Secret is one the operator generated for this resource. */
  static boolean owns(AtlasDatabaseUser resource, Secret secret) {
    return SecretOwnership.owns(resource, secret, LABEL);
  }

  /** A rotation period: days, hours and minutes (30d, 12h, 1d12h). */
  static Duration period(String every) {
    return period(every, false);
  }

  private static final java.util.regex.Pattern PERIOD_TERM =
      java.util.regex.Pattern.compile("([0-9]+)(d|h|m|s)");

  private static Duration period(String every, boolean zeroAllowed) {
    java.util.regex.Matcher term = PERIOD_TERM.matcher(every);
    Duration period = Duration.ZERO;
    int end = 0;
    while (term.find() && term.start() == end) {
      long amount = Long.parseLong(term.group(1));
      period =
          period.plus(
              switch (term.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
              });
      end = term.end();
    }
    if (end == 0 || end != every.length() || period.isZero() && !zeroAllowed) {
      throw new IllegalArgumentException("not a rotation period such as 30d or 12h: " + every);
    }
    return period;
  }

  /** A new generated password Secret for the resource, set at {@code now}. */
  static Secret create(
      AtlasDatabaseUser resource, PasswordSecretRef ref, String password, Instant now) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(ref.getKey(), encode(password));
    if (twoUsers(resource)) {
      data.put(USERNAME_KEY, encode(resource.getSpec().getUsername()));
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(SET_AT, now.toString());
    Annotations.rotationRequest(resource).ifPresent(r -> annotations.put(REQUEST, r));
    annotations.put(Ownership.LABEL, Ownership.ownerOf(resource));
    return new SecretBuilder()
        .withMetadata(
            new ObjectMetaBuilder()
                .withNamespace(resource.getMetadata().getNamespace())
                .withName(ref.getName())
                .withLabels(
                    Map.of(
                        LABEL,
                        "true",
                        SecretCache.LABEL,
                        SecretCache.LABEL_VALUE,
                        "app.kubernetes.io/managed-by",
                        "atlas-operator"))
                .withAnnotations(annotations)
                .withOwnerReferences(SecretOwnership.ownerReference(resource))
                .build())
        .withType("Opaque")
        .withData(data)
        .build();
  }

  static Map<String, String> annotations(Secret secret) {
    return new LinkedHashMap<>(SecretOwnership.nonNull(secret.getMetadata().getAnnotations()));
  }

  static String encode(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
