package io.atlasoperator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Rotates a generated password on a schedule. Each rotation writes the new password to Atlas first,
 * waits until Atlas reports it applied on every cluster the user reaches, and only then puts it in
 * the password Secret and the connection Secrets, so that they never hold a password Atlas does not
 * accept yet.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PasswordRotation {

  /**
   * How often: days (d), hours (h) and minutes (m), such as 30d, 12h or 1d12h; at least 1m. Counted
   * from the last rotation (status.password.lastRotation); the next one is in
   * status.password.nextRotation. A rotation never starts while the previous one waits for Atlas,
   * so a period shorter than Atlas takes to apply a change stretches to that time.
   */
  @Required
  @Size(max = 32)
  @ValidationRule(
      value = "self.matches('^([0-9]+(d|h|m))+$') && !self.matches('^(0+(d|h|m))+$')",
      message =
          "rotation.every must be a duration in days (d), hours (h) and minutes (m) such as 30d,"
              + " 12h or 1d12h, and more than 0")
  private String every;

  public String getEvery() {
    return every;
  }

  public void setEvery(String every) {
    this.every = every;
  }
}
