package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.status.Reason;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes a resource's connection Secrets what they should be: creates the missing ones, rewrites an
 * owned one whose content, labels or annotations differ (someone edited it), deletes owned ones no
 * longer wanted, and writes nothing when all match. A Secret of a wanted name that the resource
 * does not own is never changed: it fails with {@link Reason#SecretConflict}, naming it.
 */
final class ConnectionSecretWriter {

  /**
   * What was written: Secret names created, rewritten, taken over and deleted; and those kept as
   * they were because their cluster has no strings just now.
   */
  record Changes(
      List<String> created,
      List<String> restored,
      List<String> takenOver,
      List<String> deleted,
      List<String> kept) {

    boolean any() {
      return !created.isEmpty()
          || !restored.isEmpty()
          || !takenOver.isEmpty()
          || !deleted.isEmpty();
    }

    /**
     * For a status message: "; wrote connection Secret a; ..." or "". {@code afterWrite}: Atlas was
     * just written to, so a rewritten Secret was updated to it, not put back after an edit.
     */
    String describe(boolean afterWrite) {
      StringBuilder out = new StringBuilder();
      if (!created.isEmpty()) {
        out.append("; wrote connection Secret").append(plural(created));
      }
      if (!restored.isEmpty()) {
        out.append(afterWrite ? "; updated connection Secret" : "; put back connection Secret")
            .append(plural(restored))
            .append(afterWrite ? "" : " (it had been changed)");
      }
      if (!takenOver.isEmpty()) {
        out.append("; took over MongoDB's operator's connection Secret")
            .append(plural(takenOver))
            .append(" (same name, so applications keep reading it)");
      }
      if (!deleted.isEmpty()) {
        out.append("; deleted connection Secret").append(plural(deleted));
      }
      return out.toString();
    }

    private static String plural(List<String> names) {
      return (names.size() == 1 ? " " : "s ") + String.join(", ", names);
    }
  }

  private final ConnectionSecretStore store;

  ConnectionSecretWriter(ConnectionSecretStore store) {
    this.store = store;
  }

  /** Deletes the owned Secrets whose cluster is not one of {@code clusters}, writing none. */
  Changes prune(AtlasDatabaseUser resource, java.util.Set<String> clusters)
      throws AtlasUserFailure {
    List<String> deleted = new ArrayList<>();
    for (Secret secret : owned(resource).values()) {
      String cluster =
          SecretOwnership.nonNull(secret.getMetadata().getAnnotations())
              .get(ConnectionSecretTemplates.CLUSTER_ANNOTATION);
      if (cluster == null || !clusters.contains(cluster)) {
        delete(secret);
        deleted.add(secret.getMetadata().getName());
      }
    }
    return new Changes(List.of(), List.of(), List.of(), deleted, List.of());
  }

  /**
   * Makes the owned Secrets exactly {@code wanted}, but for those of {@code keepClusters}, which
   * stay as they are (a cluster being created, or Atlas answering no strings for a moment).
   */
  Changes sync(
      AtlasDatabaseUser resource,
      Map<String, ConnectionSecretTemplates.Rendered> wanted,
      java.util.Set<String> keepClusters)
      throws AtlasUserFailure {
    Map<String, Secret> owned = owned(resource);
    List<String> created = new ArrayList<>();
    List<String> restored = new ArrayList<>();
    List<String> takenOver = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    for (ConnectionSecretTemplates.Rendered rendered : wanted.values()) {
      Secret desired = secret(resource, rendered);
      Secret current = owned.get(rendered.name());
      try {
        if (current == null) {
          if (store.create(desired)) {
            created.add(rendered.name());
            continue;
          }
          // Taken: by a Secret of ours the cache has not seen yet, or by someone else's.
          Optional<Secret> existing =
              store.read(resource.getMetadata().getNamespace(), rendered.name());
          if (existing.isEmpty()) {
            throw notWritten(rendered.name(), "it was deleted while being created");
          }
          if (!SecretOwnership.owns(resource, existing.get())) {
            if (!SecretOwnership.mongoDbOperators(resource, rendered.cluster(), existing.get())) {
              throw conflict(resource, existing.get());
            }
            desired
                .getMetadata()
                .setResourceVersion(existing.get().getMetadata().getResourceVersion());
            store.replace(desired);
            takenOver.add(rendered.name());
            continue;
          }
          current = existing.get();
        }
        if (!same(current, desired)) {
          desired.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
          store.replace(desired);
          restored.add(rendered.name());
        }
      } catch (KubernetesClientException e) {
        if (e.getCode() == 422) {
          throw new AtlasUserFailure(
              Reason.SecretRefused,
              "Connection Secret "
                  + rendered.name()
                  + " was refused by the API server: HTTP 422 "
                  + status(e));
        }
        throw notWritten(rendered.name(), "HTTP " + e.getCode() + " " + status(e));
      }
    }
    List<String> kept = new ArrayList<>();
    for (Secret secret : owned.values()) {
      String name = secret.getMetadata().getName();
      if (wanted.containsKey(name)) {
        continue;
      }
      String cluster =
          SecretOwnership.nonNull(secret.getMetadata().getAnnotations())
              .get(ConnectionSecretTemplates.CLUSTER_ANNOTATION);
      if (cluster != null && keepClusters.contains(cluster)) {
        kept.add(name); // its cluster has no strings just now: the Secret stays as it was
      } else {
        delete(secret);
        deleted.add(name);
      }
    }
    return new Changes(created, restored, takenOver, deleted, kept);
  }

  private Map<String, Secret> owned(AtlasDatabaseUser resource) {
    Map<String, Secret> owned = new LinkedHashMap<>();
    store
        .owned(resource)
        .forEach(
            (name, secret) -> {
              if (SecretOwnership.owns(resource, secret)) {
                owned.put(name, secret);
              }
            });
    return owned;
  }

  private void delete(Secret secret) throws AtlasUserFailure {
    try {
      store.delete(secret);
    } catch (KubernetesClientException e) {
      throw notWritten(secret.getMetadata().getName(), "HTTP " + e.getCode() + " " + status(e));
    }
  }

  private static Secret secret(
      AtlasDatabaseUser resource, ConnectionSecretTemplates.Rendered rendered) {
    Map<String, String> data = new LinkedHashMap<>();
    rendered
        .data()
        .forEach(
            (k, v) ->
                data.put(
                    k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return new SecretBuilder()
        .withMetadata(
            new ObjectMetaBuilder()
                .withNamespace(resource.getMetadata().getNamespace())
                .withName(rendered.name())
                .withLabels(rendered.labels())
                .withAnnotations(rendered.annotations())
                .withOwnerReferences(SecretOwnership.ownerReference(resource))
                .build())
        .withType("Opaque")
        .withData(data)
        .build();
  }

  /** Same data, and the labels and annotations the operator sets are there with their values. */
  private static boolean same(Secret current, Secret desired) {
    return Objects.equals(
            SecretOwnership.nonNull(current.getData()), SecretOwnership.nonNull(desired.getData()))
        && contains(current.getMetadata().getLabels(), desired.getMetadata().getLabels())
        && contains(current.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations());
  }

  private static boolean contains(Map<String, String> actual, Map<String, String> wanted) {
    Map<String, String> present = SecretOwnership.nonNull(actual);
    return wanted.entrySet().stream()
        .allMatch(e -> Objects.equals(present.get(e.getKey()), e.getValue()));
  }

  private static AtlasUserFailure conflict(AtlasDatabaseUser resource, Secret existing) {
    return new AtlasUserFailure(
        Reason.SecretConflict,
        "Secret "
            + resource.getMetadata().getNamespace()
            + "/"
            + existing.getMetadata().getName()
            + " exists and is not this resource's (no label "
            + ConnectionSecretTemplates.LABEL
            + " with an owner reference to it); it was left alone and no connection Secret was"
            + " written. Delete or rename that Secret, or choose another"
            + " spec.connectionSecrets.name");
  }

  private static AtlasUserFailure notWritten(String name, String why) {
    return new AtlasUserFailure(
        Reason.SecretNotWritten, "Connection Secret " + name + " could not be written: " + why);
  }

  /**
   * The API server's reason (Forbidden, Invalid, ...), never its message: a message (an admission
   * webhook's, say) could repeat what the Secret holds.
   */
  private static String status(KubernetesClientException e) {
    String reason = e.getStatus() == null ? null : e.getStatus().getReason();
    return (reason == null ? "" : reason)
        + (e.getCode() == 403 ? " (the operator's RBAC does not allow it)" : "")
        + (e.getCode() == 422 ? " (check spec.connectionSecrets.labels and annotations)" : "");
  }
}
