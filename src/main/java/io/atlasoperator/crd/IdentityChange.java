package io.atlasoperator.crd;

/** What a change of username, databaseName or authentication type does. */
public enum IdentityChange {
  /**
   * The user is replaced (the default): the new user is created, and once Atlas has applied it on
   * every cluster and the connection Secrets name it, the old one is deleted (under deletionPolicy
   * Retain, left in Atlas without the owner label).
   */
  Replace,
  /** The change is refused at kubectl apply: create a new resource for another user. */
  Refuse
}
