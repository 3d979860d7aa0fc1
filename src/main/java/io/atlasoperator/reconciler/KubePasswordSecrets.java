package io.atlasoperator.reconciler;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;

/**
 * Generated password Secrets on the API server. They carry the label {@value SecretCache#LABEL}, so
 * that the Secret cache holds them in every watch mode and a change to one reconciles its resource;
 * the operator's own writes go into that cache at once.
 */
final class KubePasswordSecrets implements PasswordSecretStore {

  private final KubernetesClient client;
  private final SecretCache cache;

  KubePasswordSecrets(KubernetesClient client, SecretCache cache) {
    this.client = client;
    this.cache = cache;
  }

  @Override
  public Optional<Secret> read(String namespace, String name) {
    return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
  }

  @Override
  public Optional<Secret> create(Secret secret) {
    try {
      Secret created =
          client
              .secrets()
              .inNamespace(secret.getMetadata().getNamespace())
              .resource(secret)
              .create();
      cache.written(null, created);
      return Optional.of(created);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public Secret replace(Secret secret) {
    // update() sends the resourceVersion it was given: a Secret changed since is refused (409).
    Secret updated =
        client.secrets().inNamespace(secret.getMetadata().getNamespace()).resource(secret).update();
    cache.written(secret, updated);
    return updated;
  }

  @Override
  public void delete(Secret secret) {
    KubeConnectionSecrets.deleteAtVersion(client, secret);
  }
}
