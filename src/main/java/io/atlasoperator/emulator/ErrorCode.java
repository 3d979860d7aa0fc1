package io.atlasoperator.emulator;

import java.util.Arrays;
import java.util.Optional;

/**
 * The error codes the emulator answers with, each with its HTTP status and message template exactly
 * as Atlas documents them in "Atlas Administration API Error Codes". The emulator's own copy, kept
 * apart from the operator's client; AtlasErrorCodeTest checks both against the documented table.
 *
 * <p>A few codes Atlas answers with are not on that page; each of those names its source here, and
 * AtlasErrorCodeTest holds it to {@code error-codes-other-sources.tsv} instead.
 */
enum ErrorCode {
  ALREADY_EXPIRED(400, "Cannot update an entity that has already expired."),
  ATLAS_INVALID_CUSTOM_ROLE_ASSIGNMENT(
      400, "If assigned a custom DB role, a user can only be assigned one role."),
  ATLAS_INVALID_ROLE(400, "The specified role %s@%s does not exist."),
  ATLAS_INVALID_ROLE_DATABASE(400, "The specified role %s only exists for database %s."),
  ATLAS_X509_USER_CANNOT_BE_TEMPORARY(400, "X.509 users cannot be temporary."),
  /**
   * A database-user password found in a common-password list: on the Errors page with 400 and this
   * message. Atlas's answer as recorded in mongodb/mongodb-atlas-cli pull request #689 (POST
   * .../v1.0/groups/{groupId}/databaseUsers with the password "password"): {@code 400 (request
   * "COMMON_PASSWORD") The password provided is too weak, as it can be found in most commonly used
   * password lists.} Atlas does not publish its list; see {@link CommonPasswords}.
   */
  COMMON_PASSWORD(
      400,
      "The password provided is too weak, as it can be found in most commonly used password lists."),
  DATABASE_NAME_INVALID_ADMIN(
      400, "Database name invalid. %s can only be created on the admin database."),
  DATABASE_NAME_INVALID_EXTERNAL(
      400,
      "Database name invalid. Externally authenticated users can only be created on the $external"
          + " database."),
  DUPLICATE_DATABASE_ROLES(400, "Duplicate database roles specified for user %s: %s."),
  EXPIRATION_DATE_EXCEEDS_MAX(
      400, "The specified expiration date can be at most %d days in the future."),
  EXPIRATION_DATE_IN_PAST(400, "The specified expiration date must be in the future."),
  GROUP_MISMATCH(400, "The specified group ID %s does not match the URL."),
  INVALID_ATTRIBUTE(400, "Invalid attribute %s specified."),
  INVALID_DATE_FORMAT(400, "An invalid date value %s was specified."),
  INVALID_JSON_ATTRIBUTE(400, "Received JSON for the %s attribute does not match expected format."),
  INVALID_ENUM_VALUE(400, "An invalid enumeration value %s was specified."),
  INVALID_QUERY_PARAMETER(400, "Invalid query parameter %s specified."),
  MALFORMED_JSON(400, "Received JSON is malformed."),
  MISSING_ATTRIBUTE(400, "The required attribute %s was not specified."),
  PERMANENT_ENTITY_CANNOT_BE_MADE_TEMPORARY(400, "A permanent entity cannot be made temporary."),
  USER_UNAUTHORIZED(401, "Current user is not authorized to perform this action."),
  NOT_IN_GROUP(401, "The current user is not in the group, or the group does not exist."),
  /**
   * A create in a project that already holds its limit of database users: on the Errors page with
   * 403 and this message. The limit is Atlas's published 100 database users per project ("Atlas
   * Service Limits"; the Spec's createDatabaseUser description), which Atlas lets a project raise;
   * the emulator's is {@link ProjectStore#usersPerProject}. No recorded answer of Atlas was found.
   */
  GROUP_USERS_LIMIT_EXCEEDED(403, "Groups can contain at most %d database users."),
  RESOURCE_NOT_FOUND(404, "Cannot find resource %s."),
  USERNAME_NOT_FOUND(404, "No user with username %s exists."),
  GROUP_NOT_FOUND(404, "No group with ID %s exists."),
  GROUP_NAME_NOT_FOUND(404, "No group with name \"%s\" exists."),
  /**
   * A project id in the path that is not the spec's {@code ^([a-f0-9]{24})$}: the Errors page
   * documents this code with 404 (not 400) and this message.
   */
  INVALID_GROUP_ID(404, "An invalid group ID %s was specified."),
  CLUSTER_NOT_FOUND(404, "No cluster named %s exists in group %s."),
  /**
   * Not on the error-code page: Atlas's answer recorded in mongodb/mongodb-atlas-cli e2e snapshots
   * (test/e2e/atlas/datafederation/db/datafederationdb/testdata/.snapshots/TestDataFederation,
   * DELETE .../dataFederation/{name} once deleted); MongoDB's Kubernetes operator knows it
   * (internal/controller/atlas/api_error.go DataFederationTenantNotFound).
   */
  DATA_FEDERATION_TENANT_NOT_FOUND_FOR_NAME(
      404, "Data Federation tenant for project %s and name %s not found."),
  /**
   * Not on the error-code page: Atlas's answers recorded in mongodb/mongodb-atlas-cli e2e snapshots
   * (test/e2e/atlas/backup/flex/backupflex/testdata/.snapshots, GET .../clusters/{name}); MongoDB's
   * Kubernetes operator tolerates it (internal/controller/atlas/api_error.go FlexFromClusterAPI).
   */
  CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API(400, "Flex cluster %s cannot be used in the Cluster API."),
  /**
   * Not on the error-code page: Atlas's answers recorded in mongodb/mongodb-atlas-cli e2e snapshots
   * (GET .../flexClusters/{name} of a dedicated cluster); AKO tolerates it (NonFlexInFlexAPI).
   */
  CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API(400, "Cannot use non-flex cluster %s in the flex API."),
  /**
   * Not on the error-code page nor in the spec: a v2 request without a version Atlas serves. The
   * body as reported by users, e.g. github.com/montumodi/mongodb-atlas-api-client/issues/58.
   */
  INVALID_VERSION_DATE(406, "Invalid accept header or version date."),
  USER_ALREADY_EXISTS(409, "A user with username %s already exists."),
  DATABASE_USERNAME_CANNOT_BE_CHANGED(
      409, "Cannot modify the username of an existing database user."),
  DATABASE_NAME_CANNOT_BE_CHANGED(
      409, "Cannot modify the authentication database of an existing database user."),
  AUTH_TYPE_CANNOT_BE_CHANGED(
      409, "Cannot modify the authentication type of an existing database user."),
  RATE_LIMITED(429, "Resource %s is limited to %s requests every %s minutes."),
  /**
   * Not on the error-code page: the "API Rate Limit" page
   * (https://www.mongodb.com/docs/atlas/api/api-rate-limit) documents the body.
   */
  RATE_LIMITED_TOKEN_BUCKET(
      429,
      "Rate limit exceeded for %s. Please retry after %s seconds. Request capacity: %s. Refill rate:"
          + " %s per %s seconds."),
  UNEXPECTED_ERROR(500, "Unexpected error.");

  private final int httpStatus;
  private final String messageTemplate;

  ErrorCode(int httpStatus, String messageTemplate) {
    this.httpStatus = httpStatus;
    this.messageTemplate = messageTemplate;
  }

  /** The HTTP status Atlas documents for this code. */
  int httpStatus() {
    return httpStatus;
  }

  /** Atlas's message (the error body's detail) with its placeholders filled. */
  String detail(Object... parameters) {
    return String.format(messageTemplate, parameters);
  }

  String messageTemplate() {
    return messageTemplate;
  }

  /** The code named by an error body's errorCode, if it is one of these. */
  static Optional<ErrorCode> of(String errorCode) {
    return Arrays.stream(values()).filter(c -> c.name().equals(errorCode)).findFirst();
  }
}
