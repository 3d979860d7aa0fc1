package io.atlasoperator.reconciler;

import io.atlasoperator.config.OperatorConfig;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.status.Reason;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where the operator reads Secrets, caching only what it may need. Watching listed namespaces, it
 * caches the Secrets of those namespaces. Watching the whole cluster, it caches only Secrets
 * labelled {@value #LABEL}={@value #LABEL_VALUE} (the label MongoDB's operator asks for too); a
 * referenced Secret without it is read directly from the API server on each reconcile, and a change
 * to it is seen at the next resync instead of at once. Either way the default credentials'
 * namespace (the operator's own, usually) is cached whole, but for the connection Secrets the
 * operator writes, which {@link KubeConnectionSecrets} caches.
 */
final class SecretCache implements SecretSource {

  /** The label that puts a Secret in the cluster-wide cache. */
  static final String LABEL = "atlas.mongodb.com/type";

  static final String LABEL_VALUE = "credentials";

  private static final String INDEX = "referenced-secrets";

  private final Set<String> watchNamespaces;
  private final Optional<OperatorConfig.SecretName> defaultCredentials;
  private volatile List<InformerEventSource<Secret, AtlasDatabaseUser>> informers = List.of();

  /** Which Secrets each informer holds, in the order of {@link #informers}. */
  private volatile List<java.util.function.Predicate<Secret>> holds = List.of();

  private volatile KubernetesClient client;

  SecretCache(OperatorConfig config) {
    this.watchNamespaces = config.watchNamespaces();
    this.defaultCredentials = config.defaultCredentials();
  }

  /** The informers that keep the cache and map a Secret's changes to the resources that read it. */
  List<EventSource<?, AtlasDatabaseUser>> eventSources(
      EventSourceContext<AtlasDatabaseUser> context) {
    context
        .getPrimaryCache()
        .addIndexer(INDEX, r -> ReferencedSecrets.names(r, defaultCredentials));
    List<InformerEventSource<Secret, AtlasDatabaseUser>> sources = new ArrayList<>();
    Set<String> namespaces = new HashSet<>(watchNamespaces);
    if (watchNamespaces.isEmpty()) {
      sources.add(
          new InformerEventSource<>(
              informer(context, "labelled-secrets")
                  .withWatchAllNamespaces()
                  .withLabelSelector(LABEL + "=" + LABEL_VALUE)
                  .build(),
              context));
    }
    defaultCredentials.ifPresent(d -> namespaces.add(d.namespace()));
    if (!namespaces.isEmpty()) {
      // The connection Secrets the operator writes have their own informer: not cached twice.
      sources.add(
          new InformerEventSource<>(
              informer(context, "secrets")
                  .withNamespaces(namespaces)
                  .withLabelSelector("!" + ConnectionSecretTemplates.LABEL)
                  .build(),
              context));
    }
    List<java.util.function.Predicate<Secret>> held = new ArrayList<>();
    if (watchNamespaces.isEmpty()) {
      held.add(SecretCache::labelled);
    }
    if (!namespaces.isEmpty()) {
      held.add(
          secret ->
              namespaces.contains(secret.getMetadata().getNamespace())
                  && !SecretOwnership.nonNull(secret.getMetadata().getLabels())
                      .containsKey(ConnectionSecretTemplates.LABEL));
    }
    client = context.getClient();
    holds = List.copyOf(held);
    informers = List.copyOf(sources);
    return List.copyOf(sources);
  }

  private static InformerEventSourceConfiguration.Builder<Secret> informer(
      EventSourceContext<AtlasDatabaseUser> context, String name) {
    return InformerEventSourceConfiguration.from(Secret.class, AtlasDatabaseUser.class)
        .withName(name)
        .withSecondaryToPrimaryMapper(
            secret ->
                context
                    .getPrimaryCache()
                    .byIndex(
                        INDEX,
                        secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName())
                    .stream()
                    .map(ResourceID::fromResource)
                    .collect(Collectors.toSet()));
  }

  /** The Secret, from the cache when it is there, otherwise read directly (cluster-wide only). */
  @Override
  public Optional<Found> get(ResourceID id) throws AtlasUserFailure {
    for (InformerEventSource<Secret, AtlasDatabaseUser> informer : informers) {
      Optional<Secret> cached = informer.get(id);
      if (cached.isPresent()) {
        return Optional.of(new Found(cached.get(), true));
      }
    }
    if (!watchNamespaces.isEmpty()
        || defaultCredentials
            .filter(d -> id.getNamespace().equals(Optional.of(d.namespace())))
            .isPresent()) {
      return Optional.empty(); // the cache holds every Secret of this namespace
    }
    Secret direct;
    try {
      direct =
          client
              .secrets()
              .inNamespace(id.getNamespace().orElseThrow())
              .withName(id.getName())
              .get();
    } catch (KubernetesClientException e) {
      throw new AtlasUserFailure(
          Reason.SecretUnreadable,
          "Secret "
              + id.getNamespace().orElse("")
              + "/"
              + id.getName()
              + " could not be read: HTTP "
              + e.getCode()
              + (e.getCode() == 403 ? " (the operator's RBAC does not allow it)" : ""));
    }
    return Optional.ofNullable(direct).map(s -> new Found(s, labelled(s)));
  }

  /**
   * The operator wrote this Secret ({@code before}: the version it replaced; null for a create):
   * the informers that hold it give the new version at once (JOSDK's temporary cache), so that the
   * next reconcile does not act on the old one while the watch event is on its way.
   */
  void written(Secret before, Secret after) {
    ResourceID id = ResourceID.fromResource(after);
    for (int i = 0; i < informers.size() && i < holds.size(); i++) {
      if (holds.get(i).test(after)) {
        if (before == null) {
          informers.get(i).handleRecentResourceCreate(id, after);
        } else {
          informers.get(i).handleRecentResourceUpdate(id, after, before);
        }
      }
    }
  }

  private static boolean labelled(Secret secret) {
    Map<String, String> labels = secret.getMetadata().getLabels();
    return labels != null && LABEL_VALUE.equals(labels.get(LABEL));
  }
}
