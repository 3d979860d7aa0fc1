package io.atlasoperator.reconciler;

import io.atlasoperator.config.OperatorConfig;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where the operator reads Secrets, caching only what it may need. Watching listed namespaces, it
 * caches the Secrets of those namespaces (and of the default credentials' namespace). Watching the
 * whole cluster, it caches only Secrets labelled {@value #LABEL}={@value #LABEL_VALUE} (the label
 * MongoDB's operator asks for too); a referenced Secret without it is read directly from the API
 * server on each reconcile, and a change to it is seen at the next resync instead of at once.
 */
final class SecretCache {

  /** The label that puts a Secret in the cluster-wide cache. */
  static final String LABEL = "atlas.mongodb.com/type";

  static final String LABEL_VALUE = "credentials";

  private static final String INDEX = "referenced-secrets";

  /** A Secret, and whether the operator watches it (false: read directly, changes unseen). */
  record Found(Secret secret, boolean watched) {}

  private final Set<String> watchNamespaces;
  private final Optional<OperatorConfig.SecretName> defaultCredentials;
  private volatile InformerEventSource<Secret, AtlasDatabaseUser> informer;
  private volatile KubernetesClient client;

  SecretCache(OperatorConfig config) {
    this.watchNamespaces = config.watchNamespaces();
    this.defaultCredentials = config.defaultCredentials();
  }

  /**
   * The informer that keeps the cache and maps a Secret's changes to the resources that read it.
   */
  InformerEventSource<Secret, AtlasDatabaseUser> eventSource(
      EventSourceContext<AtlasDatabaseUser> context) {
    context
        .getPrimaryCache()
        .addIndexer(INDEX, r -> ReferencedSecrets.names(r, defaultCredentials));
    InformerEventSourceConfiguration.Builder<Secret> config =
        InformerEventSourceConfiguration.from(Secret.class, AtlasDatabaseUser.class)
            .withName("secrets")
            .withSecondaryToPrimaryMapper(
                secret ->
                    context
                        .getPrimaryCache()
                        .byIndex(
                            INDEX,
                            secret.getMetadata().getNamespace()
                                + "/"
                                + secret.getMetadata().getName())
                        .stream()
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()));
    if (watchNamespaces.isEmpty()) {
      config.withWatchAllNamespaces().withLabelSelector(LABEL + "=" + LABEL_VALUE);
    } else {
      Set<String> namespaces = new HashSet<>(watchNamespaces);
      defaultCredentials.ifPresent(d -> namespaces.add(d.namespace()));
      config.withNamespaces(namespaces);
    }
    client = context.getClient();
    informer = new InformerEventSource<>(config.build(), context);
    return informer;
  }

  /** The Secret, from the cache when it is there, otherwise read directly (cluster-wide only). */
  Optional<Found> get(ResourceID id) {
    Optional<Secret> cached = informer.get(id);
    if (cached.isPresent()) {
      return Optional.of(new Found(cached.get(), true));
    }
    if (!watchNamespaces.isEmpty()) {
      return Optional.empty(); // the cache holds every Secret of the namespaces read from
    }
    Secret direct =
        client.secrets().inNamespace(id.getNamespace().orElseThrow()).withName(id.getName()).get();
    return Optional.ofNullable(direct).map(s -> new Found(s, labelled(s)));
  }

  private static boolean labelled(Secret secret) {
    Map<String, String> labels = secret.getMetadata().getLabels();
    return labels != null && LABEL_VALUE.equals(labels.get(LABEL));
  }
}
