package io.atlasoperator.emulator;

import static io.atlasoperator.emulator.ErrorCode.CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API;
import static io.atlasoperator.emulator.ErrorCode.CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API;
import static io.atlasoperator.emulator.ErrorCode.CLUSTER_NOT_FOUND;
import static io.atlasoperator.emulator.ErrorCode.DATA_FEDERATION_TENANT_NOT_FOUND_FOR_NAME;
import static io.atlasoperator.emulator.ErrorCode.GROUP_NAME_NOT_FOUND;
import static io.atlasoperator.emulator.ErrorCode.GROUP_NOT_FOUND;
import static io.atlasoperator.emulator.ErrorCode.NOT_IN_GROUP;
import static io.atlasoperator.emulator.ErrorCode.RESOURCE_NOT_FOUND;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * The read-only v2 project and deployment operations MongoDB's Kubernetes operator calls around
 * database users: getGroup, getGroupByName, listClusters, getCluster, getClusterStatus,
 * listFlexClusters, getFlexCluster, listDataFederation, getDataFederation, listStreamWorkspaces
 * (paths and responses: the v2 spec, mongodb/atlas-sdk-go {@code
 * openapi/atlas-api-transformed.yaml}).
 *
 * <ul>
 *   <li>A project that does not exist: 404 {@code GROUP_NOT_FOUND} / {@code GROUP_NAME_NOT_FOUND}
 *       (Errors page); one the principal may not use: 401 {@code NOT_IN_GROUP}, as for users.
 *   <li>A missing cluster: 404 {@code CLUSTER_NOT_FOUND} (Errors page), on both APIs.
 *   <li>A flex cluster through getCluster: 400 {@code CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API}; a
 *       cluster through the flex API: 400 {@code CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API} (both as
 *       recorded from Atlas, see {@link ErrorCode}). The clusters list leaves flex clusters out.
 *   <li>getClusterStatus answers for flex clusters too: the spec lists no 400 for it (200, 401,
 *       403, 404, 429, 500), and MongoDB's operator reads every deployment's status through it,
 *       flex ones included (mongodb/mongodb-atlas-kubernetes {@code
 *       internal/translation/deployment/deployment.go} DeploymentIsReady, called for the names of
 *       ListDeploymentNames, which lists flex clusters, from {@code
 *       internal/controller/atlasdatabaseuser/databaseuser.go}); its e2e test "Flex deployment by
 *       helm chart" ({@code test/e2e/helm_chart_test.go}) expects database users of a flex-only
 *       project to become ready against Atlas.
 *   <li>A missing federated database: 404 {@code DATA_FEDERATION_TENANT_NOT_FOUND_FOR_NAME} (see
 *       {@link ErrorCode}). Single stream instances are not served.
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
    Instant now = emulator.clock().instant();
    String base = emulator.baseUrl();
    return switch (call.resource()) {
      case GROUP, GROUP_BY_NAME -> views.group(project);
      case CLUSTERS ->
          call.name() == null
              ? Pages.page(
                  call, base, list(project, false, now), d -> views.cluster(project, d, now))
              : views.cluster(project, deployment(project, call.name(), false, now), now);
      case CLUSTER_STATUS ->
          views.status(project, deployment(project, call.name(), null, now), now);
      case FLEX_CLUSTERS ->
          call.name() == null
              ? Pages.page(
                  call, base, list(project, true, now), d -> views.flexCluster(project, d, now))
              : views.flexCluster(project, deployment(project, call.name(), true, now), now);
      case DATA_FEDERATION -> {
        if (call.name() == null) {
          yield InstanceViews.federatedDatabases(project);
        }
        if (!project.federatedDatabases.contains(call.name())) {
          throw new AtlasError(DATA_FEDERATION_TENANT_NOT_FOUND_FOR_NAME, project.id, call.name());
        }
        yield InstanceViews.federatedDatabase(project, call.name());
      }
      case STREAMS ->
          Pages.page(
              call,
              base,
              List.copyOf(project.streamInstances),
              name -> InstanceViews.streamInstance(project, name));
      default -> throw new AtlasError(RESOURCE_NOT_FOUND, call.decodedPath());
    };
  }

  private static List<Deployment> list(ProjectState project, boolean flex, Instant now) {
    return project.deployments(now).stream().filter(d -> d.flex() == flex).toList();
  }

  /** The deployment named; of the kind asked for (flex or not), or of either kind when null. */
  private static Deployment deployment(
      ProjectState project, String name, Boolean flex, Instant now) {
    Deployment found =
        project.deployments(now).stream()
            .filter(d -> d.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new AtlasError(CLUSTER_NOT_FOUND, name, project.id));
    if (flex != null && found.flex() != flex) {
      throw new AtlasError(
          flex ? CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API : CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API,
          name);
    }
    return found;
  }
}
