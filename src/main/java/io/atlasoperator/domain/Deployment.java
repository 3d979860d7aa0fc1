package io.atlasoperator.domain;

import java.util.List;
import java.util.Objects;

/**
 * A cluster or flex cluster of a project, as the operator needs it to give applications their
 * connection strings: its name, kind, state and the strings Atlas publishes for it (without
 * credentials).
 *
 * @param name the cluster's name, unique in its project
 * @param flex true for a flex cluster (Atlas's flexClusters API), false for a cluster
 * @param state whether applications can use it now
 * @param strings the connection strings Atlas gives; all null while it is being created
 */
public record Deployment(String name, boolean flex, State state, ConnectionStrings strings) {

  /** Whether applications can connect to it. */
  public enum State {
    /** Being created: Atlas has no connection strings for it yet. */
    CREATING,
    /** Running (IDLE, or being updated or repaired while it serves). */
    OPERATIONAL,
    /** Paused by its owners: it keeps its strings, but nothing can connect until it resumes. */
    PAUSED,
    /** Being deleted. */
    DELETING
  }

  /**
   * The connection strings Atlas publishes for a cluster; a value is null when Atlas has none.
   *
   * @param standard mongodb:// over the public network
   * @param standardSrv mongodb+srv:// over the public network
   * @param privateString mongodb:// over network peering
   * @param privateSrv mongodb+srv:// over network peering
   * @param privateEndpoints one per private endpoint
   */
  public record ConnectionStrings(
      String standard,
      String standardSrv,
      String privateString,
      String privateSrv,
      List<PrivateEndpoint> privateEndpoints) {

    public static final ConnectionStrings NONE =
        new ConnectionStrings(null, null, null, null, null);

    public ConnectionStrings {
      privateEndpoints = List.copyOf(privateEndpoints == null ? List.of() : privateEndpoints);
    }

    /** True when Atlas gave no string at all (a cluster still being created). */
    public boolean isEmpty() {
      return standard == null
          && standardSrv == null
          && privateString == null
          && privateSrv == null
          && privateEndpoints.isEmpty();
    }
  }

  /**
   * The strings of one private endpoint; a value is null when Atlas has none.
   *
   * @param standard mongodb:// through the endpoint
   * @param srv mongodb+srv:// through the endpoint
   * @param srvShardOptimized mongodb+srv:// optimised for sharded clusters
   */
  public record PrivateEndpoint(String standard, String srv, String srvShardOptimized) {}

  public Deployment {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    strings = strings == null ? ConnectionStrings.NONE : strings;
  }
}
