package io.atlasoperator.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** What AKO resources of either kind carry in their metadata, and their spec's unknown fields. */
final class AkoMetadata {

  static final String RESOURCE_POLICY = "mongodb.com/atlas-resource-policy";
  static final String RECONCILIATION_POLICY = "mongodb.com/atlas-reconciliation-policy";
  static final String PAUSED = "atlasoperator.io/paused";
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private AkoMetadata() {}

  /** Namespace, labels and annotations, AKO's policy annotations translated. */
  static void copy(JsonNode metadata, UserDraft draft, Outcome outcome) {
    for (Iterator<Map.Entry<String, JsonNode>> it = metadata.path("labels").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> label = it.next();
      draft.metadataLabels.put(label.getKey(), label.getValue().asText());
    }
    boolean keep = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = metadata.path("annotations").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> annotation = it.next();
      String key = annotation.getKey();
      String value = annotation.getValue().asText();
      if (key.equals(RESOURCE_POLICY) && value.equals("keep")) {
        draft.deletionPolicy = "Retain";
        keep = true;
        outcome.note(RESOURCE_POLICY + ": keep became spec.deletionPolicy: Retain");
      } else if (key.equals(RESOURCE_POLICY) && value.equals("delete")) {
        draft.deletionPolicy = "Delete";
        outcome.note(RESOURCE_POLICY + ": delete became spec.deletionPolicy: Delete");
      } else if (key.equals(RECONCILIATION_POLICY) && value.equals("skip")) {
        draft.annotations.put(PAUSED, "true");
        outcome.note(RECONCILIATION_POLICY + ": skip became annotation " + PAUSED + ": \"true\"");
      } else if (key.startsWith("mongodb.com/")) {
        outcome.lost("annotation " + key + ": " + value + " (no equivalent)");
      } else if (!key.equals(LAST_APPLIED)) {
        draft.annotations.put(key, value);
      }
    }
    if (!keep) {
      outcome.note(
          "deletionPolicy: our default, Delete (no "
              + RESOURCE_POLICY
              + ": keep): deleting the resource deletes the Atlas user");
    }
  }

  /** Reports the fields of {@code spec} that migrate does not know as lost. */
  static void unknownFields(JsonNode spec, Set<String> known, String path, Outcome outcome) {
    for (Iterator<String> it = spec.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!known.contains(field)) {
        outcome.lost(path + "." + field + " (not a field migrate knows)");
      }
    }
  }
}
