package io.atlasoperator.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * AKO's generated DatabaseUser (atlas.generated.mongodb.com/v1), which wraps the body of Atlas's
 * API version 2025-03-12: spec.v20250312.entry, with groupId or groupRef beside it.
 */
final class GeneratedUsers {

  private static final String VERSION = "v20250312";
  private static final Set<String> KNOWN_SPEC = Set.of("connectionSecretRef", VERSION);
  private static final Set<String> KNOWN_VERSION = Set.of("groupId", "groupRef", "entry");
  private static final Set<String> KNOWN_ENTRY =
      Set.of(
          "awsIAMType",
          "databaseName",
          "deleteAfterDate",
          "description",
          "labels",
          "ldapAuthType",
          "oidcAuthType",
          "passwordSecretRef",
          "roles",
          "scopes",
          "username",
          "x509Type");

  private final ProjectIds projects;
  private final MigrateOptions options;

  GeneratedUsers(ProjectIds projects, MigrateOptions options) {
    this.projects = projects;
    this.options = options;
  }

  static boolean accepts(InputDocuments.Document document) {
    return document.apiVersion().startsWith(ProjectIds.GENERATED_GROUP)
        && document.kind().equals("DatabaseUser");
  }

  Outcome convert(InputDocuments.Document document) {
    Outcome outcome = new Outcome("AKO " + document.describe());
    JsonNode spec = document.body().path("spec");
    JsonNode version = spec.path(VERSION);
    if (!version.isObject()) {
      return outcome.refused("it has no spec." + VERSION + ", the only API version migrate reads");
    }
    JsonNode entry = version.path("entry");
    UserDraft draft = new UserDraft();
    draft.namespace = ProjectIds.namespaceOf(document, options.namespace());
    String problem = AtlasFields.copy(entry, AtlasFields.AKO_GENERATED, draft);
    if (problem != null) {
      return outcome.refused(problem);
    }
    String groupId = AtlasFields.text(version, "groupId");
    String groupRef = AtlasFields.text(version.path("groupRef"), "name");
    String connection = AtlasFields.text(spec.path("connectionSecretRef"), "name");
    if (groupId != null) {
      if (!groupId.matches("^[0-9a-f]{24}$")) {
        return outcome.refused("spec." + VERSION + ".groupId " + groupId + " is not a project ID");
      }
      draft.projectId = groupId;
    } else if (groupRef != null) {
      var project = projects.find(draft.namespace, groupRef);
      if (project.isEmpty()) {
        return outcome.refused(projects.unresolved("Group", draft.namespace, groupRef));
      }
      draft.projectId = project.get().id();
      if (connection == null && project.get().connectionSecret() != null) {
        connection = project.get().connectionSecret();
        outcome.note("credentials: the connectionSecretRef of Group " + groupRef);
      }
    } else {
      return outcome.refused("it has neither spec." + VERSION + ".groupId nor groupRef");
    }
    draft.credentialsSecret = connection != null ? connection : options.credentialsSecret();
    AkoMetadata.copy(document.body().path("metadata"), draft, outcome);
    AkoMetadata.unknownFields(spec, KNOWN_SPEC, "spec", outcome);
    AkoMetadata.unknownFields(version, KNOWN_VERSION, "spec." + VERSION, outcome);
    AkoMetadata.unknownFields(entry, KNOWN_ENTRY, "spec." + VERSION + ".entry", outcome);
    JsonNode password = entry.path("passwordSecretRef");
    Passwords.assign(
        draft, AtlasFields.text(password, "name"), AtlasFields.text(password, "key"), outcome);
    return outcome.written(draft);
  }
}
