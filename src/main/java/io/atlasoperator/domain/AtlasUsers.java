package io.atlasoperator.domain;

import java.util.List;
import java.util.Optional;

/**
 * Atlas's database users as the operator sees them: the port the reconciler talks to, in the
 * operator's own types. "Not found" and "already exists" are ordinary answers here (an empty
 * Optional, false); every other failure is an {@link AtlasFailure}. Implementations never retry a
 * call on their own: the caller decides, with what the failure says.
 *
 * <p>The Atlas package implements it over the Admin API v2 or v1.0, with API keys or Service
 * Accounts; which one is used is a setting the reconciler never sees.
 */
public interface AtlasUsers extends AutoCloseable {

  /** Every user of a project. */
  List<DatabaseUser> list(AtlasCredentials credentials, String projectId);

  /** The user, or empty when Atlas has no such user. */
  Optional<DatabaseUser> get(AtlasCredentials credentials, UserKey user);

  /**
   * Creates the user and returns it as Atlas answered; empty when Atlas already has a user by that
   * name. {@code password} is null for users that authenticate elsewhere (LDAP, X.509, IAM, OIDC).
   */
  Optional<DatabaseUser> create(AtlasCredentials credentials, DatabaseUser user, Password password);

  /**
   * Makes the Atlas user match {@code user} (its password too, when {@code password} is not null)
   * and returns it as Atlas answered; empty when Atlas has no such user.
   */
  Optional<DatabaseUser> update(AtlasCredentials credentials, DatabaseUser user, Password password);

  /** Deletes the user; false when Atlas had no such user. */
  boolean delete(AtlasCredentials credentials, UserKey user);

  /** Releases connections and threads. */
  @Override
  void close();
}
