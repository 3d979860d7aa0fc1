package io.atlasoperator.emulator;

import static io.atlasoperator.atlas.AtlasErrorCode.ATLAS_INVALID_CUSTOM_ROLE_ASSIGNMENT;
import static io.atlasoperator.atlas.AtlasErrorCode.ATLAS_INVALID_ROLE;
import static io.atlasoperator.atlas.AtlasErrorCode.ATLAS_INVALID_ROLE_DATABASE;
import static io.atlasoperator.atlas.AtlasErrorCode.ATLAS_X509_USER_CANNOT_BE_TEMPORARY;
import static io.atlasoperator.atlas.AtlasErrorCode.AUTH_TYPE_CANNOT_BE_CHANGED;
import static io.atlasoperator.atlas.AtlasErrorCode.DATABASE_NAME_CANNOT_BE_CHANGED;
import static io.atlasoperator.atlas.AtlasErrorCode.DATABASE_NAME_INVALID_ADMIN;
import static io.atlasoperator.atlas.AtlasErrorCode.DATABASE_NAME_INVALID_EXTERNAL;
import static io.atlasoperator.atlas.AtlasErrorCode.DATABASE_USERNAME_CANNOT_BE_CHANGED;
import static io.atlasoperator.atlas.AtlasErrorCode.DUPLICATE_DATABASE_ROLES;
import static io.atlasoperator.atlas.AtlasErrorCode.EXPIRATION_DATE_EXCEEDS_MAX;
import static io.atlasoperator.atlas.AtlasErrorCode.EXPIRATION_DATE_IN_PAST;
import static io.atlasoperator.atlas.AtlasErrorCode.GROUP_MISMATCH;
import static io.atlasoperator.atlas.AtlasErrorCode.INVALID_ATTRIBUTE;
import static io.atlasoperator.atlas.AtlasErrorCode.INVALID_DATE_FORMAT;
import static io.atlasoperator.atlas.AtlasErrorCode.INVALID_ENUM_VALUE;
import static io.atlasoperator.atlas.AtlasErrorCode.INVALID_JSON_ATTRIBUTE;
import static io.atlasoperator.atlas.AtlasErrorCode.MISSING_ATTRIBUTE;
import static io.atlasoperator.atlas.AtlasErrorCode.PERMANENT_ENTITY_CANNOT_BE_MADE_TEMPORARY;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Atlas accepts as a database user, and the stored form it answers with. Each rule throws the
 * error code Atlas documents for it (see {@link io.atlasoperator.atlas.AtlasErrorCode}); the
 * behaviour comes from the databaseUsers API reference ("Database Users", v1.0) unless a comment
 * says otherwise.
 */
final class UserRules {

  static final String ADMIN = "admin";
  static final String EXTERNAL = "$external";

  /** Temporary users expire "within a user-configurable 7-day period" (API reference). */
  static final Duration MAX_EXPIRY = Duration.ofDays(7);

  /** Built-in roles Atlas grants to database users (API reference: roles.roleName). */
  static final Set<String> BUILT_IN_ROLES =
      Set.of(
          "atlasAdmin",
          "backup",
          "clusterMonitor",
          "dbAdmin",
          "dbAdminAnyDatabase",
          "enableSharding",
          "read",
          "readAnyDatabase",
          "readWrite",
          "readWriteAnyDatabase");

  /**
   * Built-in roles that exist only on the admin database. Not backup: the API reference's own
   * example user (ellen) holds backup on the marketing database.
   */
  static final Set<String> ADMIN_ONLY_ROLES =
      Set.of(
          "atlasAdmin",
          "clusterMonitor",
          "dbAdminAnyDatabase",
          "enableSharding",
          "readAnyDatabase",
          "readWriteAnyDatabase");

  private static final Map<String, Set<String>> AUTH_FIELDS =
      Map.of(
          "ldapAuthType", Set.of("NONE", "USER", "GROUP"),
          "x509Type", Set.of("NONE", "MANAGED", "CUSTOMER"),
          "awsIAMType", Set.of("NONE", "USER", "ROLE"),
          "oidcAuthType", Set.of("NONE", "IDP_GROUP", "USER"));

  private static final List<String> AUTH_FIELD_ORDER =
      List.of("ldapAuthType", "x509Type", "awsIAMType", "oidcAuthType");

  private static final Set<String> USER_FIELDS =
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

  private static final DateTimeFormatter ATLAS_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private UserRules() {}

  /** Validates a POST body and returns the user as Atlas stores it (no password, no links). */
  static ObjectNode create(JsonNode body, String projectId, Set<String> customRoles, Instant now) {
    ObjectNode request = requireObject(body);
    checkKnownFields(request);
    checkGroup(request, projectId);
    String username = requireText(request, "username");
    String databaseName = requireText(request, "databaseName");
    ObjectNode user = JsonNodeFactory.instance.objectNode();
    user.put("databaseName", databaseName);
    user.put("username", username);
    copyUserFields(request, user, now);
    checkUser(user, projectId, customRoles);
    String auth = authField(user);
    boolean password =
        request.hasNonNull("password") && !request.get("password").asText().isEmpty();
    if (needsPassword(user) && !password) {
      throw new AtlasError(MISSING_ATTRIBUTE, "password");
    }
    if (!needsPassword(user) && request.has("password")) {
      throw new AtlasError(INVALID_ATTRIBUTE, "password");
    }
    if (user.has("deleteAfterDate") && "x509Type".equals(auth)) {
      throw new AtlasError(ATLAS_X509_USER_CANNOT_BE_TEMPORARY);
    }
    return user;
  }

  /** Applies a PATCH body: only the fields sent change. Returns the new stored user. */
  static ObjectNode patch(
      ObjectNode stored, JsonNode body, String projectId, Set<String> customRoles, Instant now) {
    ObjectNode request = requireObject(body);
    checkKnownFields(request);
    checkGroup(request, projectId);
    if (request.has("username")
        && !request.get("username").asText().equals(stored.get("username").asText())) {
      throw new AtlasError(DATABASE_USERNAME_CANNOT_BE_CHANGED);
    }
    if (request.has("databaseName")
        && !request.get("databaseName").asText().equals(stored.get("databaseName").asText())) {
      throw new AtlasError(DATABASE_NAME_CANNOT_BE_CHANGED);
    }
    if (request.hasNonNull("deleteAfterDate") && !stored.has("deleteAfterDate")) {
      throw new AtlasError(PERMANENT_ENTITY_CANNOT_BE_MADE_TEMPORARY);
    }
    ObjectNode user = stored.deepCopy();
    copyUserFields(request, user, now);
    if (!authKind(user).equals(authKind(stored))) {
      throw new AtlasError(AUTH_TYPE_CANNOT_BE_CHANGED);
    }
    checkUser(user, projectId, customRoles);
    if (!needsPassword(user) && request.has("password")) {
      throw new AtlasError(INVALID_ATTRIBUTE, "password");
    }
    return user;
  }

  /** When a temporary user expires, or null for a permanent one. */
  static Instant expiry(ObjectNode user) {
    return user.has("deleteAfterDate")
        ? OffsetDateTime.parse(user.get("deleteAfterDate").asText()).toInstant()
        : null;
  }

  private static void copyUserFields(ObjectNode request, ObjectNode user, Instant now) {
    for (String field : AUTH_FIELD_ORDER) {
      if (request.hasNonNull(field)) {
        String value = requireText(request, field);
        if (!AUTH_FIELDS.get(field).contains(value)) {
          throw new AtlasError(INVALID_ENUM_VALUE, value);
        }
        user.put(field, value);
      }
    }
    if (request.has("roles")) {
      user.set("roles", roles(request.get("roles")));
    }
    if (request.has("scopes")) {
      user.set("scopes", scopes(request.get("scopes")));
    }
    if (request.has("labels")) {
      user.set("labels", labels(request.get("labels")));
    }
    if (request.hasNonNull("description")) {
      user.put("description", requireText(request, "description"));
    }
    if (request.hasNonNull("deleteAfterDate")) {
      user.put("deleteAfterDate", expiryDate(requireText(request, "deleteAfterDate"), now));
    }
  }

  private static void checkUser(ObjectNode user, String projectId, Set<String> customRoles) {
    List<String> authFields =
        AUTH_FIELD_ORDER.stream()
            .filter(f -> user.has(f) && !"NONE".equals(user.get(f).asText()))
            .toList();
    if (authFields.size() > 1) {
      throw new AtlasError(INVALID_ATTRIBUTE, authFields.get(1));
    }
    String databaseName = user.get("databaseName").asText();
    if (isExternal(user) && !EXTERNAL.equals(databaseName)) {
      throw new AtlasError(DATABASE_NAME_INVALID_EXTERNAL);
    }
    if (!isExternal(user) && !ADMIN.equals(databaseName)) {
      throw new AtlasError(
          DATABASE_NAME_INVALID_ADMIN, needsPassword(user) ? "SCRAM users" : "OIDC IdP groups");
    }
    if (!user.has("roles")) {
      throw new AtlasError(MISSING_ATTRIBUTE, "roles");
    }
    checkRoles(user, customRoles);
  }

  private static void checkRoles(ObjectNode user, Set<String> customRoles) {
    Set<String> seen = new HashSet<>();
    ArrayNode roles = (ArrayNode) user.get("roles");
    for (JsonNode role : roles) {
      String name = role.get("roleName").asText();
      String database = role.get("databaseName").asText();
      String id =
          name
              + "@"
              + database
              + (role.has("collectionName") ? "." + role.get("collectionName").asText() : "");
      if (!seen.add(id)) {
        throw new AtlasError(DUPLICATE_DATABASE_ROLES, user.get("username").asText(), id);
      }
      if (BUILT_IN_ROLES.contains(name)) {
        if (ADMIN_ONLY_ROLES.contains(name) && !ADMIN.equals(database)) {
          throw new AtlasError(ATLAS_INVALID_ROLE_DATABASE, name, ADMIN);
        }
      } else if (!customRoles.contains(name)) {
        throw new AtlasError(ATLAS_INVALID_ROLE, name, database);
      } else if (roles.size() > 1) {
        throw new AtlasError(ATLAS_INVALID_CUSTOM_ROLE_ASSIGNMENT);
      }
    }
  }

  private static ArrayNode roles(JsonNode value) {
    ArrayNode result = JsonNodeFactory.instance.arrayNode();
    for (JsonNode role : requireArray(value, "roles")) {
      ObjectNode in = requireObjectAttribute(role, "roles");
      checkFields(in, Set.of("roleName", "databaseName", "collectionName"), "roles.");
      ObjectNode out = result.addObject();
      out.put("databaseName", requireText(in, "databaseName", "roles.databaseName"));
      if (in.hasNonNull("collectionName")) {
        out.put("collectionName", requireText(in, "collectionName", "roles.collectionName"));
      }
      out.put("roleName", requireText(in, "roleName", "roles.roleName"));
    }
    return result;
  }

  private static ArrayNode scopes(JsonNode value) {
    ArrayNode result = JsonNodeFactory.instance.arrayNode();
    for (JsonNode scope : requireArray(value, "scopes")) {
      ObjectNode in = requireObjectAttribute(scope, "scopes");
      checkFields(in, Set.of("name", "type"), "scopes.");
      String type = requireText(in, "type", "scopes.type");
      if (!Set.of("CLUSTER", "DATA_LAKE").contains(type)) {
        throw new AtlasError(INVALID_ENUM_VALUE, type);
      }
      ObjectNode out = result.addObject();
      out.put("name", requireText(in, "name", "scopes.name"));
      out.put("type", type);
    }
    return result;
  }

  private static ArrayNode labels(JsonNode value) {
    ArrayNode result = JsonNodeFactory.instance.arrayNode();
    for (JsonNode label : requireArray(value, "labels")) {
      ObjectNode in = requireObjectAttribute(label, "labels");
      checkFields(in, Set.of("key", "value"), "labels.");
      ObjectNode out = result.addObject();
      out.put("key", requireText(in, "key", "labels.key"));
      out.put("value", requireText(in, "value", "labels.value"));
    }
    return result;
  }

  /**
   * A deleteAfterDate must be in the future and at most a week ahead (API reference); Atlas answers
   * with it in UTC, to the second.
   */
  private static String expiryDate(String value, Instant now) {
    Instant date;
    try {
      date = OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new AtlasError(INVALID_DATE_FORMAT, value);
    }
    if (!date.isAfter(now)) {
      throw new AtlasError(EXPIRATION_DATE_IN_PAST);
    }
    if (date.isAfter(now.plus(MAX_EXPIRY))) {
      throw new AtlasError(EXPIRATION_DATE_EXCEEDS_MAX, MAX_EXPIRY.toDays());
    }
    return ATLAS_DATE.format(date);
  }

  private static void checkKnownFields(ObjectNode request) {
    checkFields(request, USER_FIELDS, "");
  }

  private static void checkFields(ObjectNode node, Set<String> allowed, String prefix) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new AtlasError(INVALID_ATTRIBUTE, prefix + name);
      }
    }
  }

  private static void checkGroup(ObjectNode request, String projectId) {
    if (request.hasNonNull("groupId") && !request.get("groupId").asText().equals(projectId)) {
      throw new AtlasError(GROUP_MISMATCH, request.get("groupId").asText());
    }
  }

  /** The auth field in use (ldapAuthType, ...), or null for SCRAM. */
  static String authField(ObjectNode user) {
    return AUTH_FIELD_ORDER.stream()
        .filter(f -> user.has(f) && !"NONE".equals(user.get(f).asText()))
        .findFirst()
        .orElse(null);
  }

  private static String authKind(ObjectNode user) {
    String field = authField(user);
    return field == null ? "SCRAM" : field + "=" + user.get(field).asText();
  }

  /** SCRAM users (no external or OIDC workforce auth) have passwords. */
  static boolean needsPassword(ObjectNode user) {
    return authField(user) == null;
  }

  /** LDAP, X.509, AWS IAM and OIDC workload users authenticate against $external. */
  static boolean isExternal(ObjectNode user) {
    String field = authField(user);
    return field != null
        && !("oidcAuthType".equals(field) && "IDP_GROUP".equals(user.get(field).asText()));
  }

  private static ObjectNode requireObject(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new AtlasError(io.atlasoperator.atlas.AtlasErrorCode.MALFORMED_JSON);
    }
    return (ObjectNode) body;
  }

  private static ObjectNode requireObjectAttribute(JsonNode node, String attribute) {
    if (!node.isObject()) {
      throw new AtlasError(INVALID_JSON_ATTRIBUTE, attribute);
    }
    return (ObjectNode) node;
  }

  private static ArrayNode requireArray(JsonNode node, String attribute) {
    if (!node.isArray()) {
      throw new AtlasError(INVALID_JSON_ATTRIBUTE, attribute);
    }
    return (ArrayNode) node;
  }

  private static String requireText(ObjectNode node, String field) {
    return requireText(node, field, field);
  }

  private static String requireText(ObjectNode node, String field, String attribute) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
      throw new AtlasError(MISSING_ATTRIBUTE, attribute);
    }
    if (!value.isTextual()) {
      throw new AtlasError(INVALID_JSON_ATTRIBUTE, attribute);
    }
    return value.asText();
  }
}
