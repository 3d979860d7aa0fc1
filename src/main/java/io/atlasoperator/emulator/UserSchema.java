package io.atlasoperator.emulator;

import static io.atlasoperator.emulator.ErrorCode.INVALID_ATTRIBUTE;
import static io.atlasoperator.emulator.ErrorCode.INVALID_ENUM_VALUE;
import static io.atlasoperator.emulator.ErrorCode.INVALID_JSON_ATTRIBUTE;
import static io.atlasoperator.emulator.ErrorCode.MALFORMED_JSON;
import static io.atlasoperator.emulator.ErrorCode.MISSING_ATTRIBUTE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The field-level contract of a database user in Atlas's v1.0 OpenAPI specification ({@code
 * openapi/v1-deprecated/v1.json} in the public mongodb/openapi repository; the rows are kept in
 * {@code src/test/resources/atlas/openapi-v1-database-users.tsv}): which fields exist, their types,
 * enums, lengths and patterns. Each constant names its JSON pointer. Semantic rules (which auth
 * type lives on which database, roles, expiry) are in {@link UserRules}.
 *
 * <p>Nulls: MongoDB's v1.0 Go client sends {@code "scopes": null} for an unset list; a null field
 * is read as an absent one. A rule the specification states without a documented error code is
 * answered 400 INVALID_ATTRIBUTE naming the attribute (the emulator's choice, listed in its
 * README).
 */
final class UserSchema {

  private UserSchema() {}

  /** /components/schemas/CloudDatabaseUser/properties/username maxLength. */
  static final int USERNAME_MAX_LENGTH = 1024;

  /** /components/schemas/CloudDatabaseUser/properties/description maxLength. */
  static final int DESCRIPTION_MAX_LENGTH = 100;

  /** /components/schemas/CloudDatabaseUser/properties/password minLength. */
  static final int PASSWORD_MIN_LENGTH = 8;

  /** /components/schemas/ComponentLabel/properties/{key,value} minLength and maxLength. */
  static final int LABEL_MIN_LENGTH = 1;

  static final int LABEL_MAX_LENGTH = 255;

  /** /components/schemas/UserScope/properties/name pattern. */
  static final Pattern SCOPE_NAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9-]*$");

  /** /components/schemas/UserScope/properties/type enum. */
  static final Set<String> SCOPE_TYPES = Set.of("CLUSTER", "DATA_LAKE", "STREAM");

  /** /components/schemas/CloudDatabaseUser/properties/databaseName enum. */
  static final Set<String> DATABASE_NAMES = Set.of("admin", "$external");

  /**
   * /components/schemas/CloudDatabaseUser/properties/{ldapAuthType,x509Type,awsIAMType,
   * oidcAuthType} enums; each defaults to NONE.
   */
  static final Map<String, Set<String>> AUTH_FIELDS =
      Map.of(
          "ldapAuthType", Set.of("NONE", "USER", "GROUP"),
          "x509Type", Set.of("NONE", "MANAGED", "CUSTOMER"),
          "awsIAMType", Set.of("NONE", "USER", "ROLE"),
          "oidcAuthType", Set.of("NONE", "IDP_GROUP", "USER"));

  static final List<String> AUTH_FIELD_ORDER =
      List.of("ldapAuthType", "x509Type", "awsIAMType", "oidcAuthType");

  /** The properties of CloudDatabaseUser; links is readOnly and ignored in a request. */
  static final Set<String> USER_FIELDS =
      Set.of(
          "awsIAMType",
          "databaseName",
          "deleteAfterDate",
          "description",
          "groupId",
          "labels",
          "ldapAuthType",
          "links",
          "oidcAuthType",
          "password",
          "roles",
          "scopes",
          "username",
          "x509Type");

  private static final Set<String> ROLE_FIELDS =
      Set.of("roleName", "databaseName", "collectionName");
  private static final Set<String> SCOPE_FIELDS = Set.of("name", "type");
  private static final Set<String> LABEL_FIELDS = Set.of("key", "value");

  /**
   * Checks a request body against the schema and returns it without nulls and without the readOnly
   * links: the fields the request really sets.
   */
  static ObjectNode request(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new AtlasError(MALFORMED_JSON);
    }
    ObjectNode request = withoutNulls((ObjectNode) body, USER_FIELDS, "");
    request.remove("links");
    for (String field : List.of("username", "databaseName", "groupId", "password", "description")) {
      text(request, field, field);
    }
    for (String field : AUTH_FIELD_ORDER) {
      enumValue(request, field, AUTH_FIELDS.get(field));
    }
    enumValue(request, "databaseName", DATABASE_NAMES);
    text(request, "deleteAfterDate", "deleteAfterDate");
    maxLength(request, "username", USERNAME_MAX_LENGTH);
    maxLength(request, "description", DESCRIPTION_MAX_LENGTH);
    if (request.has("password") && length(request.get("password")) < PASSWORD_MIN_LENGTH) {
      throw new AtlasError(INVALID_ATTRIBUTE, "password");
    }
    items(request, "roles", ROLE_FIELDS, UserSchema::role);
    items(request, "scopes", SCOPE_FIELDS, UserSchema::scope);
    items(request, "labels", LABEL_FIELDS, UserSchema::label);
    return request;
  }

  /** The value of a required text field: MISSING_ATTRIBUTE when absent or blank. */
  static String required(ObjectNode node, String field, String attribute) {
    JsonNode value = node.get(field);
    if (value == null || (value.isTextual() && value.asText().isBlank())) {
      throw new AtlasError(MISSING_ATTRIBUTE, attribute);
    }
    if (!value.isTextual()) {
      throw new AtlasError(INVALID_JSON_ATTRIBUTE, attribute);
    }
    return value.asText();
  }

  private static void role(ObjectNode role) {
    required(role, "roleName", "roles.roleName");
    required(role, "databaseName", "roles.databaseName");
    text(role, "collectionName", "roles.collectionName");
  }

  private static void scope(ObjectNode scope) {
    String name = required(scope, "name", "scopes.name");
    if (!SCOPE_NAME.matcher(name).matches()) {
      throw new AtlasError(INVALID_ATTRIBUTE, "scopes.name");
    }
    enumValue(scope, "type", SCOPE_TYPES);
    required(scope, "type", "scopes.type");
  }

  private static void label(ObjectNode label) {
    for (String field : LABEL_FIELDS) {
      String attribute = "labels." + field;
      text(label, field, attribute);
      int length = label.has(field) ? length(label.get(field)) : 0;
      if (length < LABEL_MIN_LENGTH || length > LABEL_MAX_LENGTH) {
        throw new AtlasError(INVALID_ATTRIBUTE, attribute);
      }
    }
  }

  private interface ItemCheck {
    void check(ObjectNode item);
  }

  private static void items(ObjectNode request, String field, Set<String> fields, ItemCheck check) {
    if (!request.has(field)) {
      return;
    }
    JsonNode list = request.get(field);
    if (!list.isArray()) {
      throw new AtlasError(INVALID_JSON_ATTRIBUTE, field);
    }
    List<JsonNode> cleaned = new ArrayList<>();
    for (JsonNode item : list) {
      if (!item.isObject()) {
        throw new AtlasError(INVALID_JSON_ATTRIBUTE, field);
      }
      ObjectNode fieldsOnly = withoutNulls((ObjectNode) item, fields, field + ".");
      check.check(fieldsOnly);
      cleaned.add(fieldsOnly);
    }
    request.putArray(field).addAll(cleaned);
  }

  /** A copy without null fields; INVALID_ATTRIBUTE for a field the schema does not have. */
  private static ObjectNode withoutNulls(ObjectNode node, Set<String> allowed, String prefix) {
    ObjectNode copy = node.deepCopy();
    for (Iterator<Map.Entry<String, JsonNode>> it = copy.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!allowed.contains(field.getKey())) {
        throw new AtlasError(INVALID_ATTRIBUTE, prefix + field.getKey());
      }
      if (field.getValue().isNull()) {
        it.remove();
      }
    }
    return copy;
  }

  private static void text(ObjectNode node, String field, String attribute) {
    if (node.has(field) && !node.get(field).isTextual()) {
      throw new AtlasError(INVALID_JSON_ATTRIBUTE, attribute);
    }
  }

  private static void enumValue(ObjectNode node, String field, Set<String> values) {
    text(node, field, field);
    if (node.has(field) && !values.contains(node.get(field).asText())) {
      throw new AtlasError(INVALID_ENUM_VALUE, node.get(field).asText());
    }
  }

  /** A string's length as JSON Schema counts it: in characters (code points), not UTF-16 units. */
  private static int length(JsonNode text) {
    String value = text.asText();
    return value.codePointCount(0, value.length());
  }

  private static void maxLength(ObjectNode node, String field, int max) {
    if (node.has(field) && length(node.get(field)) > max) {
      throw new AtlasError(INVALID_ATTRIBUTE, field);
    }
  }
}
