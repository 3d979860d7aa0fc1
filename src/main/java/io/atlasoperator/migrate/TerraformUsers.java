package io.atlasoperator.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The mongodbatlas_database_user resources of a Terraform state as {@code terraform show -json}
 * prints it: values.root_module.resources and those of every child module. The password, which that
 * output shows in plain text when the configuration set one, is never copied.
 */
final class TerraformUsers {

  static final String TYPE = "mongodbatlas_database_user";

  private static final Set<String> KNOWN =
      Set.of(
          "id",
          "project_id",
          "auth_database_name",
          "username",
          "password",
          "password_wo",
          "password_wo_version",
          "x509_type",
          "oidc_auth_type",
          "ldap_auth_type",
          "aws_iam_type",
          "description",
          "roles",
          "labels",
          "scopes",
          "delete_after_date");

  private final MigrateOptions options;

  TerraformUsers(MigrateOptions options) {
    this.options = options;
  }

  /** One outcome per database user in the state, in the order of the state. */
  List<Outcome> convert(InputDocuments.Document state) {
    List<JsonNode> resources = new ArrayList<>();
    collect(state.body().path("values").path("root_module"), resources);
    List<Outcome> outcomes = new ArrayList<>();
    for (JsonNode resource : resources) {
      outcomes.add(convertOne(resource, state.where()));
    }
    if (outcomes.isEmpty()) {
      Outcome none = new Outcome("Terraform state (" + state.where() + ")");
      none.note("it has no managed " + TYPE + " resources: nothing to carry over");
      outcomes.add(none);
    }
    return outcomes;
  }

  private static void collect(JsonNode module, List<JsonNode> into) {
    for (JsonNode resource : module.path("resources")) {
      if (resource.path("type").asText().equals(TYPE)
          && (resource.path("mode").isMissingNode()
              || InputDocuments.text(resource.path("mode")).equals("managed"))) {
        into.add(resource);
      }
    }
    for (JsonNode child : module.path("child_modules")) {
      collect(child, into);
    }
  }

  private Outcome convertOne(JsonNode resource, String where) {
    String address =
        resource.path("address").isTextual()
            ? resource.get("address").asText()
            : TYPE + "." + resource.path("name").asText();
    Outcome outcome = new Outcome("Terraform " + address + " (" + where + ")");
    JsonNode values = resource.path("values");
    UserDraft draft = new UserDraft();
    draft.namespace = options.namespace();
    String problem = AtlasFields.copy(values, AtlasFields.TERRAFORM, draft);
    if (problem != null) {
      return outcome.refused(problem);
    }
    draft.projectId = AtlasFields.text(values, "project_id");
    if (draft.projectId == null || !draft.projectId.matches("^[0-9a-f]{24}$")) {
      return outcome.refused("project_id " + draft.projectId + " is not a project ID");
    }
    draft.credentialsSecret = options.credentialsSecret();
    if (draft.credentialsSecret == null) {
      outcome.note(
          "credentials: the operator's default ones (Terraform's provider credentials are not in"
              + " the state; pass --credentials-secret NAME to name a Secret)");
    }
    for (Iterator<String> it = values.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      JsonNode value = values.path(field);
      boolean empty = value.isNull() || (value.isContainerNode() && value.isEmpty());
      if (!KNOWN.contains(field) && !empty) {
        outcome.lost(field + " (not a field migrate knows)");
      }
    }
    if (AtlasFields.text(values, "password") != null) {
      outcome.note(
          "the state holds this user's password in plain text; migrate did not copy it (and"
              + " never does)");
    }
    Passwords.assign(draft, null, null, outcome);
    outcome.note("afterwards: terraform state rm '" + address + "', so Terraform lets go of it");
    return outcome.written(draft);
  }
}
