package io.atlasoperator.emulator;

import static io.atlasoperator.emulator.ErrorCode.ATLAS_INVALID_CUSTOM_ROLE_ASSIGNMENT;
import static io.atlasoperator.emulator.ErrorCode.ATLAS_INVALID_ROLE;
import static io.atlasoperator.emulator.ErrorCode.ATLAS_INVALID_ROLE_DATABASE;
import static io.atlasoperator.emulator.ErrorCode.ATLAS_X509_USER_CANNOT_BE_TEMPORARY;
import static io.atlasoperator.emulator.ErrorCode.AUTH_TYPE_CANNOT_BE_CHANGED;
import static io.atlasoperator.emulator.ErrorCode.DATABASE_NAME_CANNOT_BE_CHANGED;
import static io.atlasoperator.emulator.ErrorCode.DATABASE_NAME_INVALID_ADMIN;
import static io.atlasoperator.emulator.ErrorCode.DATABASE_NAME_INVALID_EXTERNAL;
import static io.atlasoperator.emulator.ErrorCode.DATABASE_USERNAME_CANNOT_BE_CHANGED;
import static io.atlasoperator.emulator.ErrorCode.DUPLICATE_DATABASE_ROLES;
import static io.atlasoperator.emulator.ErrorCode.EXPIRATION_DATE_EXCEEDS_MAX;
import static io.atlasoperator.emulator.ErrorCode.EXPIRATION_DATE_IN_PAST;
import static io.atlasoperator.emulator.ErrorCode.GROUP_MISMATCH;
import static io.atlasoperator.emulator.ErrorCode.INVALID_ATTRIBUTE;
import static io.atlasoperator.emulator.ErrorCode.INVALID_DATE_FORMAT;
import static io.atlasoperator.emulator.ErrorCode.MISSING_ATTRIBUTE;
import static io.atlasoperator.emulator.ErrorCode.PERMANENT_ENTITY_CANNOT_BE_MADE_TEMPORARY;

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
import java.util.List;
import java.util.Set;

/**
 * What Atlas accepts as a database user, and the stored form it answers with. Each rule throws the
 * error code Atlas documents for it (see {@link ErrorCode}); the behaviour comes from the
 * databaseUsers API reference ("Database Users", v1.0) unless a comment says otherwise.
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

  private static final DateTimeFormatter ATLAS_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private UserRules() {}

  /** Validates a POST body and returns the user as Atlas stores it (no password, no links). */
  static ObjectNode create(
      JsonNode body,
      String projectId,
      Set<String> customRoles,
      Set<String> commonPasswords,
      Instant now) {
    ObjectNode request = UserSchema.request(body);
    checkGroup(request, projectId);
    // Required on create: /components/schemas/CloudDatabaseUser required (groupId: see README).
    String username = UserSchema.required(request, "username", "username");
    String databaseName = UserSchema.required(request, "databaseName", "databaseName");
    ObjectNode user = JsonNodeFactory.instance.objectNode();
    user.put("databaseName", databaseName);
    user.put("username", username);
    copyUserFields(request, user, now);
    checkUser(user, customRoles);
    String auth = authField(user);
    if (needsPassword(user) && !request.has("password")) {
      throw new AtlasError(MISSING_ATTRIBUTE, "password");
    }
    if (!needsPassword(user) && request.has("password")) {
      throw new AtlasError(INVALID_ATTRIBUTE, "password");
    }
    if (user.has("deleteAfterDate") && "x509Type".equals(auth)) {
      throw new AtlasError(ATLAS_X509_USER_CANNOT_BE_TEMPORARY);
    }
    CommonPasswords.check(request, commonPasswords);
    return user;
  }

  /** Applies a PATCH body: only the fields sent change. Returns the new stored user. */
  static ObjectNode patch(
      ObjectNode stored,
      JsonNode body,
      String projectId,
      Set<String> customRoles,
      Set<String> commonPasswords,
      Instant now) {
    ObjectNode request = UserSchema.request(body);
    checkGroup(request, projectId);
    if (request.has("username")
        && !request.get("username").asText().equals(stored.get("username").asText())) {
      throw new AtlasError(DATABASE_USERNAME_CANNOT_BE_CHANGED);
    }
    if (request.has("databaseName")
        && !request.get("databaseName").asText().equals(stored.get("databaseName").asText())) {
      throw new AtlasError(DATABASE_NAME_CANNOT_BE_CHANGED);
    }
    if (request.has("deleteAfterDate") && !stored.has("deleteAfterDate")) {
      throw new AtlasError(PERMANENT_ENTITY_CANNOT_BE_MADE_TEMPORARY);
    }
    ObjectNode user = stored.deepCopy();
    copyUserFields(request, user, now);
    if (!authKind(user).equals(authKind(stored))) {
      throw new AtlasError(AUTH_TYPE_CANNOT_BE_CHANGED);
    }
    checkUser(user, customRoles);
    if (!needsPassword(user) && request.has("password")) {
      throw new AtlasError(INVALID_ATTRIBUTE, "password");
    }
    CommonPasswords.check(request, commonPasswords);
    return user;
  }

  /** When a temporary user expires, or null for a permanent one. */
  static Instant expiry(ObjectNode user) {
    return user.has("deleteAfterDate")
        ? OffsetDateTime.parse(user.get("deleteAfterDate").asText()).toInstant()
        : null;
  }

  /** Copies the fields a (schema-checked) request sets; an empty description clears it. */
  private static void copyUserFields(ObjectNode request, ObjectNode user, Instant now) {
    for (String field : UserSchema.AUTH_FIELD_ORDER) {
      if (request.has(field)) {
        user.put(field, request.get(field).asText());
      }
    }
    for (String field : List.of("roles", "scopes", "labels")) {
      if (request.has(field)) {
        user.set(field, request.get(field));
      }
    }
    if (request.has("description")) {
      // Atlas clears a description sent as "" (MongoDB's operator and Terraform provider clear it
      // that way); the answer then has no description, as for a user created without one.
      String description = request.get("description").asText();
      if (description.isEmpty()) {
        user.remove("description");
      } else {
        user.put("description", description);
      }
    }
    if (request.has("deleteAfterDate")) {
      user.put("deleteAfterDate", expiryDate(request.get("deleteAfterDate").asText(), now));
    }
  }

  private static void checkUser(ObjectNode user, Set<String> customRoles) {
    List<String> authFields =
        UserSchema.AUTH_FIELD_ORDER.stream()
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
      throw new AtlasError(DATABASE_NAME_INVALID_ADMIN, adminKind(user));
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

  private static void checkGroup(ObjectNode request, String projectId) {
    if (request.hasNonNull("groupId") && !request.get("groupId").asText().equals(projectId)) {
      throw new AtlasError(GROUP_MISMATCH, request.get("groupId").asText());
    }
  }

  /** The auth field in use (ldapAuthType, ...), or null for SCRAM. */
  static String authField(ObjectNode user) {
    return UserSchema.AUTH_FIELD_ORDER.stream()
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

  /**
   * LDAP users, X.509, AWS IAM and OIDC workload users authenticate against $external; SCRAM users
   * and groups (LDAP GROUP, OIDC IDP_GROUP) live in admin. Source: the databaseName description of
   * /components/schemas/CloudDatabaseUser, and the specification's own "LDAP Authentication" create
   * example, which puts an ldapAuthType GROUP user on admin (as Atlas's LDAP page says: "you can
   * create LDAP groups on the admin database").
   */
  static boolean isExternal(ObjectNode user) {
    String field = authField(user);
    return field != null && !isGroup(user, field);
  }

  private static boolean isGroup(ObjectNode user, String field) {
    String value = user.get(field).asText();
    return ("oidcAuthType".equals(field) && "IDP_GROUP".equals(value))
        || ("ldapAuthType".equals(field) && "GROUP".equals(value));
  }

  /** Who the DATABASE_NAME_INVALID_ADMIN message names: "%s can only be created on ...". */
  private static String adminKind(ObjectNode user) {
    String field = authField(user);
    if (field == null) {
      return "SCRAM users";
    }
    return "ldapAuthType".equals(field) ? "LDAP groups" : "OIDC IdP groups";
  }
}
