package io.atlasoperator.crd;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** The key of a Secret, in the namespace of this resource, that holds the user's password. */
public class PasswordSecretRef {

  /** Name of the Secret, in the namespace of this resource. */
  @Required
  @Size(min = 1, max = 253)
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  private String name;

  /** Key in the Secret's data whose value is the password. Defaults to "password". */
  @Default("password")
  @Size(min = 1, max = 253)
  @Pattern("^[-._a-zA-Z0-9]+$")
  private String key = "password";

  public PasswordSecretRef() {}

  public PasswordSecretRef(String name, String key) {
    this.name = name;
    this.key = key;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }
}
