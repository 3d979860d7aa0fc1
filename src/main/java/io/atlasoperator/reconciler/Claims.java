package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import java.util.List;

/** Which resources ask for the same Atlas user as a resource (itself included). */
interface Claims {

  List<AtlasDatabaseUser> askingForTheSameUser(AtlasDatabaseUser resource);

  /** From JOSDK's cache of resources, through the index {@link Ownership#INDEX}. */
  static Claims of(IndexedResourceCache<AtlasDatabaseUser> cache) {
    return resource -> cache.byIndex(Ownership.INDEX, Ownership.indexKey(resource).get(0));
  }
}
