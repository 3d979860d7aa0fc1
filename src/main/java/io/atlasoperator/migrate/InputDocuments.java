package io.atlasoperator.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Reads the input files: YAML streams of manifests (and List kinds), or JSON, which is YAML. */
final class InputDocuments {

  /** One document of an input: a manifest or a Terraform state. */
  record Document(String file, int index, JsonNode body) {

    String kind() {
      return text(body.path("kind"));
    }

    String apiVersion() {
      return text(body.path("apiVersion"));
    }

    String name() {
      return text(body.path("metadata").path("name"));
    }

    /** The document's namespace, or null when it names none. */
    String namespace() {
      JsonNode ns = body.path("metadata").path("namespace");
      return ns.isTextual() && !ns.asText().isEmpty() ? ns.asText() : null;
    }

    boolean isTerraformState() {
      return body.has("format_version") && (body.has("values") || body.has("terraform_version"));
    }

    /** "KIND NAMESPACE/NAME (FILE)", how the report names it. */
    String describe() {
      String ns = namespace() == null ? "" : namespace() + "/";
      return kind() + " " + ns + name() + " (" + where() + ")";
    }

    String where() {
      return index == 0 ? file : file + ", document " + (index + 1);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private InputDocuments() {}

  /** The documents of the files in order; an unreadable file is an IOException naming it. */
  static List<Document> read(List<Path> files, InputStream stdin) throws IOException {
    List<Document> documents = new ArrayList<>();
    for (Path file : files) {
      String name = file.toString();
      try (InputStream in = name.equals("-") ? stdin : Files.newInputStream(file)) {
        int index = 0;
        for (Object loaded : new Load(LoadSettings.builder().build()).loadAllFromInputStream(in)) {
          if (loaded == null) {
            continue;
          }
          JsonNode body = JSON.valueToTree(loaded);
          if (text(body.path("kind")).endsWith("List") && body.path("items").isArray()) {
            for (JsonNode item : body.path("items")) {
              documents.add(new Document(name, index++, item));
            }
          } else {
            documents.add(new Document(name, index++, body));
          }
        }
      } catch (YamlEngineException e) {
        throw new IOException(name + " is neither YAML nor JSON: " + e.getMessage(), e);
      } catch (IllegalArgumentException e) {
        throw new IOException(name + ": " + e.getMessage(), e);
      }
    }
    return documents;
  }

  /** A node's text, or "" when it is missing or not text. */
  static String text(com.fasterxml.jackson.databind.JsonNode node) {
    return node.isValueNode() ? node.asText() : "";
  }
}
