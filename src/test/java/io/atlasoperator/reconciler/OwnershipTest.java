package io.atlasoperator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

class OwnershipTest {

  static AtlasDatabaseUser named(String namespace, String name) {
    AtlasDatabaseUser resource = new AtlasDatabaseUser();
    resource.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    return resource;
  }

  @Test
  void ownerLabelIsNamespaceSlashNameWhenItFits() {
    assertThat(Ownership.labelValue(named("team-a", "orders"))).isEqualTo("team-a/orders");
  }

  @Test
  void longestNamesGiveABoundedUniqueStableLabel() {
    String namespace = "n".repeat(63);
    AtlasDatabaseUser first = named(namespace, "a".repeat(240) + "-first-user");
    AtlasDatabaseUser second = named(namespace, "a".repeat(240) + "-second-user");

    String label = Ownership.labelValue(first);

    assertThat(label).hasSizeLessThanOrEqualTo(255).startsWith(namespace + "/").contains("~");
    assertThat(Ownership.labelValue(first)).isEqualTo(label);
    assertThat(Ownership.labelValue(second)).isNotEqualTo(label).hasSizeLessThanOrEqualTo(255);
  }
}
