package io.atlasoperator.crd;

import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** One key of a connection Secret and what it holds. */
public class SecretKey {

  /** The key: 1 to 253 letters, digits, '-', '_' or '.', as a Secret's keys must be. */
  @Required
  @Size(min = 1, max = 253)
  @ValidationRule(
      value = "self.matches('^[-._a-zA-Z0-9]+$')",
      message =
          "a key of spec.connectionSecrets.keys must be letters, digits, '-', '_' or '.', as a"
              + " Secret's keys must")
  private String name;

  /**
   * What the key holds: text with the placeholders {username}, {password},
   * {connectionStringStandard}, {connectionStringStandardSrv}, {connectionStringPrivate},
   * {connectionStringPrivateSrv}, {connectionStringPrivateShard}, {cluster} and {project} (the
   * project ID). The connection strings hold the credentials.
   */
  @Required
  @Size(max = 1024)
  @ValidationRule(
      value = "self.matches('" + ConnectionSecrets.VALUE_TEMPLATE + "')",
      message =
          "a value of spec.connectionSecrets.keys may use only the placeholders {username},"
              + " {password}, {connectionStringStandard}, {connectionStringStandardSrv},"
              + " {connectionStringPrivate}, {connectionStringPrivateSrv},"
              + " {connectionStringPrivateShard}, {cluster} and {project}")
  private String value;

  public SecretKey() {}

  public SecretKey(String name, String value) {
    this.name = name;
    this.value = value;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }
}
