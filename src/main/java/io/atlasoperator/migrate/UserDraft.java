package io.atlasoperator.migrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Our AtlasDatabaseUser as migrate is about to write it, fields in the order they are written. */
final class UserDraft {

  /** A role, scope or label: three strings, the last of them optional. */
  record Role(String roleName, String databaseName, String collectionName) {}

  record Scope(String name, String type) {}

  record Label(String key, String value) {}

  String name;
  String namespace;
  final Map<String, String> metadataLabels = new LinkedHashMap<>();
  final Map<String, String> annotations = new LinkedHashMap<>();
  String projectId;
  String credentialsSecret;
  String username;
  String databaseName = "admin";
  String passwordSecret;
  String passwordKey;

  /** True when migrate writes the password Secret as a stub to fill; false when it exists. */
  boolean passwordStub;

  final List<Role> roles = new ArrayList<>();
  final List<Scope> scopes = new ArrayList<>();
  final List<Label> labels = new ArrayList<>();
  String deleteAfterDate;
  String ldapAuthType;
  String x509Type;
  String awsIamType;
  String oidcAuthType;
  String description;
  String deletionPolicy;

  /**
   * The connection Secrets' name template that keeps MongoDB's operator's names, with its Secrets
   * taken over; null to leave the default.
   */
  String connectionSecretName;

  /** SCRAM users: the admin database, no external authentication: they need a password. */
  boolean needsPassword() {
    return databaseName.equals("admin")
        && none(ldapAuthType)
        && none(x509Type)
        && none(awsIamType)
        && none(oidcAuthType);
  }

  private static boolean none(String authType) {
    return authType == null || authType.equals("NONE");
  }

  /** "NAMESPACE/NAME" or "NAME". */
  String qualifiedName() {
    return namespace == null ? name : namespace + "/" + name;
  }
}
