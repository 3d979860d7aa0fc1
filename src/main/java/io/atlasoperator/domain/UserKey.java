package io.atlasoperator.domain;

/** What identifies a database user in Atlas: project, authentication database and username. */
public record UserKey(String projectId, String databaseName, String username) {

  @Override
  public String toString() {
    return projectId + "/" + databaseName + "/" + username;
  }
}
