package io.atlasoperator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where the user's password is kept and, for a generated one, its rotations. Never the password.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PasswordStatus {

  /** The Secret, in this namespace, that holds the password Atlas has. */
  private String secret;

  /** True when the operator generated the password and owns its Secret. */
  private Boolean generated;

  /** When the current generated password was put in its Secret, after Atlas applied it. */
  private String lastRotation;

  /** When the scheduled rotation next rotates it (spec.passwordGeneration.rotation). */
  private String nextRotation;

  /**
   * True while a rotation waits for Atlas: the new password is in Atlas, and goes into the Secrets
   * once Atlas reports it applied.
   */
  private Boolean rotating;

  /** TwoUsers: the Atlas user the Secrets name now. */
  private String user;

  /** TwoUsers: the user the Secrets left at the last rotation, valid until the time below. */
  private String previousUser;

  /** TwoUsers: when the previous user's password is replaced by one nobody knows. */
  private String previousUserValidUntil;

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
  }

  public String getPreviousUser() {
    return previousUser;
  }

  public void setPreviousUser(String previousUser) {
    this.previousUser = previousUser;
  }

  public String getPreviousUserValidUntil() {
    return previousUserValidUntil;
  }

  public void setPreviousUserValidUntil(String previousUserValidUntil) {
    this.previousUserValidUntil = previousUserValidUntil;
  }

  public String getSecret() {
    return secret;
  }

  public void setSecret(String secret) {
    this.secret = secret;
  }

  public Boolean getGenerated() {
    return generated;
  }

  public void setGenerated(Boolean generated) {
    this.generated = generated;
  }

  public String getLastRotation() {
    return lastRotation;
  }

  public void setLastRotation(String lastRotation) {
    this.lastRotation = lastRotation;
  }

  public String getNextRotation() {
    return nextRotation;
  }

  public void setNextRotation(String nextRotation) {
    this.nextRotation = nextRotation;
  }

  public Boolean getRotating() {
    return rotating;
  }

  public void setRotating(Boolean rotating) {
    this.rotating = rotating;
  }
}
