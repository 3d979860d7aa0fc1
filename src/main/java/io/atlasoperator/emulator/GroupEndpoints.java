package io.atlasoperator.emulator;

import static io.atlasoperator.emulator.ErrorCode.CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API;
import static io.atlasoperator.emulator.ErrorCode.CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API;
import static io.atlasoperator.emulator.ErrorCode.CLUSTER_NOT_FOUND;
import static io.atlasoperator.emulator.ErrorCode.GROUP_NAME_NOT_FOUND;
import static io.atlasoperator.emulator.ErrorCode.GROUP_NOT_FOUND;
import static io.atlasoperator.emulator.ErrorCode.NOT_IN_GROUP;
import static io.atlasoperator.emulator.ErrorCode.RESOURCE_NOT_FOUND;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The read-only v2 project and deployment operations MongoDB's Kubernetes operator calls around
 * database users: getGroup, getGroupByName, listClusters, getCluster, getClusterStatus,
 * listFlexClusters, getFlexCluster (paths and responses: the v2 spec, mongodb/atlas-sdk-go {@code
 * openapi/atlas-api-transformed.yaml}).
 *
 * <ul>
 *   <li>A project that does not exist: 404 {@code GROUP_NOT_FOUND} / {@code GROUP_NAME_NOT_FOUND}
 *       (Errors page); one the principal may not use: 401 {@code NOT_IN_GROUP}, as for users.
 *   <li>A missing cluster: 404 {@code CLUSTER_NOT_FOUND} (Errors page), on both APIs.
 *   <li>A flex cluster through the clusters API: 400 {@code
 *       CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API}; a cluster through the flex API: 400 {@code
 *       CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API} (both as recorded from Atlas, see {@link
 *       ErrorCode}). The clusters list leaves flex clusters out.
 * </ul>
 *
 * <p>Called with the emulator's lock held.
 */
final class GroupEndpoints {

  private final AtlasEmulator emulator;
  private final DeploymentViews views;

  GroupEndpoints(AtlasEmulator emulator) {
    this.emulator = emulator;
    this.views = new DeploymentViews(emulator);
  }

  JsonNode answer(ApiCall call, String principal) {
    if (!call.method().equals("GET")) {
      throw new AtlasError(RESOURCE_NOT_FOUND, call.decodedPath());
    }
    ProjectState project;
    if (call.resource() == ApiCall.Resource.GROUP_BY_NAME) {
      project =
          emulator
              .projectNamed(call.name())
              .orElseThrow(() -> new AtlasError(GROUP_NAME_NOT_FOUND, call.name()));
    } else {
      project = emulator.project(call.projectId());
      if (project == null && call.resource() == ApiCall.Resource.GROUP) {
        throw new AtlasError(GROUP_NOT_FOUND, call.projectId());
      }
    }
    if (project == null || !project.allows(principal)) {
      throw new AtlasError(NOT_IN_GROUP);
    }
    return switch (call.resource()) {
      case GROUP, GROUP_BY_NAME -> views.group(project);
      case CLUSTERS ->
          call.name() == null
              ? Pages.page(
                  call,
                  emulator.baseUrl(),
                  deployments(project, false),
                  d -> views.cluster(project, d))
              : views.cluster(project, deployment(project, call.name(), false));
      case CLUSTER_STATUS -> views.status(project, deployment(project, call.name(), false));
      case FLEX_CLUSTERS ->
          call.name() == null
              ? Pages.page(
                  call,
                  emulator.baseUrl(),
                  deployments(project, true),
                  d -> views.flexCluster(project, d))
              : views.flexCluster(project, deployment(project, call.name(), true));
      default -> throw new AtlasError(RESOURCE_NOT_FOUND, call.decodedPath());
    };
  }

  private static List<ProjectState.Deployment> deployments(ProjectState project, boolean flex) {
    return project.deployments.values().stream().filter(d -> d.flex() == flex).toList();
  }

  private static ProjectState.Deployment deployment(
      ProjectState project, String name, boolean flex) {
    ProjectState.Deployment found = project.deployments.get(name);
    if (found == null) {
      throw new AtlasError(CLUSTER_NOT_FOUND, name, project.id);
    }
    if (found.flex() != flex) {
      throw new AtlasError(
          flex ? CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API : CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API,
          name);
    }
    return found;
  }
}
