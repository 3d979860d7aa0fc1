package io.atlasoperator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the operator last observed and did. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AtlasDatabaseUserStatus {

  /** The metadata.generation of the spec this status describes. */
  private Long observedGeneration;

  /**
   * Ready is True when the Atlas user matches the spec. Reconciling is True while the operator
   * still has work to do. Stalled is True when it cannot make progress until the spec, a Secret or
   * Atlas changes.
   */
  private List<Condition> conditions = new ArrayList<>();

  /** The user as it exists in Atlas, when it does. */
  private AtlasUserStatus atlas;

  /**
   * Which version of the password Secret (its uid, resourceVersion and key) was last sent to Atlas.
   * Never the password itself. A different version means the password is rotated.
   */
  private String appliedPasswordVersion;

  /**
   * The spec generation and referenced Secret versions last acted on. A permanent error is not
   * retried until these change.
   */
  private String observedInputs;

  /**
   * The deletion policy that applies and where it comes from: spec.deletionPolicy, the annotation
   * mongodb.com/atlas-resource-policy: keep (Retain), or the default (Delete).
   */
  private String deletionPolicy;

  /**
   * The connection Secrets this resource wrote, in its namespace, one per cluster the user can
   * reach. Empty while Atlas is still applying the user, and when the project has no cluster.
   */
  private List<String> connectionSecrets;

  /**
   * The Atlas user this resource replaced after a change of username, databaseName or
   * authentication type: it is deleted (under deletionPolicy Retain, released) once the new user is
   * applied and the connection Secrets name it.
   */
  private AtlasUserStatus replacing;

  public AtlasUserStatus getReplacing() {
    return replacing;
  }

  public void setReplacing(AtlasUserStatus replacing) {
    this.replacing = replacing;
  }

  /** Where the password is kept and, when the operator generated it, its rotations. */
  private PasswordStatus password;

  public PasswordStatus getPassword() {
    return password;
  }

  public void setPassword(PasswordStatus password) {
    this.password = password;
  }

  public List<String> getConnectionSecrets() {
    return connectionSecrets;
  }

  public void setConnectionSecrets(List<String> connectionSecrets) {
    this.connectionSecrets = connectionSecrets;
  }

  public String getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(String deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public String getAppliedPasswordVersion() {
    return appliedPasswordVersion;
  }

  public void setAppliedPasswordVersion(String appliedPasswordVersion) {
    this.appliedPasswordVersion = appliedPasswordVersion;
  }

  public String getObservedInputs() {
    return observedInputs;
  }

  public void setObservedInputs(String observedInputs) {
    this.observedInputs = observedInputs;
  }

  public AtlasUserStatus getAtlas() {
    return atlas;
  }

  public void setAtlas(AtlasUserStatus atlas) {
    this.atlas = atlas;
  }
}
