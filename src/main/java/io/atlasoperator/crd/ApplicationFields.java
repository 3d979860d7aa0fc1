package io.atlasoperator.crd;

/** What the operator gives applications besides the Atlas user: its connection Secrets. */
public abstract class ApplicationFields extends ManagementFields {

  /**
   * The connection Secrets for applications: one per cluster the user can reach, written once Atlas
   * has applied the user there. On by default; see its fields for names, keys and labels.
   */
  private ConnectionSecrets connectionSecrets;

  public ConnectionSecrets getConnectionSecrets() {
    return connectionSecrets;
  }

  public void setConnectionSecrets(ConnectionSecrets connectionSecrets) {
    this.connectionSecrets = connectionSecrets;
  }
}
