package io.atlasoperator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * A password the operator generates and keeps in a Secret it owns (labelled
 * atlasoperator.io/generated-password: "true", with an owner reference to this resource): the
 * Secret named by passwordSecretRef, or RESOURCE-password when passwordSecretRef is omitted. It is
 * generated only when that Secret does not exist; an existing Secret is used as it is and never
 * overwritten. The password is never logged, printed or put in the status.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PasswordGeneration {

  /** Number of characters, from 8 (Atlas's minimum) to 128. Default 32. */
  @Min(8)
  @Max(128)
  private Integer length;

  /**
   * The characters drawn from: Alphanumeric (the default: letters and digits) or
   * AlphanumericAndSymbols.
   */
  private PasswordCharacters characters;

  /**
   * Rotate the generated password on a schedule. Without it the password changes only when asked:
   * annotate the resource with atlasoperator.io/rotate-password set to a new value (a date, a
   * counter) to rotate now.
   */
  private PasswordRotation rotation;

  public Integer getLength() {
    return length;
  }

  public void setLength(Integer length) {
    this.length = length;
  }

  public PasswordCharacters getCharacters() {
    return characters;
  }

  public void setCharacters(PasswordCharacters characters) {
    this.characters = characters;
  }

  public PasswordRotation getRotation() {
    return rotation;
  }

  public void setRotation(PasswordRotation rotation) {
    this.rotation = rotation;
  }
}
