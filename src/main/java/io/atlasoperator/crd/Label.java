package io.atlasoperator.crd;

import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A key-value pair that tags the user in Atlas. */
public class Label {

  /** Label key, 1 to 255 characters, unique among the user's labels. */
  @Required
  @Size(min = 1, max = 255)
  private String key;

  /** Label value, 1 to 255 characters. */
  @Required
  @Size(min = 1, max = 255)
  private String value;

  public Label() {}

  public Label(String key, String value) {
    this.key = key;
    this.value = value;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }
}
