package io.atlasoperator.reconciler;

import io.atlasoperator.crd.Annotations;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.AtlasDatabaseUserSpec;
import io.atlasoperator.crd.PasswordSecretRef;
import io.atlasoperator.domain.AuthType;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

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
    return AuthType.of(
            spec.getLdapAuthType() == null ? null : spec.getLdapAuthType().name(),
            spec.getX509Type() == null ? null : spec.getX509Type().name(),
            spec.getAwsIamType() == null ? null : spec.getAwsIamType().name(),
            spec.getOidcAuthType() == null ? null : spec.getOidcAuthType().name())
        .needsPassword();
  }

  /** True when the Secret is one the operator generated for this resource. */
  static boolean owns(AtlasDatabaseUser resource, Secret secret) {
    return "true".equals(SecretOwnership.nonNull(secret.getMetadata().getLabels()).get(LABEL))
        && secret.getMetadata().getOwnerReferences() != null
        && secret.getMetadata().getOwnerReferences().stream()
            .anyMatch(o -> Objects.equals(o.getUid(), resource.getMetadata().getUid()));
  }

  /** A rotation period: days, hours and minutes (30d, 12h, 1d12h). */
  static Duration period(String every) {
    java.util.regex.Matcher term =
        java.util.regex.Pattern.compile("([0-9]+)(d|h|m)").matcher(every);
    Duration period = Duration.ZERO;
    int end = 0;
    while (term.find() && term.start() == end) {
      long amount = Long.parseLong(term.group(1));
      period =
          period.plus(
              switch (term.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofMinutes(amount);
              });
      end = term.end();
    }
    if (end == 0 || end != every.length() || period.isZero()) {
      throw new IllegalArgumentException("not a rotation period such as 30d or 12h: " + every);
    }
    return period;
  }

  /** A new generated password Secret for the resource, set at {@code now}. */
  static Secret create(
      AtlasDatabaseUser resource, PasswordSecretRef ref, String password, Instant now) {
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
                .withOwnerReferences(
                    new OwnerReferenceBuilder()
                        .withApiVersion(resource.getApiVersion())
                        .withKind(resource.getKind())
                        .withName(resource.getMetadata().getName())
                        .withUid(resource.getMetadata().getUid())
                        .withController(true)
                        .build())
                .build())
        .withType("Opaque")
        .withData(Map.of(ref.getKey(), encode(password)))
        .build();
  }

  static Map<String, String> annotations(Secret secret) {
    return new LinkedHashMap<>(SecretOwnership.nonNull(secret.getMetadata().getAnnotations()));
  }

  static String encode(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
