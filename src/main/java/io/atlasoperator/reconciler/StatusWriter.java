package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a status JOSDK does not write: that of a resource being deleted (JOSDK patches no status
 * from a cleanup).
 */
interface StatusWriter {

  void write(AtlasDatabaseUser resource);

  /** Patches the status subresource; a failure is logged, the next attempt writes it again. */
  static StatusWriter of(KubernetesClient kubernetes) {
    Logger log = LoggerFactory.getLogger(Reporter.class);
    return resource -> {
      AtlasDatabaseUser patch = new AtlasDatabaseUser();
      patch.setMetadata(
          new ObjectMetaBuilder()
              .withName(resource.getMetadata().getName())
              .withNamespace(resource.getMetadata().getNamespace())
              .build());
      patch.setStatus(resource.getStatus());
      try {
        kubernetes.resource(patch).patchStatus();
      } catch (KubernetesClientException e) {
        log.warn(
            "could not write the deletion status of {}: {}",
            Ownership.ownerOf(resource),
            e.getMessage());
      }
    };
  }
}
