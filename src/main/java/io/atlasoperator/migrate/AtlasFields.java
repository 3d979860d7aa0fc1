package io.atlasoperator.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import io.atlasoperator.crd.AwsIamType;
import io.atlasoperator.crd.LdapAuthType;
import io.atlasoperator.crd.OidcAuthType;
import io.atlasoperator.crd.ScopeType;
import io.atlasoperator.crd.X509Type;
import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * The fields every input shares with Atlas's database user, under the input's own names: AKO's
 * camelCase (awsIamType in v1, awsIAMType in the generated kind) or Terraform's snake_case.
 */
final class AtlasFields {

  /** The names an input gives the fields. */
  record Names(
      String username,
      String databaseName,
      String roles,
      String roleName,
      String roleDatabase,
      String roleCollection,
      String scopes,
      String labels,
      String deleteAfterDate,
      String ldapAuthType,
      String x509Type,
      String awsIamType,
      String oidcAuthType,
      String description) {}

  static final Names AKO_V1 =
      new Names(
          "username",
          "databaseName",
          "roles",
          "roleName",
          "databaseName",
          "collectionName",
          "scopes",
          "labels",
          "deleteAfterDate",
          "ldapAuthType",
          "x509Type",
          "awsIamType",
          "oidcAuthType",
          "description");

  static final Names AKO_GENERATED =
      new Names(
          "username",
          "databaseName",
          "roles",
          "roleName",
          "databaseName",
          "collectionName",
          "scopes",
          "labels",
          "deleteAfterDate",
          "ldapAuthType",
          "x509Type",
          "awsIAMType",
          "oidcAuthType",
          "description");

  static final Names TERRAFORM =
      new Names(
          "username",
          "auth_database_name",
          "roles",
          "role_name",
          "database_name",
          "collection_name",
          "scopes",
          "labels",
          "delete_after_date",
          "ldap_auth_type",
          "x509_type",
          "aws_iam_type",
          "oidc_auth_type",
          "description");

  private static final Pattern SCOPE_NAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9-]*$");
  private static final Pattern DATE =
      Pattern.compile(
          "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$");

  private AtlasFields() {}

  /**
   * Copies the shared fields of {@code body} into the draft. Returns null when they can be carried
   * over, else why not (a value our resource cannot hold would be refused by the API server or
   * would change the Atlas user).
   */
  static String copy(JsonNode body, Names names, UserDraft draft) {
    draft.username = text(body, names.username());
    if (draft.username == null) {
      return "it names no " + names.username();
    }
    String database = text(body, names.databaseName());
    if (database != null) {
      if (!database.equals("admin") && !database.equals("$external")) {
        return names.databaseName() + " " + database + " is neither admin nor $external";
      }
      draft.databaseName = database;
    }
    String problem = copyRoles(body, names, draft);
    if (problem == null) {
      problem = copyScopes(body, names, draft);
    }
    if (problem == null) {
      problem = copyLabels(body, names, draft);
    }
    if (problem == null) {
      problem = copyAuthTypes(body, names, draft);
    }
    if (problem != null) {
      return problem;
    }
    draft.deleteAfterDate = text(body, names.deleteAfterDate());
    if (draft.deleteAfterDate != null && !DATE.matcher(draft.deleteAfterDate).matches()) {
      return names.deleteAfterDate() + " " + draft.deleteAfterDate + " is not an RFC 3339 date";
    }
    draft.description = text(body, names.description());
    if (draft.description != null && draft.description.length() > 100) {
      return names.description() + " is longer than the 100 characters Atlas allows";
    }
    return null;
  }

  private static String copyRoles(JsonNode body, Names names, UserDraft draft) {
    for (JsonNode role : body.path(names.roles())) {
      String roleName = text(role, names.roleName());
      String database = text(role, names.roleDatabase());
      if (roleName == null || database == null) {
        return "a role lacks " + names.roleName() + " or " + names.roleDatabase();
      }
      draft.roles.add(new UserDraft.Role(roleName, database, text(role, names.roleCollection())));
    }
    return draft.roles.isEmpty() ? "it has no roles (our resource needs at least one)" : null;
  }

  private static String copyScopes(JsonNode body, Names names, UserDraft draft) {
    for (JsonNode scope : body.path(names.scopes())) {
      String name = text(scope, "name");
      String type = text(scope, "type");
      if (name == null || !SCOPE_NAME.matcher(name).matches()) {
        return "scope name " + name + " is not a cluster or data lake name Atlas accepts";
      }
      if (!isOneOf(type, ScopeType.values())) {
        return "scope " + name + " has type " + type + ", not one of CLUSTER, DATA_LAKE, STREAM";
      }
      draft.scopes.add(new UserDraft.Scope(name, type));
    }
    return null;
  }

  private static String copyLabels(JsonNode body, Names names, UserDraft draft) {
    for (JsonNode label : body.path(names.labels())) {
      String key = text(label, "key");
      String value = text(label, "value");
      if (key == null || value == null) {
        return "a label lacks its key or its value";
      }
      if (draft.labels.stream().anyMatch(l -> l.key().equals(key))) {
        return "label key " + key + " appears twice";
      }
      draft.labels.add(new UserDraft.Label(key, value));
    }
    return null;
  }

  private static String copyAuthTypes(JsonNode body, Names names, UserDraft draft) {
    String[] problem = new String[1];
    BiConsumer<String, Enum<?>[]> check =
        (field, values) -> {
          String value = text(body, field);
          if (value != null && !isOneOf(value, values) && problem[0] == null) {
            problem[0] = field + " " + value + " is not one of " + Arrays.toString(values);
          }
        };
    check.accept(names.ldapAuthType(), LdapAuthType.values());
    check.accept(names.x509Type(), X509Type.values());
    check.accept(names.awsIamType(), AwsIamType.values());
    check.accept(names.oidcAuthType(), OidcAuthType.values());
    if (problem[0] != null) {
      return problem[0];
    }
    draft.ldapAuthType = unlessNone(text(body, names.ldapAuthType()));
    draft.x509Type = unlessNone(text(body, names.x509Type()));
    draft.awsIamType = unlessNone(text(body, names.awsIamType()));
    draft.oidcAuthType = unlessNone(text(body, names.oidcAuthType()));
    return null;
  }

  private static String unlessNone(String value) {
    return value == null || value.equals("NONE") ? null : value;
  }

  private static boolean isOneOf(String value, Enum<?>[] values) {
    return value != null && Arrays.stream(values).anyMatch(v -> v.name().equals(value));
  }

  /** The field's text, or null when absent, null or empty. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.isNull() && !value.asText().isEmpty()
        ? value.asText()
        : null;
  }
}
