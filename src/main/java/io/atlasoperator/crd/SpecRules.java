package io.atlasoperator.crd;

/**
 * The CEL validation rules of {@link AtlasDatabaseUserSpec}, expressions and messages, which the
 * API server enforces through the generated CRD. They live here so that the spec reads as its
 * fields; each {@code @ValidationRule} on the spec names its constants.
 */
final class SpecRules {

  /** The roles Atlas accepts by name; any other roleName names a custom role. */
  private static final String BUILT_IN_ROLES =
      "['atlasAdmin', 'backup', 'clusterMonitor', 'dbAdmin', 'dbAdminAnyDatabase',"
          + " 'enableSharding', 'read', 'readAnyDatabase', 'readWrite', 'readWriteAnyDatabase']";

  /** Any authentication type other than SCRAM. */
  private static final String ANY_AUTH =
      "((has(self.ldapAuthType) && self.ldapAuthType != 'NONE')"
          + " || (has(self.x509Type) && self.x509Type != 'NONE')"
          + " || (has(self.awsIamType) && self.awsIamType != 'NONE')"
          + " || (has(self.oidcAuthType) && self.oidcAuthType != 'NONE'))";

  /** LDAP and OIDC groups: they live in admin and have no password. */
  private static final String GROUP_AUTH =
      "((has(self.ldapAuthType) && self.ldapAuthType == 'GROUP')"
          + " || (has(self.oidcAuthType) && self.oidcAuthType == 'IDP_GROUP'))";

  /** The one authentication type set, as FIELD=VALUE, or SCRAM. */
  private static final String AUTH_OF_SELF =
      "(has(self.ldapAuthType) && self.ldapAuthType != 'NONE' ? 'ldapAuthType=' + self.ldapAuthType"
          + " : has(self.x509Type) && self.x509Type != 'NONE' ? 'x509Type=' + self.x509Type"
          + " : has(self.awsIamType) && self.awsIamType != 'NONE' ? 'awsIamType=' + self.awsIamType"
          + " : has(self.oidcAuthType) && self.oidcAuthType != 'NONE'"
          + " ? 'oidcAuthType=' + self.oidcAuthType : 'SCRAM')";

  /** {@link #AUTH_OF_SELF} before the change. */
  private static final String AUTH_OF_OLD_SELF =
      "(has(oldSelf.ldapAuthType) && oldSelf.ldapAuthType != 'NONE'"
          + " ? 'ldapAuthType=' + oldSelf.ldapAuthType"
          + " : has(oldSelf.x509Type) && oldSelf.x509Type != 'NONE'"
          + " ? 'x509Type=' + oldSelf.x509Type"
          + " : has(oldSelf.awsIamType) && oldSelf.awsIamType != 'NONE'"
          + " ? 'awsIamType=' + oldSelf.awsIamType"
          + " : has(oldSelf.oidcAuthType) && oldSelf.oidcAuthType != 'NONE'"
          + " ? 'oidcAuthType=' + oldSelf.oidcAuthType : 'SCRAM')";

  /** The authentication types whose users live in $external. */
  private static final String EXTERNAL_AUTH =
      "((has(self.ldapAuthType) && self.ldapAuthType == 'USER')"
          + " || (has(self.x509Type) && self.x509Type != 'NONE')"
          + " || (has(self.awsIamType) && self.awsIamType != 'NONE')"
          + " || (has(self.oidcAuthType) && self.oidcAuthType == 'USER'))";

  /** $external users authenticate outside MongoDB and have no password. */
  static final String NO_PASSWORD_ON_EXTERNAL =
      "self.databaseName != '$external' || !has(self.passwordSecretRef)";

  static final String NO_PASSWORD_ON_EXTERNAL_MESSAGE =
      "passwordSecretRef must not be set when databaseName is $external:"
          + " external users authenticate outside MongoDB and have no password";

  /** LDAP and OIDC groups authenticate through the identity provider and have no password. */
  static final String NO_PASSWORD_FOR_GROUP = "!" + GROUP_AUTH + " || !has(self.passwordSecretRef)";

  static final String NO_PASSWORD_FOR_GROUP_MESSAGE =
      "passwordSecretRef must not be set for an LDAP GROUP or OIDC IDP_GROUP user:"
          + " its members authenticate through the identity provider";

  /** Only SCRAM users, those with no other authentication type, have a password to generate. */
  static final String GENERATION_FOR_SCRAM = "!has(self.passwordGeneration) || !" + ANY_AUTH;

  static final String GENERATION_FOR_SCRAM_MESSAGE =
      "passwordGeneration is for SCRAM users only (no ldapAuthType, x509Type, awsIamType"
          + " or oidcAuthType): other users have no password";

  /** Users of an external authentication type live in $external. */
  static final String EXTERNAL_AUTH_ON_EXTERNAL =
      "self.databaseName == '$external' || !" + EXTERNAL_AUTH;

  static final String EXTERNAL_AUTH_ON_EXTERNAL_MESSAGE =
      "databaseName must be $external for ldapAuthType USER, x509Type, awsIamType"
          + " and oidcAuthType USER";

  /** Users in $external have an external authentication type. */
  static final String EXTERNAL_NEEDS_EXTERNAL_AUTH =
      "self.databaseName != '$external' || " + EXTERNAL_AUTH;

  static final String EXTERNAL_NEEDS_EXTERNAL_AUTH_MESSAGE =
      "databaseName $external needs an external authentication method: set ldapAuthType USER,"
          + " x509Type, awsIamType or oidcAuthType USER (LDAP and OIDC groups use admin)";

  /** A user has one authentication type at most. */
  static final String ONE_AUTH_TYPE =
      "[has(self.ldapAuthType) && self.ldapAuthType != 'NONE',"
          + " has(self.x509Type) && self.x509Type != 'NONE',"
          + " has(self.awsIamType) && self.awsIamType != 'NONE',"
          + " has(self.oidcAuthType) && self.oidcAuthType != 'NONE'].filter(x, x).size() <= 1";

  static final String ONE_AUTH_TYPE_MESSAGE =
      "at most one of ldapAuthType, x509Type, awsIamType and oidcAuthType may be set";

  /** A custom role is a user's only role. */
  static final String CUSTOM_ROLE_ALONE =
      "self.roles.all(r, r.roleName in " + BUILT_IN_ROLES + ")" + " || self.roles.size() == 1";

  static final String CUSTOM_ROLE_ALONE_MESSAGE =
      "a custom role cannot be combined with other roles: a user with a custom role"
          + " must have exactly one role";

  /** No role is granted twice on the same database and collection. */
  static final String ROLES_ONCE =
      "self.roles.all(r, self.roles.exists_one(o, o.roleName == r.roleName"
          + " && o.databaseName == r.databaseName"
          + " && (has(o.collectionName) ? o.collectionName : '')"
          + " == (has(r.collectionName) ? r.collectionName : '')))";

  static final String ROLES_ONCE_MESSAGE =
      "each role may be listed once: remove the duplicate roleName/databaseName pair";

  /** Either form of expiry makes a temporary user. */
  private static final String TEMPORARY =
      "(has(self.deleteAfterDate) || has(self.expiresAfter) || has(self.lease))";

  private static final String WAS_TEMPORARY =
      "(has(oldSelf.deleteAfterDate) || has(oldSelf.expiresAfter) || has(oldSelf.lease))";

  private static final String TWO_USERS_OF_SELF =
      "(has(self.passwordGeneration) && has(self.passwordGeneration.rotation)"
          + " && has(self.passwordGeneration.rotation.strategy)"
          + " && self.passwordGeneration.rotation.strategy == 'TwoUsers')";

  /** Once two users take turns, they keep doing so (going back would strand the second one). */
  private static final String TWO_USERS_OF_OLD_SELF =
      "(has(oldSelf.passwordGeneration) && has(oldSelf.passwordGeneration.rotation)"
          + " && has(oldSelf.passwordGeneration.rotation.strategy)"
          + " && oldSelf.passwordGeneration.rotation.strategy == 'TwoUsers')";

  static final String TWO_USERS_STAY = "!" + TWO_USERS_OF_OLD_SELF + " || " + TWO_USERS_OF_SELF;

  static final String TWO_USERS_STAY_MESSAGE =
      "passwordGeneration.rotation.strategy TwoUsers cannot be changed or removed: the second"
          + " Atlas user (USERNAME-b) would be left behind; create a new resource instead";

  /** A pair's idle user is not renewed: a lease and TwoUsers do not go together. */
  static final String LEASE_NOT_TWO_USERS = "!has(self.lease) || !" + TWO_USERS_OF_SELF;

  static final String LEASE_NOT_TWO_USERS_MESSAGE =
      "lease and passwordGeneration.rotation.strategy TwoUsers cannot be combined: the pair's idle"
          + " user would expire and be created again";

  /** A lease sets the date itself. */
  static final String LEASE_ALONE =
      "!has(self.lease) || !(has(self.deleteAfterDate) || has(self.expiresAfter))";

  static final String LEASE_ALONE_MESSAGE =
      "lease renews the user's date itself: set one of lease, expiresAfter and deleteAfterDate";

  static final String LEASE_RANGE =
      "self.matches('^([0-9]+(\\\\.[0-9]+)?(h|m|s))+$')"
          + " && duration(self) >= duration('10m') && duration(self) <= duration('168h')";

  static final String LEASE_RANGE_MESSAGE =
      "lease must be a duration in hours (h), minutes (m) and seconds (s) such as 24h or 90m,"
          + " from 10m to 168h (7 days): Atlas deletes a temporary user at most a week ahead";

  /** X.509 users cannot be temporary. */
  static final String X509_NOT_TEMPORARY =
      "!(has(self.x509Type) && self.x509Type != 'NONE' && " + TEMPORARY + ")";

  static final String X509_NOT_TEMPORARY_MESSAGE =
      "an X.509 user cannot be temporary: remove deleteAfterDate, expiresAfter and lease";

  /** One expiry: an absolute date or a duration, not both. */
  static final String ONE_EXPIRY = "!(has(self.deleteAfterDate) && has(self.expiresAfter))";

  static final String ONE_EXPIRY_MESSAGE =
      "set either deleteAfterDate (an absolute date) or expiresAfter (a duration from the"
          + " resource's creation), not both";

  /**
   * A duration in the Kubernetes (Go) form, in hours, minutes and seconds, that Atlas can keep:
   * more than nothing, at most a week. The form is checked first, so that duration() never fails.
   */
  static final String EXPIRES_AFTER_RANGE =
      "self.matches('^([0-9]+(\\\\.[0-9]+)?(h|m|s))+$')"
          + " && duration(self) > duration('0s') && duration(self) <= duration('168h')";

  static final String EXPIRES_AFTER_RANGE_MESSAGE =
      "expiresAfter must be a duration in hours (h), minutes (m) and seconds (s) such as 72h or"
          + " 36h30m, more than 0 and at most 168h (7 days): Atlas deletes a temporary user at"
          + " most a week after it is created";

  private static final String REFUSES_IDENTITY_CHANGE =
      "(has(oldSelf.onIdentityChange) && oldSelf.onIdentityChange == 'Refuse')";

  private static final String IDENTITY_KEPT =
      "(self.username == oldSelf.username && self.databaseName == oldSelf.databaseName)";

  /** The authentication type changes only with the username or databaseName (a replacement). */
  static final String AUTH_IMMUTABLE =
      AUTH_OF_SELF
          + " == "
          + AUTH_OF_OLD_SELF
          + " || !"
          + REFUSES_IDENTITY_CHANGE
          + " && !"
          + IDENTITY_KEPT;

  static final String AUTH_IMMUTABLE_MESSAGE =
      "'the authentication type changes only with the username or databaseName (the user is then"
          + " replaced): it was ' + "
          + AUTH_OF_OLD_SELF
          + " + ', the change asks for ' + "
          + AUTH_OF_SELF
          + " + '; change the username too, or create a new resource'";

  /** With onIdentityChange Refuse, or for a TwoUsers pair, the username and databaseName stay. */
  static final String IDENTITY_REFUSED =
      "!(" + REFUSES_IDENTITY_CHANGE + " || " + TWO_USERS_OF_OLD_SELF + ") || " + IDENTITY_KEPT;

  static final String IDENTITY_REFUSED_MESSAGE =
      "'username and databaseName are immutable here (onIdentityChange: Refuse, or a TwoUsers"
          + " pair): it was '"
          + " + oldSelf.databaseName + '/' + oldSelf.username + ', the change asks for '"
          + " + self.databaseName + '/' + self.username"
          + " + '; remove onIdentityChange: Refuse to have the user replaced, or create a new"
          + " resource'";

  /** A temporary user stays temporary and a permanent one permanent. */
  static final String TEMPORARY_IMMUTABLE = TEMPORARY + " == " + WAS_TEMPORARY;

  static final String TEMPORARY_IMMUTABLE_MESSAGE =
      WAS_TEMPORARY
          + " ? 'deleteAfterDate, expiresAfter or lease cannot be removed: Atlas cannot make a temporary"
          + " user permanent; create a new resource for a permanent user'"
          + " : 'deleteAfterDate, expiresAfter or lease cannot be added: Atlas cannot make a permanent"
          + " user temporary"
          + " (PERMANENT_ENTITY_CANNOT_BE_MADE_TEMPORARY); create a new resource for a"
          + " temporary user'";

  /** The message for the immutable projectId (self == oldSelf). */
  static final String PROJECT_ID_IMMUTABLE =
      "'projectId is immutable: it was ' + oldSelf + ', the change asks for ' + self"
          + " + '; to move the user, create a new resource'";

  /** Atlas addresses users by name in URL paths, where . and .. are not names. */
  static final String USERNAME_NOT_DOTS = "self != '.' && self != '..'";

  static final String USERNAME_NOT_DOTS_MESSAGE =
      "username cannot be . or ..: Atlas addresses a user by its name in a URL path, where"
          + " . and .. mean this and the parent path, so such a user could never be updated"
          + " or deleted";

  private SpecRules() {}
}
