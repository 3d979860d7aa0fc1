package io.atlasoperator.testing;

import io.atlasoperator.domain.AuthType;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.UserLabel;
import io.atlasoperator.domain.UserRole;
import io.atlasoperator.domain.UserScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Test data: Atlas database users in the operator's own types, with defaults (project {@link
 * #PROJECT}, admin, SCRAM, no scopes, labels or expiry) and only what a test cares about said.
 */
public final class TestUsers {

  public static final String PROJECT = "5356823b3794dee37132bb7b";

  private String projectId = PROJECT;
  private String databaseName = DatabaseUser.ADMIN;
  private final String username;
  private List<UserRole> roles = List.of(new UserRole("read", "shop", null));
  private List<UserScope> scopes = List.of();
  private final List<UserLabel> labels = new ArrayList<>();
  private Instant deleteAfterDate;
  private AuthType authType = AuthType.SCRAM;
  private String description;

  private TestUsers(String username) {
    this.username = username;
  }

  /** A SCRAM user in admin with the role read@shop. */
  public static TestUsers user(String username) {
    return new TestUsers(username);
  }

  public TestUsers project(String id) {
    this.projectId = id;
    return this;
  }

  /** An external user ($external) of this authentication type. */
  public TestUsers external(AuthType type) {
    this.databaseName = DatabaseUser.EXTERNAL;
    this.authType = type;
    return this;
  }

  public TestUsers auth(AuthType type) {
    this.authType = type;
    return this;
  }

  public TestUsers roles(UserRole... all) {
    this.roles = List.of(all);
    return this;
  }

  /** ROLE@DATABASE, without a collection. */
  public TestUsers role(String roleName, String database) {
    return roles(new UserRole(roleName, database, null));
  }

  public TestUsers scopes(UserScope... all) {
    this.scopes = List.of(all);
    return this;
  }

  /** Adds labels, as KEY, VALUE, KEY, VALUE... */
  public TestUsers labels(String... keysAndValues) {
    for (int i = 0; i < keysAndValues.length; i += 2) {
      labels.add(new UserLabel(keysAndValues[i], keysAndValues[i + 1]));
    }
    return this;
  }

  public TestUsers expiring(Instant at) {
    this.deleteAfterDate = at;
    return this;
  }

  public TestUsers description(String text) {
    this.description = text;
    return this;
  }

  public DatabaseUser build() {
    return new DatabaseUser(
        projectId,
        databaseName,
        username,
        roles,
        scopes,
        labels,
        deleteAfterDate,
        authType,
        description);
  }
}
