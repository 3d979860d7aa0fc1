package io.atlasoperator.crd;

import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Fields of MongoDB's Atlas operator (AKO) that this resource spells differently. They are in the
 * schema only so that a manifest ported from AKO is refused with what to write instead, rather than
 * with "unknown field" or, worse, silently pruned.
 */
// Required by a rule rather than by the schema, so that the rules below, which say what to write
// instead of MongoDB's operator's fields, are checked too (a missing required field stops them).
@ValidationRule(
    value = "has(self.projectId)",
    message = "spec.projectId is required: the 24-hex-digit ID of the Atlas project",
    fieldPath = ".projectId",
    reason = "FieldValueRequired")
@ValidationRule(
    value = "!has(self.projectRef)",
    message =
        "spec.projectRef is how MongoDB's operator names an AtlasProject, which this operator"
            + " does not read: write spec.projectId with the project's 24-hex-digit Atlas ID"
            + " instead (the AtlasProject's status.id, or the Atlas UI's project settings)",
    fieldPath = ".projectRef",
    reason = "FieldValueForbidden")
@ValidationRule(
    value = "!has(self.externalProjectRef)",
    message =
        "spec.externalProjectRef is MongoDB's operator's spelling: write its id as spec.projectId"
            + " instead",
    fieldPath = ".externalProjectRef",
    reason = "FieldValueForbidden")
@ValidationRule(
    value = "!has(self.connectionSecret)",
    message =
        "spec.connectionSecret is MongoDB's operator's spelling: write spec.credentialsSecretRef"
            + " instead (the same Secret and keys work)",
    fieldPath = ".connectionSecret",
    reason = "FieldValueForbidden")
public abstract class MongoDbOperatorFields extends TemporaryFields {

  /** Not supported (MongoDB's operator's): write projectId instead. */
  private Reference projectRef;

  /** Not supported (MongoDB's operator's): write projectId instead. */
  private External externalProjectRef;

  /** Not supported (MongoDB's operator's): write credentialsSecretRef instead. */
  private Reference connectionSecret;

  public Reference getProjectRef() {
    return projectRef;
  }

  public void setProjectRef(Reference projectRef) {
    this.projectRef = projectRef;
  }

  public External getExternalProjectRef() {
    return externalProjectRef;
  }

  public void setExternalProjectRef(External externalProjectRef) {
    this.externalProjectRef = externalProjectRef;
  }

  public Reference getConnectionSecret() {
    return connectionSecret;
  }

  public void setConnectionSecret(Reference connectionSecret) {
    this.connectionSecret = connectionSecret;
  }

  /** MongoDB's operator's reference by name (and namespace). */
  public static class Reference {
    /** Name of the referenced object. */
    @Size(max = 253)
    private String name;

    /** Namespace of the referenced object. */
    @Size(max = 63)
    private String namespace;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getNamespace() {
      return namespace;
    }

    public void setNamespace(String namespace) {
      this.namespace = namespace;
    }
  }

  /** MongoDB's operator's reference to a project by its Atlas ID. */
  public static class External {
    /** The Atlas project ID. */
    @Size(max = 24)
    private String id;

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }
  }
}
