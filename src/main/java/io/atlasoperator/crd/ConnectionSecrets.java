package io.atlasoperator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/**
 * The Secrets that give applications this user's credentials: one per cluster and flex cluster the
 * user can reach (those named by its CLUSTER scopes, else every one of the project), in this
 * resource's namespace. They are written only once Atlas reports the user's latest change applied
 * on that cluster, so an application never reads a password that does not work yet, and are deleted
 * when the cluster leaves the scopes or the project, or the resource is deleted. A Secret of the
 * same name that this resource does not own is never changed: the resource says so instead.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConnectionSecrets {

  static final String NAME_TEMPLATE =
      "^([a-z0-9.-]|\\\\{(resource|namespace|cluster|project|username)\\\\})+$";
  static final String VALUE_TEMPLATE =
      "^([^{}]|\\\\{(username|password|connectionStringStandard|connectionStringStandardSrv"
          + "|connectionStringPrivate|connectionStringPrivateSrv|connectionStringPrivateShard"
          + "|cluster|project)\\\\})*$";

  /** Whether the operator writes connection Secrets. Default true; false deletes those it wrote. */
  private Boolean enabled;

  /**
   * Take over the connection Secret MongoDB's Atlas operator wrote under the same name (labelled
   * atlas.mongodb.com/type: credentials with this project's ID and the cluster's name, holding this
   * user's username, owned by nothing but that operator's AtlasDatabaseUser), so that applications
   * keep reading it through a move: it becomes this resource's, its content this operator's. Any
   * other Secret of that name is still left alone. Default false; migrate sets it.
   */
  private Boolean takeOverMongoDbOperatorSecrets;

  /**
   * The name of each Secret, a template: lowercase letters, digits, '-' and '.', and the
   * placeholders {resource} (this resource's name), {namespace}, {cluster}, {project} (the project
   * ID) and {username}. A placeholder's value is lowercased and any character a Secret name cannot
   * hold becomes '-'. Default "{resource}-{cluster}". A name that two clusters share, or that is
   * not a valid Secret name once rendered, is reported in the status and no Secret is written.
   */
  @Size(max = 200)
  @ValidationRule(
      value = "self.matches('" + NAME_TEMPLATE + "')",
      message =
          "spec.connectionSecrets.name may hold lowercase letters, digits, '-', '.' and the"
              + " placeholders {resource}, {namespace}, {cluster}, {project} and {username}")
  private String name;

  /**
   * The Secret's keys and what each holds, replacing the default keys; for example one key DB_URL
   * with the value "{connectionStringStandardSrv}". Default: the keys MongoDB's Atlas operator
   * writes (username, password, connectionStringStandard, connectionStringStandardSrv,
   * connectionStringPrivate, connectionStringPrivateSrv; the private ones empty when the cluster
   * has none; no password for users without one).
   */
  @Size(max = 32)
  @ValidationRule(
      value = "self.all(k, self.exists_one(o, o.name == k.name))",
      message = "each key of spec.connectionSecrets.keys may be given once")
  private List<SecretKey> keys;

  /**
   * Labels added to each Secret. The operator's own labels (atlasoperator.io/...) are its own and
   * may not be set here.
   */
  @Size(max = 32)
  @ValidationRule(
      value = "self.all(k, !k.startsWith('atlasoperator.io/'))",
      message = "labels under atlasoperator.io/ are the operator's own")
  private Map<String, String> labels;

  /** Annotations added to each Secret. */
  @Size(max = 32)
  @ValidationRule(
      value = "self.all(k, !k.startsWith('atlasoperator.io/'))",
      message = "annotations under atlasoperator.io/ are the operator's own")
  private Map<String, String> annotations;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public Boolean getTakeOverMongoDbOperatorSecrets() {
    return takeOverMongoDbOperatorSecrets;
  }

  public void setTakeOverMongoDbOperatorSecrets(Boolean takeOver) {
    this.takeOverMongoDbOperatorSecrets = takeOver;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public List<SecretKey> getKeys() {
    return keys;
  }

  public void setKeys(List<SecretKey> keys) {
    this.keys = keys;
  }

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }
}
