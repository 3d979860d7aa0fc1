package io.atlasoperator.crd;

/** How a generated password is rotated. */
public enum RotationStrategy {
  /**
   * The user's own password changes (the default). From the moment Atlas applies it until an
   * application reads the updated Secret, a new connection with the old password fails.
   */
  InPlace,
  /**
   * Two Atlas users take turns: USERNAME and USERNAME-b, with the same roles, scopes and labels. A
   * rotation gives the idle one a new password, waits until Atlas has applied it, then points the
   * Secrets at it; the previous user keeps its password for gracePeriod, so that applications still
   * holding it keep working, and then gets a random one nobody knows. Both users count against
   * Atlas's 100 users per project, and both are deleted with the resource. Once chosen it stays:
   * switching back would strand the second user.
   */
  TwoUsers
}
