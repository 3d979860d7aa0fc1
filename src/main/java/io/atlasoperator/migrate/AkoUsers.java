package io.atlasoperator.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** AKO's AtlasDatabaseUser (atlas.mongodb.com/v1) into ours. */
final class AkoUsers {

  private static final Set<String> KNOWN =
      Set.of(
          "projectRef",
          "externalProjectRef",
          "connectionSecret",
          "databaseName",
          "deleteAfterDate",
          "description",
          "labels",
          "roles",
          "scopes",
          "passwordSecretRef",
          "username",
          "oidcAuthType",
          "awsIamType",
          "x509Type");

  private final ProjectIds projects;
  private final MigrateOptions options;

  AkoUsers(ProjectIds projects, MigrateOptions options) {
    this.projects = projects;
    this.options = options;
  }

  /**
   * MongoDB's operator names a connection Secret PROJECT-CLUSTER-USERNAME after the project's Atlas
   * name (each part lowercased, other characters '-'): the same names, with its Secrets taken over,
   * keep applications working through the move. Without the project's name, the report says what to
   * set.
   */
  private static void keepConnectionSecrets(
      UserDraft draft, String projectName, String projectRef, Outcome outcome) {
    String prefix = projectName == null ? null : normalised(projectName);
    if (prefix == null || prefix.isEmpty() || prefix.length() > 150) {
      outcome.note(
          "connection Secrets: MongoDB's operator names them PROJECT-CLUSTER-USERNAME after the"
              + " project's Atlas name, which the input does not give"
              + (projectRef == null ? "" : " for AtlasProject " + projectRef)
              + ": to keep those names for applications, set spec.connectionSecrets.name:"
              + " PROJECT-{cluster}-{username} and takeOverMongoDbOperatorSecrets: true;"
              + " otherwise this user's Secrets are named RESOURCE-CLUSTER");
      return;
    }
    draft.connectionSecretName = prefix + "-{cluster}-{username}";
    outcome.note(
        "connection Secrets: MongoDB's operator's "
            + prefix
            + "-CLUSTER-USERNAME Secrets are taken over under the same names"
            + " (spec.connectionSecrets.takeOverMongoDbOperatorSecrets), so applications keep"
            + " reading them");
  }

  /** Lowercased, every character a Secret name cannot hold '-', as MongoDB's operator does. */
  static String normalised(String value) {
    return value.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
  }

  static boolean accepts(InputDocuments.Document document) {
    return document.apiVersion().startsWith(ProjectIds.AKO_GROUP)
        && document.kind().equals("AtlasDatabaseUser");
  }

  Outcome convert(InputDocuments.Document document) {
    Outcome outcome = new Outcome("AKO " + document.describe());
    JsonNode spec = document.body().path("spec");
    UserDraft draft = new UserDraft();
    draft.namespace = ProjectIds.namespaceOf(document, options.namespace());
    String problem = AtlasFields.copy(spec, AtlasFields.AKO_V1, draft);
    if (problem != null) {
      return outcome.refused(problem);
    }
    String external = AtlasFields.text(spec.path("externalProjectRef"), "id");
    String refName = AtlasFields.text(spec.path("projectRef"), "name");
    String connection = AtlasFields.text(spec.path("connectionSecret"), "name");
    if (external != null) {
      if (!external.matches("^[0-9a-f]{24}$")) {
        return outcome.refused("spec.externalProjectRef.id " + external + " is not a project ID");
      }
      draft.projectId = external;
      keepConnectionSecrets(draft, null, null, outcome);
    } else if (refName != null) {
      String refNamespace = AtlasFields.text(spec.path("projectRef"), "namespace");
      String namespace = refNamespace != null ? refNamespace : draft.namespace;
      var project = projects.find(namespace, refName);
      if (project.isEmpty()) {
        return outcome.refused(projects.unresolved("AtlasProject", namespace, refName));
      }
      draft.projectId = project.get().id();
      keepConnectionSecrets(draft, project.get().name(), refName, outcome);
      String projectSecret = project.get().connectionSecret();
      if (connection == null && projectSecret != null) {
        if (java.util.Objects.equals(namespace, draft.namespace)) {
          connection = projectSecret;
          outcome.note("credentials: the connectionSecretRef of AtlasProject " + refName);
        } else {
          outcome.lost(
              "the credentials Secret "
                  + namespace
                  + "/"
                  + projectSecret
                  + " of AtlasProject "
                  + refName
                  + ": ours are read in the resource's own namespace; copy the Secret into "
                  + draft.namespace
                  + " and set spec.credentialsSecretRef, or rely on the operator's default");
        }
      }
    } else {
      return outcome.refused("it has neither spec.projectRef nor spec.externalProjectRef");
    }
    draft.credentialsSecret = connection != null ? connection : options.credentialsSecret();
    AkoMetadata.copy(document.body().path("metadata"), draft, outcome);
    AkoMetadata.unknownFields(spec, KNOWN, "spec", outcome);
    String password = AtlasFields.text(spec.path("passwordSecretRef"), "name");
    Passwords.assign(draft, password, "password", outcome);
    return outcome.written(draft);
  }
}
