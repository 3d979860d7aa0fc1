package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Connection Secrets on the API server. Only Secrets labelled {@value
 * ConnectionSecretTemplates#LABEL} are watched (in the watched namespaces), never every Secret; a
 * change to one, or its deletion, reconciles its owner, which puts it back as it should be. The
 * operator's own writes go into JOSDK's cache at once, so the next reconcile sees them.
 */
final class KubeConnectionSecrets implements ConnectionSecretStore {

  private final Set<String> watchNamespaces;
  private volatile InformerEventSource<Secret, AtlasDatabaseUser> informer;
  private volatile KubernetesClient client;

  KubeConnectionSecrets(Set<String> watchNamespaces) {
    this.watchNamespaces = watchNamespaces;
  }

  EventSource<?, AtlasDatabaseUser> eventSource(EventSourceContext<AtlasDatabaseUser> context) {
    InformerEventSourceConfiguration.Builder<Secret> config =
        InformerEventSourceConfiguration.from(Secret.class, AtlasDatabaseUser.class)
            .withName("connection-secrets")
            .withLabelSelector(ConnectionSecretTemplates.LABEL + "=true")
            .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(AtlasDatabaseUser.class));
    if (watchNamespaces.isEmpty()) {
      config.withWatchAllNamespaces();
    } else {
      config.withNamespaces(watchNamespaces);
    }
    client = context.getClient();
    informer = new InformerEventSource<>(config.build(), context);
    return informer;
  }

  @Override
  public Map<String, Secret> owned(AtlasDatabaseUser resource) {
    Map<String, Secret> owned = new LinkedHashMap<>();
    informer.getSecondaryResources(resource).forEach(s -> owned.put(s.getMetadata().getName(), s));
    return owned;
  }

  @Override
  public Optional<Secret> read(String namespace, String name) {
    return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
  }

  @Override
  public boolean create(Secret secret) {
    // JOSDK's own filtering: the informer knows this write as the operator's and does not
    // reconcile the owner again for it.
    Secret marked = informer.addPreviousAnnotation(null, new SecretBuilder(secret).build());
    try {
      Secret created =
          client
              .secrets()
              .inNamespace(secret.getMetadata().getNamespace())
              .resource(marked)
              .create();
      informer.handleRecentResourceCreate(ResourceID.fromResource(created), created);
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void replace(Secret secret) {
    Secret before = informer.get(ResourceID.fromResource(secret)).orElse(null);
    // A Secret taken over is new to the label-selected informer: an add, as for a create.
    Secret marked =
        informer.addPreviousAnnotation(
            before == null ? null : secret.getMetadata().getResourceVersion(),
            new SecretBuilder(secret).build());
    Secret updated =
        client.secrets().inNamespace(secret.getMetadata().getNamespace()).resource(marked).update();
    if (before != null) {
      informer.handleRecentResourceUpdate(ResourceID.fromResource(updated), updated, before);
    } else {
      informer.handleRecentResourceCreate(ResourceID.fromResource(updated), updated);
    }
  }

  @Override
  public void delete(Secret secret) {
    deleteAtVersion(client, secret);
  }

  /**
   * Deletes only the Secret the operator judged its own, at that version: one replaced or changed
   * since (a 409), or gone (a 404), is left as it is. For connection and password Secrets alike.
   */
  static void deleteAtVersion(KubernetesClient client, Secret secret) {
    try {
      client
          .secrets()
          .inNamespace(secret.getMetadata().getNamespace())
          .resource(secret)
          .lockResourceVersion(secret.getMetadata().getResourceVersion())
          .delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404 && e.getCode() != 409) {
        throw e;
      }
    }
  }
}
