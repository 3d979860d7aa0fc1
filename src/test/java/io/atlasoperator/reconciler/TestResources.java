package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.AtlasDatabaseUserSpec;
import io.atlasoperator.crd.DeletionPolicy;
import io.atlasoperator.crd.PasswordSecretRef;
import io.atlasoperator.crd.Role;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Test data: AtlasDatabaseUser resources as the API server would hand them to the operator (uid,
 * generation, creation time), built in one line and changed with a lambda.
 */
final class TestResources {

  static final String PROJECT = "5356823b3794dee37132bb7b";

  private TestResources() {}

  /** A SCRAM user NAME in namespace NS with role readWrite@orders, password in NAME-password. */
  static AtlasDatabaseUser scram(String namespace, String name, Instant created) {
    AtlasDatabaseUser resource = new AtlasDatabaseUser();
    resource.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(namespace)
            .withUid(UUID.nameUUIDFromBytes((namespace + "/" + name).getBytes()).toString())
            .withGeneration(1L)
            .withCreationTimestamp(created.toString())
            .withAnnotations(new HashMap<>())
            .build());
    AtlasDatabaseUserSpec spec = new AtlasDatabaseUserSpec();
    spec.setProjectId(PROJECT);
    spec.setUsername(name);
    spec.setPasswordSecretRef(new PasswordSecretRef(name + "-password", "password"));
    spec.setRoles(new ArrayList<>(List.of(new Role("readWrite", "orders", null))));
    resource.setSpec(spec);
    return resource;
  }

  /** The same resource with its spec changed as kubectl edit would: a new generation. */
  static AtlasDatabaseUser edited(
      AtlasDatabaseUser resource, Consumer<AtlasDatabaseUserSpec> edit) {
    edit.accept(resource.getSpec());
    resource.getMetadata().setGeneration(resource.getMetadata().getGeneration() + 1);
    return resource;
  }

  static AtlasDatabaseUser annotated(AtlasDatabaseUser resource, String key, String value) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    annotations.put(key, value);
    return resource;
  }

  static AtlasDatabaseUser retained(AtlasDatabaseUser resource) {
    resource.getSpec().setDeletionPolicy(DeletionPolicy.Retain);
    return resource;
  }
}
