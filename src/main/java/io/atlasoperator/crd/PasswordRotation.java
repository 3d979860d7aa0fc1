package io.atlasoperator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
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
   * How often: days (d), hours (h) and minutes (m), such as 30d, 12h or 1d12h; at least 1m. When
   * omitted, the password is rotated only on request (the annotation). Counted from the last
   * rotation (status.password.lastRotation); the next one is in status.password.nextRotation. A
   * rotation never starts while the previous one waits for Atlas, so a period shorter than Atlas
   * takes to apply a change stretches to that time.
   */
  @Size(max = 32)
  @ValidationRule(
      value = "self.matches('^([0-9]+(d|h|m))+$') && !self.matches('^(0+(d|h|m))+$')",
      message =
          "rotation.every must be a duration in days (d), hours (h) and minutes (m) such as 30d,"
              + " 12h or 1d12h, and more than 0")
  private String every;

  /** InPlace (the default) or TwoUsers, the rotation without downtime. */
  private RotationStrategy strategy;

  /**
   * For TwoUsers: how long the previous user keeps its password after the Secrets moved to the
   * other one, in days (d), hours (h), minutes (m) and seconds (s). Default 1h. Give applications
   * time to read the new Secret (a mounted Secret is refreshed within about a minute; a rollout
   * takes longer). No rotation starts during it, so it also bounds how often the pair can rotate.
   */
  @Size(max = 32)
  @ValidationRule(
      value = "self.matches('^([0-9]+(d|h|m|s))+$')",
      message =
          "rotation.gracePeriod must be a duration in days (d), hours (h), minutes (m) and"
              + " seconds (s)")
  private String gracePeriod;

  public RotationStrategy getStrategy() {
    return strategy;
  }

  public void setStrategy(RotationStrategy strategy) {
    this.strategy = strategy;
  }

  public String getGracePeriod() {
    return gracePeriod;
  }

  public void setGracePeriod(String gracePeriod) {
    this.gracePeriod = gracePeriod;
  }

  public String getEvery() {
    return every;
  }

  public void setEvery(String every) {
    this.every = every;
  }
}
