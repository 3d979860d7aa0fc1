package io.atlasoperator.emulator;

/**
 * The v2 endpoint sets the emulator rate-limits, each with its own token bucket per project. Atlas
 * groups endpoints into sets that share a bucket per scope ("API Rate Limit" page,
 * https://www.mongodb.com/docs/atlas/api/api-rate-limit) but publishes neither the sets' members
 * nor their numbers; these three are the emulator's choice. Flex clusters, federated database
 * instances and stream instances count with clusters.
 */
public enum EndpointSet {
  /** {@code /groups/{groupId}/databaseUsers[/...]}. */
  DATABASE_USERS,
  /**
   * {@code /groups/{groupId}/clusters[/...]}, {@code /groups/{groupId}/flexClusters[/...]}, {@code
   * /groups/{groupId}/dataFederation[/...]} and {@code /groups/{groupId}/streams}.
   */
  CLUSTERS,
  /** {@code /groups/{groupId}} and {@code /groups/byName/{groupName}}. */
  GROUPS;

  static EndpointSet of(ApiCall.Resource resource) {
    return switch (resource) {
      case DATABASE_USERS -> DATABASE_USERS;
      case GROUP, GROUP_BY_NAME -> GROUPS;
      default -> CLUSTERS;
    };
  }
}
