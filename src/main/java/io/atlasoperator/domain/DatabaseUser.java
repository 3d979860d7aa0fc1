package io.atlasoperator.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An Atlas database user as the operator reasons about it, free of any wire format. Lists are never
 * null; optional values are null when unset.
 *
 * @param projectId the Atlas project (GROUP-ID)
 * @param databaseName the authentication database: admin or $external
 * @param username the username
 * @param roles roles granted
 * @param scopes clusters and data lakes the user is limited to; empty means all
 * @param labels key-value tags
 * @param deleteAfterDate when Atlas deletes a temporary user; null for a permanent user
 * @param authType how the user authenticates
 * @param description free text shown in Atlas; null when unset
 */
public record DatabaseUser(
    String projectId,
    String databaseName,
    String username,
    List<UserRole> roles,
    List<UserScope> scopes,
    List<UserLabel> labels,
    Instant deleteAfterDate,
    AuthType authType,
    String description) {

  public static final String ADMIN = "admin";
  public static final String EXTERNAL = "$external";

  public DatabaseUser {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(databaseName, "databaseName");
    Objects.requireNonNull(username, "username");
    roles = List.copyOf(roles == null ? List.of() : roles);
    scopes = List.copyOf(scopes == null ? List.of() : scopes);
    labels = List.copyOf(labels == null ? List.of() : labels);
    authType = authType == null ? AuthType.SCRAM : authType;
  }

  /** The same user with other labels. */
  public DatabaseUser withLabels(List<UserLabel> newLabels) {
    return new DatabaseUser(
        projectId,
        databaseName,
        username,
        roles,
        scopes,
        newLabels,
        deleteAfterDate,
        authType,
        description);
  }

  /** The same user under another username (the other user of a pair). */
  public DatabaseUser withUsername(String other) {
    return new DatabaseUser(
        projectId,
        databaseName,
        other,
        roles,
        scopes,
        labels,
        deleteAfterDate,
        authType,
        description);
  }

  /** The same user with another deleteAfterDate. */
  public DatabaseUser withDeleteAfterDate(Instant date) {
    return new DatabaseUser(
        projectId, databaseName, username, roles, scopes, labels, date, authType, description);
  }

  /** Identifies this user within Atlas. */
  public UserKey key() {
    return new UserKey(projectId, databaseName, username);
  }
}
