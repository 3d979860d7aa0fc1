package io.atlasoperator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** One role granted to the user, on one database or collection. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!(self.roleName in " + Role.ADMIN_ONLY_ROLES + ") || self.databaseName == 'admin'",
    messageExpression =
        "'role ' + self.roleName + ' exists only on the admin database, not on '"
            + " + self.databaseName + ': set databaseName admin'",
    fieldPath = ".databaseName")
public class Role {

  /**
   * Built-in roles that exist only on the admin database (Atlas answers ATLAS_INVALID_ROLE_DATABASE
   * for them elsewhere).
   */
  static final String ADMIN_ONLY_ROLES =
      "['atlasAdmin', 'clusterMonitor', 'dbAdminAnyDatabase', 'enableSharding',"
          + " 'readAnyDatabase', 'readWriteAnyDatabase']";

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
