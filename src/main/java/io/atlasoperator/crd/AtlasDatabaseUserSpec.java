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
    value = SpecRules.NO_PASSWORD_ON_EXTERNAL,
    message = SpecRules.NO_PASSWORD_ON_EXTERNAL_MESSAGE,
    reason = "FieldValueForbidden",
    fieldPath = ".passwordSecretRef")
@ValidationRule(
    value = SpecRules.NO_PASSWORD_FOR_GROUP,
    message = SpecRules.NO_PASSWORD_FOR_GROUP_MESSAGE,
    reason = "FieldValueForbidden",
    fieldPath = ".passwordSecretRef")
@ValidationRule(
    value = SpecRules.GENERATION_FOR_SCRAM,
    message = SpecRules.GENERATION_FOR_SCRAM_MESSAGE,
    reason = "FieldValueForbidden",
    fieldPath = ".passwordGeneration")
@ValidationRule(
    value = SpecRules.EXTERNAL_AUTH_ON_EXTERNAL,
    message = SpecRules.EXTERNAL_AUTH_ON_EXTERNAL_MESSAGE,
    fieldPath = ".databaseName")
@ValidationRule(
    value = SpecRules.EXTERNAL_NEEDS_EXTERNAL_AUTH,
    message = SpecRules.EXTERNAL_NEEDS_EXTERNAL_AUTH_MESSAGE,
    fieldPath = ".databaseName")
@ValidationRule(value = SpecRules.ONE_AUTH_TYPE, message = SpecRules.ONE_AUTH_TYPE_MESSAGE)
@ValidationRule(
    value = SpecRules.CUSTOM_ROLE_ALONE,
    message = SpecRules.CUSTOM_ROLE_ALONE_MESSAGE,
    fieldPath = ".roles")
@ValidationRule(
    value = SpecRules.ROLES_ONCE,
    message = SpecRules.ROLES_ONCE_MESSAGE,
    fieldPath = ".roles")
@ValidationRule(
    value = SpecRules.X509_NOT_TEMPORARY,
    message = SpecRules.X509_NOT_TEMPORARY_MESSAGE)
@ValidationRule(value = SpecRules.TWO_USERS_STAY, message = SpecRules.TWO_USERS_STAY_MESSAGE)
@ValidationRule(
    value = SpecRules.LEASE_NOT_TWO_USERS,
    message = SpecRules.LEASE_NOT_TWO_USERS_MESSAGE,
    fieldPath = ".lease")
@ValidationRule(
    value = SpecRules.LEASE_ALONE,
    message = SpecRules.LEASE_ALONE_MESSAGE,
    fieldPath = ".lease")
@ValidationRule(
    value = SpecRules.ONE_EXPIRY,
    message = SpecRules.ONE_EXPIRY_MESSAGE,
    fieldPath = ".expiresAfter")
@ValidationRule(
    value = SpecRules.IDENTITY_REFUSED,
    messageExpression = SpecRules.IDENTITY_REFUSED_MESSAGE)
@ValidationRule(
    value = SpecRules.AUTH_IMMUTABLE,
    messageExpression = SpecRules.AUTH_IMMUTABLE_MESSAGE)
@ValidationRule(
    value = SpecRules.TEMPORARY_IMMUTABLE,
    messageExpression = SpecRules.TEMPORARY_IMMUTABLE_MESSAGE)
public class AtlasDatabaseUserSpec extends MongoDbOperatorFields {

  /**
   * ID of the Atlas project (GROUP-ID) the user belongs to: 24 hexadecimal digits. Required.
   * Immutable.
   */
  @Pattern("^[0-9a-f]{24}$")
  @ValidationRule(value = "self == oldSelf", messageExpression = SpecRules.PROJECT_ID_IMMUTABLE)
  private String projectId;

  /**
   * Secret in this namespace with the Atlas credentials: a programmatic API key (keys publicApiKey
   * and privateApiKey) or a Service Account (keys clientId and clientSecret), not both; the key
   * names are those of MongoDB's Atlas operator, whose orgId key is ignored. When omitted, the
   * operator's default credentials are used.
   */
  private SecretRef credentialsSecretRef;

  /**
   * Username for authenticating to MongoDB. For X.509, LDAP and AWS IAM users this is the
   * distinguished name or ARN. Changing it replaces the user (see onIdentityChange).
   */
  @Required
  @Size(min = 1, max = 1024)
  @ValidationRule(
      value = SpecRules.USERNAME_NOT_DOTS,
      message = SpecRules.USERNAME_NOT_DOTS_MESSAGE)
  private String username;

  /**
   * Authentication database: "admin" (the default) for SCRAM password users, LDAP groups
   * (ldapAuthType GROUP) and OIDC workforce groups (oidcAuthType IDP_GROUP); "$external" for LDAP
   * users (ldapAuthType USER), X.509, AWS IAM and OIDC workload users. Changing it replaces the
   * user (see onIdentityChange).
   */
  @Default("admin")
  private DatabaseName databaseName = DatabaseName.ADMIN;

  /**
   * Secret key in this namespace holding the user's password (at least 8 characters), for SCRAM
   * users; forbidden for $external users and for LDAP and OIDC groups. Changing the password in the
   * Secret rotates it in Atlas (a change of anything else in the Secret sends nothing). When
   * omitted, the operator generates the password into a Secret RESOURCE-password that it owns (see
   * passwordGeneration).
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
   * LDAP authentication: USER for an LDAP user (databaseName $external), GROUP for an LDAP group
   * (databaseName admin), NONE for none. Like every authentication type, it changes only with the
   * username or databaseName (the user is then replaced).
   */
  private LdapAuthType ldapAuthType;

  /** X.509 authentication: MANAGED (Atlas-managed certificates), CUSTOMER (self-managed), NONE. */
  private X509Type x509Type;

  /** AWS IAM authentication: USER or ROLE for an IAM user or role ARN, NONE for none. */
  @JsonProperty("awsIamType")
  private AwsIamType awsIamType;

  /**
   * OIDC authentication: IDP_GROUP (workforce identity federation; databaseName admin), USER
   * (workload identity federation; databaseName $external), NONE for none.
   */
  private OidcAuthType oidcAuthType;

  /** Free-text description of the user, shown in Atlas. Removing it clears it in Atlas. */
  @Size(max = 100)
  private String description;

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

  public AwsIamType getAwsIamType() {
    return awsIamType;
  }

  public void setAwsIamType(AwsIamType awsIamType) {
    this.awsIamType = awsIamType;
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
}
