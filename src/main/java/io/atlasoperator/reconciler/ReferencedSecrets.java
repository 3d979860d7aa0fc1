package io.atlasoperator.reconciler;

import io.atlasoperator.atlas.ApiKey;
import io.atlasoperator.config.OperatorConfig;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.PasswordSecretRef;
import io.atlasoperator.domain.Password;
import io.atlasoperator.status.Reason;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads what a resource's Secrets hold: its Atlas API key pair (its own credentialsSecretRef, or
 * the operator's default) and its password. Secrets come from the informer's cache, in the
 * resource's own namespace only.
 */
final class ReferencedSecrets {

  static final String PUBLIC_KEY = "publicApiKey";
  static final String PRIVATE_KEY = "privateApiKey";

  /** What the Secrets hold, with their versions (never their values) for change detection. */
  record Inputs(
      ApiKey apiKey, Password password, String passwordVersion, String credentialsVersion) {}

  private final Function<ResourceID, Optional<Secret>> secrets;
  private final Optional<OperatorConfig.SecretName> defaultCredentials;

  ReferencedSecrets(
      Function<ResourceID, Optional<Secret>> secrets,
      Optional<OperatorConfig.SecretName> defaultCredentials) {
    this.secrets = secrets;
    this.defaultCredentials = defaultCredentials;
  }

  /** The API key pair and the password, with their versions. */
  Inputs read(AtlasDatabaseUser resource) throws AtlasUserFailure {
    Secret credentials = secret(credentialsId(resource));
    ApiKey key = apiKey(credentials);
    PasswordSecretRef ref = resource.getSpec().getPasswordSecretRef();
    if (ref == null) {
      return new Inputs(key, null, null, version(credentials, null));
    }
    Secret passwordSecret =
        secret(new ResourceID(ref.getName(), resource.getMetadata().getNamespace()));
    String passwordKey = ref.getKey() == null ? "password" : ref.getKey();
    return new Inputs(
        key,
        password(passwordSecret, passwordKey),
        version(passwordSecret, passwordKey),
        version(credentials, null));
  }

  /**
   * Atlas's shortest password: CloudDatabaseUser.password has minLength 8 in Atlas's v1.0 OpenAPI
   * specification. Checked here so that a password Atlas would refuse is never sent.
   */
  static final int PASSWORD_MIN_LENGTH = 8;

  private static Password password(Secret secret, String key) throws AtlasUserFailure {
    String name = secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
    String value = value(secret, key);
    int length = value.codePointCount(0, value.length());
    if (length < PASSWORD_MIN_LENGTH) {
      throw new AtlasUserFailure(
          Reason.InvalidPassword,
          "The password in Secret "
              + name
              + " (key "
              + key
              + ") has "
              + length
              + " characters; Atlas requires at least "
              + PASSWORD_MIN_LENGTH
              + ". Nothing was sent to Atlas");
    }
    return new Password(value);
  }

  /** Only the API key pair (deletion needs no password). */
  ApiKey apiKey(AtlasDatabaseUser resource) throws AtlasUserFailure {
    return apiKey(secret(credentialsId(resource)));
  }

  private static ApiKey apiKey(Secret credentials) throws AtlasUserFailure {
    return new ApiKey(nonEmpty(credentials, PUBLIC_KEY), nonEmpty(credentials, PRIVATE_KEY));
  }

  private static String nonEmpty(Secret secret, String key) throws AtlasUserFailure {
    String value = value(secret, key);
    if (value.isEmpty()) {
      throw new AtlasUserFailure(
          Reason.SecretKeyNotFound,
          "Secret "
              + secret.getMetadata().getNamespace()
              + "/"
              + secret.getMetadata().getName()
              + " has an empty "
              + key);
    }
    return value;
  }

  /** NAMESPACE/NAME of every Secret a resource reads, for mapping Secret events to it. */
  static List<String> names(
      AtlasDatabaseUser resource, Optional<OperatorConfig.SecretName> defaultCredentials) {
    List<String> names = new ArrayList<>();
    if (resource.getSpec() == null) {
      return names;
    }
    String namespace = resource.getMetadata().getNamespace();
    if (resource.getSpec().getPasswordSecretRef() != null) {
      names.add(namespace + "/" + resource.getSpec().getPasswordSecretRef().getName());
    }
    if (resource.getSpec().getCredentialsSecretRef() != null) {
      names.add(namespace + "/" + resource.getSpec().getCredentialsSecretRef().getName());
    } else {
      defaultCredentials.ifPresent(d -> names.add(d.namespace() + "/" + d.name()));
    }
    return names;
  }

  private ResourceID credentialsId(AtlasDatabaseUser resource) throws AtlasUserFailure {
    if (resource.getSpec().getCredentialsSecretRef() != null) {
      return new ResourceID(
          resource.getSpec().getCredentialsSecretRef().getName(),
          resource.getMetadata().getNamespace());
    }
    return defaultCredentials
        .map(d -> new ResourceID(d.name(), d.namespace()))
        .orElseThrow(
            () ->
                new AtlasUserFailure(
                    Reason.CredentialsNotConfigured,
                    "spec.credentialsSecretRef is not set and the operator has no default"
                        + " credentials Secret (ATLAS_OPERATOR_DEFAULT_CREDENTIALS)"));
  }

  private Secret secret(ResourceID id) throws AtlasUserFailure {
    return secrets
        .apply(id)
        .orElseThrow(
            () ->
                new AtlasUserFailure(
                    Reason.SecretNotFound,
                    "Secret " + id.getNamespace().orElse("") + "/" + id.getName() + " not found"));
  }

  private static String value(Secret secret, String key) throws AtlasUserFailure {
    String encoded = secret.getData() == null ? null : secret.getData().get(key);
    String plain = secret.getStringData() == null ? null : secret.getStringData().get(key);
    String name = secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
    if (encoded == null && plain == null) {
      throw new AtlasUserFailure(Reason.SecretKeyNotFound, "Secret " + name + " has no key " + key);
    }
    String value =
        encoded != null
            ? new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8)
            : plain;
    return value;
  }

  private static String version(Secret secret, String key) {
    return secret.getMetadata().getUid()
        + "/"
        + secret.getMetadata().getResourceVersion()
        + (key == null ? "" : "/" + key);
  }
}
