package io.atlasoperator.crd;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A cluster or data lake the user is limited to. */
public class Scope {

  /**
   * Name of the cluster, flex cluster, federated database instance or stream processing workspace
   * in the project.
   */
  @Required
  @Size(min = 1, max = 64)
  @Pattern("^[a-zA-Z0-9][a-zA-Z0-9-]*$")
  private String name;

  /**
   * What name is: CLUSTER (a cluster or a flex cluster), DATA_LAKE (a federated database instance)
   * or STREAM (a stream processing workspace).
   */
  @Required private ScopeType type;

  public Scope() {}

  public Scope(String name, ScopeType type) {
    this.name = name;
    this.type = type;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public ScopeType getType() {
    return type;
  }

  public void setType(ScopeType type) {
    this.type = type;
  }
}
