package io.atlasoperator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The Atlas user this resource manages, as last seen in Atlas. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AtlasUserStatus {

  /** ID of the Atlas project that holds the user. */
  private String projectId;

  /** Username in Atlas. */
  private String username;

  /** Authentication database in Atlas: admin or $external. */
  private String databaseName;

  /** For a temporary user, when Atlas deletes it (RFC 3339, UTC). */
  private String expiresAt;

  public AtlasUserStatus() {}

  public AtlasUserStatus(String projectId, String username, String databaseName, String expiresAt) {
    this.projectId = projectId;
    this.username = username;
    this.databaseName = databaseName;
    this.expiresAt = expiresAt;
  }

  public String getProjectId() {
    return projectId;
  }

  public void setProjectId(String projectId) {
    this.projectId = projectId;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getDatabaseName() {
    return databaseName;
  }

  public void setDatabaseName(String databaseName) {
    this.databaseName = databaseName;
  }

  public String getExpiresAt() {
    return expiresAt;
  }

  public void setExpiresAt(String expiresAt) {
    this.expiresAt = expiresAt;
  }
}
