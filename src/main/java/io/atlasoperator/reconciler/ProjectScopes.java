package io.atlasoperator.reconciler;

import io.atlasoperator.config.OperatorConfig;
import io.atlasoperator.domain.AtlasCredentials;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.Deployment;
import io.atlasoperator.domain.UserScope;
import io.atlasoperator.status.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A user's scopes against what its project holds: which clusters it reaches, and whether each scope
 * names a cluster or flex cluster (CLUSTER), a federated database instance (DATA_LAKE) or a stream
 * instance (STREAM) of the project. Reads through {@link ProjectDeployments}, shared per project.
 */
final class ProjectScopes {

  private final ProjectDeployments deployments;
  private final Duration resync;

  ProjectScopes(ProjectDeployments deployments, Duration resync) {
    this.deployments = deployments;
    this.resync = resync;
  }

  /** The names of the project's clusters and flex clusters. */
  Set<String> clusters(AtlasCredentials credentials, String projectId) {
    return deployments.deployments(credentials, projectId).stream()
        .map(Deployment::name)
        .collect(Collectors.toSet());
  }

  /** The failure naming each scope the project does not have, if any. */
  Optional<AtlasUserFailure> missing(
      AtlasCredentials credentials, DatabaseUser desired, Set<String> clusters) {
    List<String> missing = new ArrayList<>();
    String project = desired.projectId();
    for (UserScope scope : desired.scopes()) {
      Set<String> names =
          switch (scope.type()) {
            case "CLUSTER" -> clusters;
            case "DATA_LAKE" -> deployments.federatedDatabases(credentials, project);
            case "STREAM" -> deployments.streamInstances(credentials, project);
            default -> Set.of(scope.name());
          };
      if (!names.contains(scope.name())) {
        missing.add(
            scope.name()
                + switch (scope.type()) {
                  case "CLUSTER" -> " (no cluster or flex cluster of that name)";
                  case "DATA_LAKE" -> " (no federated database instance of that name)";
                  case "STREAM" -> " (no stream instance of that name)";
                  default -> "";
                });
      }
    }
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new AtlasUserFailure(
            Reason.ScopeNotFound,
            "spec.scopes names "
                + String.join(", ", missing)
                + ", which project "
                + project
                + " does not have; nothing was written to Atlas. Checked again when the project"
                + " is next read (every "
                + OperatorConfig.format(resync)
                + ")"));
  }

  /** The clusters the user can reach: its CLUSTER scopes', or every one when it has no scope. */
  List<Deployment> reached(AtlasCredentials credentials, DatabaseUser desired) {
    if (!desired.scopes().isEmpty()
        && desired.scopes().stream().noneMatch(s -> s.type().equals("CLUSTER"))) {
      return List.of();
    }
    Set<String> scoped =
        desired.scopes().stream()
            .filter(s -> s.type().equals("CLUSTER"))
            .map(UserScope::name)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    return deployments.deployments(credentials, desired.projectId()).stream()
        .filter(d -> scoped.isEmpty() || scoped.contains(d.name()))
        .toList();
  }
}
