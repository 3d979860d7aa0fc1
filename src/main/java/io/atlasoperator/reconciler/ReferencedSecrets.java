package io.atlasoperator.reconciler;

import io.atlasoperator.config.CredentialsPolicy;
import io.atlasoperator.config.OperatorConfig;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.PasswordSecretRef;
import io.atlasoperator.domain.ApiKey;
import io.atlasoperator.domain.AtlasCredentials;
import io.atlasoperator.domain.Password;
import io.atlasoperator.domain.ServiceAccount;
import io.atlasoperator.status.Reason;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads what a resource's Secrets hold: its Atlas credentials (its own credentialsSecretRef, or the
 * operator's default), an API key pair or a Service Account under the key names MongoDB's operator
 * uses, and its password, in the resource's own namespace only (see {@link SecretCache} for where
 * they are read from).
 */
final class ReferencedSecrets {

  static final String PUBLIC_KEY = "publicApiKey";
  static final String PRIVATE_KEY = "privateApiKey";
  static final String CLIENT_ID = "clientId";
  static final String CLIENT_SECRET = "clientSecret";

  /** A Secret read directly because the operator does not watch it: NAMESPACE/NAME, version. */
  record Unwatched(String name, String resourceVersion) {}

  /**
   * What the Secrets hold, with their versions (never their values) for change detection, those
   * read directly because the operator does not watch them, the password Secret as read, and for a
   * pair of users (TwoUsers) the Atlas user the password is for ({@code username}; else null).
   */
  record Inputs(
      AtlasCredentials credentials,
      Password password,
      String passwordVersion,
      String credentialsVersion,
      List<Unwatched> unwatched,
      Secret passwordSecret,
      String username) {

    /** Never a value: the Secret's data holds the password. */
    @Override
    public String toString() {
      return "Inputs[" + observed(null) + ", username=" + username + "]";
    }

    /** What a reconcile acted on, for status.observedInputs: never a value, only versions. */
    String observed(Long generation) {
      return "generation="
          + generation
          + ";password="
          + passwordVersion
          + ";credentials="
          + credentialsVersion;
    }
  }

  private final SecretSource secrets;
  private final Optional<OperatorConfig.SecretName> defaultCredentials;

  private final CredentialsPolicy policy;

  ReferencedSecrets(
      SecretSource secrets,
      Optional<OperatorConfig.SecretName> defaultCredentials,
      CredentialsPolicy policy) {
    this.secrets = secrets;
    this.defaultCredentials = defaultCredentials;
    this.policy = policy;
  }

  /**
   * The API key pair and the password, with their versions. A resource without its own
   * credentialsSecretRef must be allowed the default credentials by the policy first. The password
   * Secret is taken as the operator just wrote it ({@code written}; empty: read it), which the
   * cache may not hold yet. A generated Secret in the middle of a rotation gives its new password,
   * the one to send to Atlas.
   */
  Inputs read(AtlasDatabaseUser resource, Optional<Secret> written) throws AtlasUserFailure {
    if (resource.getSpec().getCredentialsSecretRef() == null) {
      Optional<String> denial =
          policy.denial(
              resource.getMetadata().getNamespace(),
              resource.getSpec().getProjectId(),
              resource.getSpec().getRoles().stream().map(r -> r.getRoleName()).toList());
      if (denial.isPresent()) {
        throw new AtlasUserFailure(Reason.PolicyDenied, denial.get());
      }
    }
    List<Unwatched> unwatched = new ArrayList<>();
    Secret credentials = secret(credentialsId(resource), unwatched);
    AtlasCredentials key = credentials(credentials);
    PasswordSecretRef ref = PasswordSecrets.ref(resource);
    if (ref == null) {
      return new Inputs(key, null, null, version(credentials, null), unwatched, null, null);
    }
    Secret passwordSecret =
        written.isPresent()
            ? written.get()
            : secret(
                new ResourceID(ref.getName(), resource.getMetadata().getNamespace()), unwatched);
    String passwordKey = ref.getKey() == null ? "password" : ref.getKey();
    String username = null;
    if (PasswordSecrets.owns(resource, passwordSecret)) {
      boolean pending = SecretValues.has(passwordSecret, PasswordSecrets.PENDING_KEY);
      passwordKey = pending ? PasswordSecrets.PENDING_KEY : passwordKey;
      if (PasswordSecrets.twoUsers(resource)) {
        // The user of the pair this password is for: the idle one while a rotation waits.
        String pendingUser =
            SecretOwnership.decoded(passwordSecret, PasswordSecrets.PENDING_USERNAME_KEY);
        username =
            pending && pendingUser != null
                ? pendingUser
                : PasswordSecrets.active(resource, passwordSecret);
      }
    }
    return new Inputs(
        key,
        password(passwordSecret, passwordKey),
        version(passwordSecret, passwordKey),
        version(credentials, null),
        List.copyOf(unwatched),
        passwordSecret,
        username);
  }

  /**
   * Atlas's shortest password: CloudDatabaseUser.password has minLength 8 in Atlas's v1.0 OpenAPI
   * specification. Checked here so that a password Atlas would refuse is never sent.
   */
  static final int PASSWORD_MIN_LENGTH = 8;

  private static Password password(Secret secret, String key) throws AtlasUserFailure {
    String name = secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
    String value = SecretValues.value(secret, key, Reason.InvalidPassword);
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

  /** Only the credentials (deletion needs no password). */
  AtlasCredentials credentials(AtlasDatabaseUser resource) throws AtlasUserFailure {
    return credentials(secret(credentialsId(resource), new ArrayList<>()));
  }

  /**
   * An API key pair (publicApiKey, privateApiKey) or a Service Account (clientId, clientSecret):
   * exactly one of the two. MongoDB's operator refuses a Secret that mixes them too; its orgId key,
   * if present, is not needed here and is ignored.
   */
  private static AtlasCredentials credentials(Secret secret) throws AtlasUserFailure {
    boolean apiKey = SecretValues.has(secret, PUBLIC_KEY) || SecretValues.has(secret, PRIVATE_KEY);
    boolean serviceAccount =
        SecretValues.has(secret, CLIENT_ID) || SecretValues.has(secret, CLIENT_SECRET);
    if (apiKey && serviceAccount) {
      throw new AtlasUserFailure(
          Reason.InvalidCredentials,
          "Secret "
              + name(secret)
              + " holds both an API key (publicApiKey, privateApiKey) and a Service Account"
              + " (clientId, clientSecret); keep only one of them");
    }
    if (serviceAccount) {
      return new ServiceAccount(nonEmpty(secret, CLIENT_ID), nonEmpty(secret, CLIENT_SECRET));
    }
    if (apiKey) {
      return new ApiKey(nonEmpty(secret, PUBLIC_KEY), nonEmpty(secret, PRIVATE_KEY));
    }
    throw new AtlasUserFailure(
        Reason.InvalidCredentials,
        "Secret "
            + name(secret)
            + " holds no Atlas credentials: it needs the keys publicApiKey and privateApiKey (an"
            + " API key) or clientId and clientSecret (a Service Account)");
  }

  private static String name(Secret secret) {
    return secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
  }

  private static String nonEmpty(Secret secret, String key) throws AtlasUserFailure {
    String value = SecretValues.value(secret, key, Reason.InvalidCredentials);
    if (value.isEmpty()) {
      throw new AtlasUserFailure(
          Reason.InvalidCredentials,
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
    PasswordSecretRef password = PasswordSecrets.ref(resource);
    if (password != null) {
      names.add(namespace + "/" + password.getName());
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

  private Secret secret(ResourceID id, List<Unwatched> unwatched) throws AtlasUserFailure {
    SecretSource.Found found =
        secrets
            .get(id)
            .orElseThrow(
                () ->
                    new AtlasUserFailure(
                        Reason.SecretNotFound,
                        "Secret "
                            + id.getNamespace().orElse("")
                            + "/"
                            + id.getName()
                            + " not found"));
    if (!found.watched()) {
      unwatched.add(
          new Unwatched(
              id.getNamespace().orElse("") + "/" + id.getName(),
              found.secret().getMetadata().getResourceVersion()));
    }
    return found.secret();
  }

  private static String version(Secret secret, String key) {
    return secret.getMetadata().getUid()
        + "/"
        + secret.getMetadata().getResourceVersion()
        + (key == null ? "" : "/" + key);
  }
}
