package io.atlasoperator.crd;

/**
 * What the operator gives applications besides the Atlas user: its connection Secrets, and a
 * generated password.
 */
public abstract class ApplicationFields extends ManagementFields {

  /**
   * The connection Secrets for applications: one per cluster the user can reach, written once Atlas
   * has applied the user there. On by default; see its fields for names, keys and labels.
   */
  private ConnectionSecrets connectionSecrets;

  /**
   * Generate the password instead of reading it from a Secret someone wrote, and rotate it. A SCRAM
   * user without passwordSecretRef gets a generated password with the defaults, without this field
   * too; with passwordSecretRef, the password is generated only when that Secret does not exist.
   * For SCRAM users only.
   */
  private PasswordGeneration passwordGeneration;

  public PasswordGeneration getPasswordGeneration() {
    return passwordGeneration;
  }

  public void setPasswordGeneration(PasswordGeneration passwordGeneration) {
    this.passwordGeneration = passwordGeneration;
  }

  public ConnectionSecrets getConnectionSecrets() {
    return connectionSecrets;
  }

  public void setConnectionSecrets(ConnectionSecrets connectionSecrets) {
    this.connectionSecrets = connectionSecrets;
  }
}
