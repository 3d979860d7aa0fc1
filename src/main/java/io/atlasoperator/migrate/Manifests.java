package io.atlasoperator.migrate;

import io.atlasoperator.crd.AtlasDatabaseUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/** The YAML migrate writes: our AtlasDatabaseUser, and the password Secret stub to fill. */
final class Manifests {

  static final String DRY_RUN = "atlasoperator.io/dry-run";
  static final String SECRET_TYPE_LABEL = "atlas.mongodb.com/type";

  private static final Dump YAML =
      new Dump(
          DumpSettings.builder()
              .setDefaultFlowStyle(FlowStyle.BLOCK)
              .setIndent(2)
              .setIndicatorIndent(2)
              .setIndentWithIndicator(true)
              .setWidth(200)
              .build());

  private Manifests() {}

  static String user(UserDraft user, boolean apply) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", user.name);
    putIfSet(metadata, "namespace", user.namespace);
    if (!user.metadataLabels.isEmpty()) {
      metadata.put("labels", user.metadataLabels);
    }
    Map<String, String> annotations = new LinkedHashMap<>(user.annotations);
    if (!apply) {
      annotations.put(DRY_RUN, "true");
    }
    if (!annotations.isEmpty()) {
      metadata.put("annotations", annotations);
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("projectId", user.projectId);
    if (user.credentialsSecret != null) {
      spec.put("credentialsSecretRef", Map.of("name", user.credentialsSecret));
    }
    spec.put("username", user.username);
    spec.put("databaseName", user.databaseName);
    if (user.passwordSecret != null) {
      Map<String, Object> ref = new LinkedHashMap<>();
      ref.put("name", user.passwordSecret);
      putIfSet(ref, "key", user.passwordKey);
      spec.put("passwordSecretRef", ref);
    }
    List<Object> roles = new ArrayList<>();
    for (UserDraft.Role role : user.roles) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("roleName", role.roleName());
      entry.put("databaseName", role.databaseName());
      putIfSet(entry, "collectionName", role.collectionName());
      roles.add(entry);
    }
    spec.put("roles", roles);
    if (!user.scopes.isEmpty()) {
      spec.put("scopes", user.scopes.stream().map(s -> pair("name", s.name(), "type", s.type())));
    }
    if (!user.labels.isEmpty()) {
      spec.put("labels", user.labels.stream().map(l -> pair("key", l.key(), "value", l.value())));
    }
    putIfSet(spec, "deleteAfterDate", user.deleteAfterDate);
    putIfSet(spec, "ldapAuthType", user.ldapAuthType);
    putIfSet(spec, "x509Type", user.x509Type);
    putIfSet(spec, "awsIamType", user.awsIamType);
    putIfSet(spec, "oidcAuthType", user.oidcAuthType);
    putIfSet(spec, "description", user.description);
    spec.put("adoptExisting", true);
    if (user.connectionSecretName != null) {
      Map<String, Object> secrets = new LinkedHashMap<>();
      secrets.put("name", user.connectionSecretName);
      secrets.put("takeOverMongoDbOperatorSecrets", true);
      spec.put("connectionSecrets", secrets);
    }
    putIfSet(spec, "deletionPolicy", user.deletionPolicy);
    spec.replaceAll((k, v) -> v instanceof java.util.stream.Stream<?> s ? s.toList() : v);
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("apiVersion", AtlasDatabaseUser.GROUP + "/" + AtlasDatabaseUser.VERSION);
    document.put("kind", "AtlasDatabaseUser");
    document.put("metadata", metadata);
    document.put("spec", spec);
    return quoted(YAML.dumpToString(document));
  }

  /**
   * Double quotes where a YAML 1.1 reader (kubectl's) would read another type: the annotations'
   * "true", and a date, which it would read as a timestamp.
   */
  private static String quoted(String yaml) {
    return yaml.replace(": 'true'\n", ": \"true\"\n")
        .replaceAll("(?m)^(  deleteAfterDate: )([^'\"\n]+)$", "$1\"$2\"");
  }

  /**
   * The stub of a password Secret: labelled so that the operator watches it, its password empty.
   * The operator refuses a password under 8 characters with a message naming the Secret and sends
   * nothing to Atlas, so a stub applied before it is filled changes nothing.
   */
  static String passwordStub(UserDraft user) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", user.passwordSecret);
    putIfSet(metadata, "namespace", user.namespace);
    metadata.put("labels", Map.of(SECRET_TYPE_LABEL, "credentials"));
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("apiVersion", "v1");
    document.put("kind", "Secret");
    document.put("metadata", metadata);
    document.put("type", "Opaque");
    document.put("stringData", Map.of(Passwords.KEY, ""));
    return "# FILL IN the password of Atlas user "
        + user.username
        + " (project "
        + user.projectId
        + "): its current one to keep\n"
        + "# clients working, or a new one (8 characters or more) to rotate it on adoption. Empty,"
        + " the\n"
        + "# operator refuses it and sends nothing to Atlas.\n"
        + YAML.dumpToString(document);
  }

  private static Map<String, Object> pair(String k1, String v1, String k2, String v2) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }

  private static void putIfSet(Map<String, Object> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
