package io.atlasoperator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One role granted to the user, on one database or collection. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Role {

  /**
   * Name of a built-in role (for example read, readWrite, dbAdmin, readAnyDatabase, atlasAdmin) or
   * of a custom role defined in the project. A custom role cannot be combined with other roles.
   */
  @Required
  @Size(min = 1, max = 64)
  private String roleName;

  /**
   * Database on which the role applies. Roles that apply to every database (such as
   * readAnyDatabase) and custom roles use "admin".
   */
  @Required
  @Size(min = 1, max = 64)
  private String databaseName;

  /** Collection within databaseName on which the role applies. Omit for the whole database. */
  @Size(min = 1, max = 255)
  private String collectionName;

  public Role() {}

  public Role(String roleName, String databaseName, String collectionName) {
    this.roleName = roleName;
    this.databaseName = databaseName;
    this.collectionName = collectionName;
  }

  public String getRoleName() {
    return roleName;
  }

  public void setRoleName(String roleName) {
    this.roleName = roleName;
  }

  public String getDatabaseName() {
    return databaseName;
  }

  public void setDatabaseName(String databaseName) {
    this.databaseName = databaseName;
  }

  public String getCollectionName() {
    return collectionName;
  }

  public void setCollectionName(String collectionName) {
    this.collectionName = collectionName;
  }
}
