package io.atlasoperator.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Atlas project IDs of AKO's project references: AtlasProject (v1) and Group (generated kind)
 * manifests among the inputs keep the ID in their status (exported with kubectl get -o yaml), and
 * --project NAME=ID or NAMESPACE/NAME=ID gives it otherwise. A flag wins over a manifest.
 */
final class ProjectIds {

  static final String AKO_GROUP = "atlas.mongodb.com/";
  static final String GENERATED_GROUP = "atlas.generated.mongodb.com/";

  private static final Pattern PROJECT_ID = Pattern.compile("^[0-9a-f]{24}$");

  /**
   * A project manifest's ID, the credentials Secret its spec names and its Atlas name (each null
   * when the manifest does not say).
   */
  record Project(String id, String connectionSecret, String name) {}

  private final Map<String, String> flags;
  private final Map<String, Project> manifests = new HashMap<>();
  private final Set<String> withoutId = new HashSet<>();

  ProjectIds(Map<String, String> flags) {
    this.flags = flags;
  }

  /** Learns the projects among the documents; true for a document that is a project. */
  boolean learn(InputDocuments.Document document, String defaultNamespace) {
    String apiVersion = document.apiVersion();
    JsonNode id;
    String secret;
    String name = null;
    if (apiVersion.startsWith(AKO_GROUP) && document.kind().equals("AtlasProject")) {
      id = document.body().path("status").path("id");
      secret = AtlasFields.text(document.body().path("spec").path("connectionSecretRef"), "name");
      name = AtlasFields.text(document.body().path("spec"), "name");
    } else if (apiVersion.startsWith(GENERATED_GROUP) && document.kind().equals("Group")) {
      id = document.body().path("status").path("v20250312").path("id");
      secret = AtlasFields.text(document.body().path("spec").path("connectionSecretRef"), "name");
    } else {
      return false;
    }
    String key = key(namespaceOf(document, defaultNamespace), document.name());
    if (id.isTextual() && PROJECT_ID.matcher(id.asText()).matches()) {
      manifests.put(key, new Project(id.asText(), secret, name));
    } else {
      withoutId.add(key);
    }
    return true;
  }

  /** The project that a reference to NAME in NAMESPACE (null: none) means, if known. */
  Optional<Project> find(String namespace, String name) {
    String key = key(namespace, name);
    for (String flag : List.of(key, name)) {
      if (flags.containsKey(flag)) {
        Project manifest = manifests.get(key);
        return Optional.of(
            new Project(
                flags.get(flag),
                manifest == null ? null : manifest.connectionSecret(),
                manifest == null ? null : manifest.name()));
      }
    }
    return Optional.ofNullable(manifests.get(key));
  }

  /** Why a reference cannot be resolved, and exactly what to pass. */
  String unresolved(String kind, String namespace, String name) {
    String key = key(namespace, name);
    String where =
        withoutId.contains(key)
            ? "the " + kind + " " + key + " among the inputs has no Atlas project ID in its status"
            : "no " + kind + " " + key + " with a status among the inputs";
    return "its project reference "
        + key
        + " cannot be resolved ("
        + where
        + "): pass --project "
        + key
        + "=<24-hex project ID>, or add the "
        + kind
        + " as exported by kubectl get "
        + kind.toLowerCase(java.util.Locale.ROOT)
        + " "
        + name
        + (namespace == null ? "" : " -n " + namespace)
        + " -o yaml";
  }

  static String namespaceOf(InputDocuments.Document document, String defaultNamespace) {
    return document.namespace() == null ? defaultNamespace : document.namespace();
  }

  private static String key(String namespace, String name) {
    return namespace == null ? name : namespace + "/" + name;
  }
}
