package io.atlasoperator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** The Atlas database user this resource asks for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.databaseName != '$external' || !has(self.passwordSecretRef)",
    message =
        "passwordSecretRef must not be set when databaseName is $external:"
            + " external users authenticate outside MongoDB and have no password",
    reason = "FieldValueForbidden",
    fieldPath = ".passwordSecretRef")
@ValidationRule(
    value = "!" + AtlasDatabaseUserSpec.GROUP_AUTH + " || !has(self.passwordSecretRef)",
    message =
        "passwordSecretRef must not be set for an LDAP GROUP or OIDC IDP_GROUP user:"
            + " its members authenticate through the identity provider",
    reason = "FieldValueForbidden",
    fieldPath = ".passwordSecretRef")
@ValidationRule(
    value = "has(self.passwordSecretRef) || " + AtlasDatabaseUserSpec.ANY_AUTH,
    message =
        "passwordSecretRef is required for a SCRAM user (no ldapAuthType, x509Type, awsIAMType"
            + " or oidcAuthType)",
    reason = "FieldValueRequired",
    fieldPath = ".passwordSecretRef")
@ValidationRule(
    value = "self.databaseName == '$external' || !" + AtlasDatabaseUserSpec.EXTERNAL_AUTH,
    message =
        "databaseName must be $external for ldapAuthType USER, x509Type, awsIAMType"
            + " and oidcAuthType USER",
    fieldPath = ".databaseName")
@ValidationRule(
    value = "self.databaseName != '$external' || " + AtlasDatabaseUserSpec.EXTERNAL_AUTH,
    message =
        "databaseName $external needs an external authentication method: set ldapAuthType USER,"
            + " x509Type, awsIAMType or oidcAuthType USER (LDAP and OIDC groups use admin)",
    fieldPath = ".databaseName")
@ValidationRule(
    value =
        "[has(self.ldapAuthType) && self.ldapAuthType != 'NONE',"
            + " has(self.x509Type) && self.x509Type != 'NONE',"
            + " has(self.awsIAMType) && self.awsIAMType != 'NONE',"
            + " has(self.oidcAuthType) && self.oidcAuthType != 'NONE'].filter(x, x).size() <= 1",
    message = "at most one of ldapAuthType, x509Type, awsIAMType and oidcAuthType may be set")
@ValidationRule(
    value =
        "self.roles.all(r, r.roleName in "
            + AtlasDatabaseUserSpec.BUILT_IN_ROLES
            + ")"
            + " || self.roles.size() == 1",
    message =
        "a custom role cannot be combined with other roles: a user with a custom role"
            + " must have exactly one role",
    fieldPath = ".roles")
@ValidationRule(
    value =
        "self.roles.all(r, self.roles.exists_one(o, o.roleName == r.roleName"
            + " && o.databaseName == r.databaseName"
            + " && (has(o.collectionName) ? o.collectionName : '')"
            + " == (has(r.collectionName) ? r.collectionName : '')))",
    message = "each role may be listed once: remove the duplicate roleName/databaseName pair",
    fieldPath = ".roles")
@ValidationRule(
    value = "!(has(self.x509Type) && self.x509Type != 'NONE' && has(self.deleteAfterDate))",
    message = "an X.509 user cannot be temporary: remove deleteAfterDate",
    fieldPath = ".deleteAfterDate")
@ValidationRule(
    value = AtlasDatabaseUserSpec.AUTH_OF_SELF + " == " + AtlasDatabaseUserSpec.AUTH_OF_OLD_SELF,
    messageExpression =
        "'the authentication type is immutable: it was ' + "
            + AtlasDatabaseUserSpec.AUTH_OF_OLD_SELF
            + " + ', the change asks for ' + "
            + AtlasDatabaseUserSpec.AUTH_OF_SELF
            + " + '; create a new resource for a user of another type'")
@ValidationRule(
    value = "has(self.deleteAfterDate) == has(oldSelf.deleteAfterDate)",
    messageExpression =
        "has(oldSelf.deleteAfterDate)"
            + " ? 'deleteAfterDate cannot be removed: Atlas cannot make a temporary user"
            + " permanent; create a new resource for a permanent user'"
            + " : 'deleteAfterDate cannot be added: Atlas cannot make a permanent user temporary"
            + " (PERMANENT_ENTITY_CANNOT_BE_MADE_TEMPORARY); create a new resource for a"
            + " temporary user'",
    fieldPath = ".deleteAfterDate")
public class AtlasDatabaseUserSpec {

  /** The roles Atlas accepts by name; any other roleName names a custom role. */
  static final String BUILT_IN_ROLES =
      "['atlasAdmin', 'backup', 'clusterMonitor', 'dbAdmin', 'dbAdminAnyDatabase',"
          + " 'enableSharding', 'read', 'readAnyDatabase', 'readWrite', 'readWriteAnyDatabase']";

  /** Any authentication type other than SCRAM. */
  static final String ANY_AUTH =
      "((has(self.ldapAuthType) && self.ldapAuthType != 'NONE')"
          + " || (has(self.x509Type) && self.x509Type != 'NONE')"
          + " || (has(self.awsIAMType) && self.awsIAMType != 'NONE')"
          + " || (has(self.oidcAuthType) && self.oidcAuthType != 'NONE'))";

  /** LDAP and OIDC groups: they live in admin and have no password. */
  static final String GROUP_AUTH =
      "((has(self.ldapAuthType) && self.ldapAuthType == 'GROUP')"
          + " || (has(self.oidcAuthType) && self.oidcAuthType == 'IDP_GROUP'))";

  /** The one authentication type set, as FIELD=VALUE, or SCRAM. */
  static final String AUTH_OF_SELF =
      "(has(self.ldapAuthType) && self.ldapAuthType != 'NONE' ? 'ldapAuthType=' + self.ldapAuthType"
          + " : has(self.x509Type) && self.x509Type != 'NONE' ? 'x509Type=' + self.x509Type"
          + " : has(self.awsIAMType) && self.awsIAMType != 'NONE' ? 'awsIAMType=' + self.awsIAMType"
          + " : has(self.oidcAuthType) && self.oidcAuthType != 'NONE'"
          + " ? 'oidcAuthType=' + self.oidcAuthType : 'SCRAM')";

  /** {@link #AUTH_OF_SELF} before the change. */
  static final String AUTH_OF_OLD_SELF =
      "(has(oldSelf.ldapAuthType) && oldSelf.ldapAuthType != 'NONE'"
          + " ? 'ldapAuthType=' + oldSelf.ldapAuthType"
          + " : has(oldSelf.x509Type) && oldSelf.x509Type != 'NONE'"
          + " ? 'x509Type=' + oldSelf.x509Type"
          + " : has(oldSelf.awsIAMType) && oldSelf.awsIAMType != 'NONE'"
          + " ? 'awsIAMType=' + oldSelf.awsIAMType"
          + " : has(oldSelf.oidcAuthType) && oldSelf.oidcAuthType != 'NONE'"
          + " ? 'oidcAuthType=' + oldSelf.oidcAuthType : 'SCRAM')";

  static final String EXTERNAL_AUTH =
      "((has(self.ldapAuthType) && self.ldapAuthType == 'USER')"
          + " || (has(self.x509Type) && self.x509Type != 'NONE')"
          + " || (has(self.awsIAMType) && self.awsIAMType != 'NONE')"
          + " || (has(self.oidcAuthType) && self.oidcAuthType == 'USER'))";

  /** ID of the Atlas project (GROUP-ID) the user belongs to: 24 hexadecimal digits. Immutable. */
  @Required
  @Pattern("^[0-9a-f]{24}$")
  @ValidationRule(
      value = "self == oldSelf",
      messageExpression =
          "'projectId is immutable: it was ' + oldSelf + ', the change asks for ' + self"
              + " + '; to move the user, create a new resource'")
  private String projectId;

  /**
   * Secret in this namespace with the Atlas programmatic API key pair, under the keys publicApiKey
   * and privateApiKey. When omitted, the operator's default credentials are used.
   */
  private SecretRef credentialsSecretRef;

  /**
   * Username for authenticating to MongoDB. For X.509, LDAP and AWS IAM users this is the
   * distinguished name or ARN. Immutable: to rename a user, create a new resource.
   */
  @Required
  @Size(min = 1, max = 1024)
  @ValidationRule(
      value = "self != '.' && self != '..'",
      message =
          "username cannot be . or ..: Atlas addresses a user by its name in a URL path, where"
              + " . and .. mean this and the parent path, so such a user could never be updated"
              + " or deleted")
  @ValidationRule(
      value = "self == oldSelf",
      messageExpression =
          "'username is immutable: it was ' + oldSelf + ', the change asks for ' + self"
              + " + '; to rename the user, create a new resource'")
  private String username;

  /**
   * Authentication database: "admin" (the default) for SCRAM password users, LDAP groups
   * (ldapAuthType GROUP) and OIDC workforce groups (oidcAuthType IDP_GROUP); "$external" for LDAP
   * users (ldapAuthType USER), X.509, AWS IAM and OIDC workload users. Immutable.
   */
  @Default("admin")
  @ValidationRule(
      value = "self == oldSelf",
      messageExpression =
          "'databaseName is immutable: it was ' + oldSelf + ', the change asks for ' + self")
  private DatabaseName databaseName = DatabaseName.ADMIN;

  /**
   * Secret key in this namespace holding the user's password (at least 8 characters). Required for
   * SCRAM users; forbidden for $external users and for LDAP and OIDC groups. Changing the Secret's
   * value rotates the password in Atlas.
   */
  private PasswordSecretRef passwordSecretRef;

  /**
   * Roles granted to the user. At least one, each listed once; a custom role must be the only role.
   */
  @Required
  @Size(min = 1, max = 100)
  private List<Role> roles = new ArrayList<>();

  /**
   * Clusters, data lakes and stream processing workspaces the user may access. When empty, the user
   * can access all of them in the project. Removing every scope gives the user that access again.
   */
  @Size(max = 100)
  private List<Scope> scopes = new ArrayList<>();

  /** Key-value pairs that tag the user in Atlas. Keys must be unique. */
  @Size(max = 50)
  @ValidationRule(
      value = "self.all(l, self.exists_one(m, m.key == l.key))",
      message = "label keys must be unique")
  private List<Label> labels = new ArrayList<>();

  /**
   * Makes this a temporary user: the RFC 3339 date and time (UTC, for example 2026-12-01T00:00:00Z)
   * after which Atlas deletes the user. Atlas accepts a future date at most one week ahead when the
   * user is created or the date changed. Can be neither added to nor removed from an existing
   * resource: Atlas cannot turn a permanent user into a temporary one or back.
   */
  @Pattern(
      "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$")
  private String deleteAfterDate;

  /**
   * LDAP authentication: USER for an LDAP user (databaseName $external), GROUP for an LDAP group
   * (databaseName admin), NONE for none. Immutable, like every authentication type.
   */
  private LdapAuthType ldapAuthType;

  /** X.509 authentication: MANAGED (Atlas-managed certificates), CUSTOMER (self-managed), NONE. */
  private X509Type x509Type;

  /** AWS IAM authentication: USER or ROLE for an IAM user or role ARN, NONE for none. */
  @JsonProperty("awsIAMType")
  private AwsIamType awsIAMType;

  /**
   * OIDC authentication: IDP_GROUP (workforce identity federation; databaseName admin), USER
   * (workload identity federation; databaseName $external), NONE for none.
   */
  private OidcAuthType oidcAuthType;

  /** Free-text description of the user, shown in Atlas. Removing it clears it in Atlas. */
  @Size(max = 100)
  private String description;

  /**
   * Take over an Atlas user of this name that already exists and no AtlasDatabaseUser manages (made
   * in the Atlas UI, by Terraform, or by MongoDB's operator): its roles, password, scopes and
   * labels become this spec's, and deletionPolicy applies to it. False by default: an existing user
   * is then left untouched and the resource reports AdoptionNotAllowed.
   */
  private Boolean adoptExisting;

  /**
   * What happens to the Atlas user when this resource is deleted: Delete (the default) removes it
   * from Atlas, Retain leaves it there.
   */
  @Default("Delete")
  private DeletionPolicy deletionPolicy = DeletionPolicy.Delete;

  public String getProjectId() {
    return projectId;
  }

  public void setProjectId(String projectId) {
    this.projectId = projectId;
  }

  public SecretRef getCredentialsSecretRef() {
    return credentialsSecretRef;
  }

  public void setCredentialsSecretRef(SecretRef credentialsSecretRef) {
    this.credentialsSecretRef = credentialsSecretRef;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public DatabaseName getDatabaseName() {
    return databaseName;
  }

  public void setDatabaseName(DatabaseName databaseName) {
    this.databaseName = databaseName;
  }

  public PasswordSecretRef getPasswordSecretRef() {
    return passwordSecretRef;
  }

  public void setPasswordSecretRef(PasswordSecretRef passwordSecretRef) {
    this.passwordSecretRef = passwordSecretRef;
  }

  public List<Role> getRoles() {
    return roles;
  }

  public void setRoles(List<Role> roles) {
    this.roles = roles;
  }

  public List<Scope> getScopes() {
    return scopes;
  }

  public void setScopes(List<Scope> scopes) {
    this.scopes = scopes;
  }

  public List<Label> getLabels() {
    return labels;
  }

  public void setLabels(List<Label> labels) {
    this.labels = labels;
  }

  public String getDeleteAfterDate() {
    return deleteAfterDate;
  }

  public void setDeleteAfterDate(String deleteAfterDate) {
    this.deleteAfterDate = deleteAfterDate;
  }

  public LdapAuthType getLdapAuthType() {
    return ldapAuthType;
  }

  public void setLdapAuthType(LdapAuthType ldapAuthType) {
    this.ldapAuthType = ldapAuthType;
  }

  public X509Type getX509Type() {
    return x509Type;
  }

  public void setX509Type(X509Type x509Type) {
    this.x509Type = x509Type;
  }

  public AwsIamType getAwsIAMType() {
    return awsIAMType;
  }

  public void setAwsIAMType(AwsIamType awsIAMType) {
    this.awsIAMType = awsIAMType;
  }

  public OidcAuthType getOidcAuthType() {
    return oidcAuthType;
  }

  public void setOidcAuthType(OidcAuthType oidcAuthType) {
    this.oidcAuthType = oidcAuthType;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public Boolean getAdoptExisting() {
    return adoptExisting;
  }

  public void setAdoptExisting(Boolean adoptExisting) {
    this.adoptExisting = adoptExisting;
  }

  public DeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }
}
