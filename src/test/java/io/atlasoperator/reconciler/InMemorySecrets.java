package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Connection Secrets in memory, as the API server keeps them: a name is taken once, each write is a
 * new resourceVersion and a replace with a stale one is refused (409), every write recorded.
 */
final class InMemorySecrets implements ConnectionSecretStore {

  final Map<ResourceID, Secret> secrets = new LinkedHashMap<>();
  final List<String> writes = new ArrayList<>();
  private int version;
  private KubernetesClientException nextFailure;

  /** The next write fails so. */
  void failNext(int code) {
    nextFailure = new KubernetesClientException("refused", code, null);
  }

  Optional<Secret> get(String namespace, String name) {
    return Optional.ofNullable(secrets.get(new ResourceID(name, namespace)));
  }

  /** A Secret someone else made, or a change someone made to one. */
  void put(Secret secret) {
    Secret copy = new SecretBuilder(secret).build();
    copy.getMetadata().setResourceVersion(Integer.toString(++version));
    secrets.put(ResourceID.fromResource(copy), copy);
  }

  @Override
  public Map<String, Secret> owned(AtlasDatabaseUser resource) {
    Map<String, Secret> owned = new LinkedHashMap<>();
    secrets.values().stream()
        .filter(s -> s.getMetadata().getNamespace().equals(resource.getMetadata().getNamespace()))
        .filter(
            s ->
                s.getMetadata().getOwnerReferences() != null
                    && s.getMetadata().getOwnerReferences().stream()
                        .anyMatch(r -> r.getUid().equals(resource.getMetadata().getUid())))
        .forEach(s -> owned.put(s.getMetadata().getName(), s));
    return owned;
  }

  @Override
  public Optional<Secret> read(String namespace, String name) {
    return get(namespace, name);
  }

  @Override
  public boolean create(Secret secret) {
    fail();
    if (secrets.containsKey(ResourceID.fromResource(secret))) {
      return false;
    }
    writes.add("create " + secret.getMetadata().getName());
    put(secret);
    return true;
  }

  @Override
  public void replace(Secret secret) {
    fail();
    Secret current = secrets.get(ResourceID.fromResource(secret));
    if (current == null
        || !Objects.equals(
            current.getMetadata().getResourceVersion(),
            secret.getMetadata().getResourceVersion())) {
      throw new KubernetesClientException("conflict", 409, null);
    }
    writes.add("replace " + secret.getMetadata().getName());
    put(secret);
  }

  @Override
  public void delete(Secret secret) {
    fail();
    Secret current = secrets.get(ResourceID.fromResource(secret));
    // As the API server does with a resourceVersion precondition: a changed Secret stays.
    if (current != null
        && Objects.equals(
            current.getMetadata().getResourceVersion(),
            secret.getMetadata().getResourceVersion())) {
      secrets.remove(ResourceID.fromResource(secret));
      writes.add("delete " + secret.getMetadata().getName());
    }
  }

  private void fail() {
    KubernetesClientException failure = nextFailure;
    nextFailure = null;
    if (failure != null) {
      throw failure;
    }
  }
}
