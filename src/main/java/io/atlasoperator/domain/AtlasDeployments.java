package io.atlasoperator.domain;

import java.util.List;
import java.util.Set;

/**
 * What a project holds besides its users, as the operator needs it: its clusters and flex clusters
 * (for connection Secrets and CLUSTER scopes), whether Atlas has applied the latest user change on
 * a cluster, and the names of its federated database instances and stream instances (for DATA_LAKE
 * and STREAM scopes). Like {@link AtlasUsers}, implementations never retry; every failure is an
 * {@link AtlasFailure}.
 */
public interface AtlasDeployments {

  /** Every cluster and flex cluster of the project. */
  List<Deployment> deployments(AtlasCredentials credentials, String projectId);

  /**
   * True when Atlas reports the project's latest changes applied on the cluster (changeStatus
   * APPLIED), false while they are PENDING.
   */
  boolean changesApplied(AtlasCredentials credentials, String projectId, String cluster);

  /** The names of the project's federated database instances. */
  Set<String> federatedDatabases(AtlasCredentials credentials, String projectId);

  /** The names of the project's stream instances. */
  Set<String> streamInstances(AtlasCredentials credentials, String projectId);
}
