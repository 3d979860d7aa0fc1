package io.atlasoperator.reconciler;

import io.atlasoperator.domain.AtlasCredentials;
import io.atlasoperator.domain.AtlasUsers;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.UserKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Atlas holds, one project at a time: a project's users are read with one paginated list,
 * shared by every reconcile of that project until it is older than the resync interval. Writes made
 * by the operator update it, so they cost no extra read.
 */
final class ProjectUserCache {

  private final AtlasUsers atlas;
  private final Clock clock;
  private final Duration maxAge;
  private final Map<String, Snapshot> projects = new ConcurrentHashMap<>();

  /** A project's users as last listed, by databaseName/username. */
  private static final class Snapshot {
    Instant listedAt;
    final Map<String, DatabaseUser> users = new HashMap<>();
  }

  ProjectUserCache(AtlasUsers atlas, Clock clock, Duration maxAge) {
    this.atlas = atlas;
    this.clock = clock;
    this.maxAge = maxAge;
  }

  /**
   * The user as Atlas has it, listing the project first when its snapshot is missing or older than
   * the resync interval. Concurrent callers for one project share one list.
   */
  Optional<DatabaseUser> find(AtlasCredentials credentials, UserKey key) {
    return find(credentials, key, maxAge);
  }

  /** Like {@link #find(AtlasCredentials, UserKey)}, from a list at most {@code age} old. */
  Optional<DatabaseUser> find(AtlasCredentials credentials, UserKey key, Duration age) {
    Duration limit = age.compareTo(maxAge) < 0 ? age : maxAge;
    Snapshot snapshot =
        projects.computeIfAbsent(id(credentials.id(), key.projectId()), k -> new Snapshot());
    synchronized (snapshot) {
      Instant now = clock.instant();
      if (snapshot.listedAt == null || !snapshot.listedAt.plus(limit).isAfter(now)) {
        // Read first, replace after: a list that fails leaves the last one in place, still due
        // for a new read (listedAt unchanged), never an empty project that looks fresh.
        Map<String, DatabaseUser> listed = new HashMap<>();
        atlas.list(credentials, key.projectId()).forEach(u -> listed.put(name(u.key()), u));
        snapshot.users.clear();
        snapshot.users.putAll(listed);
        snapshot.listedAt = now;
      }
      return Optional.ofNullable(snapshot.users.get(name(key)));
    }
  }

  /** Records a user as the operator just wrote it. */
  void put(String credentialsId, DatabaseUser user) {
    Snapshot snapshot = projects.get(id(credentialsId, user.projectId()));
    if (snapshot != null) {
      synchronized (snapshot) {
        snapshot.users.put(name(user.key()), user);
      }
    }
  }

  /** Records that a user is gone. */
  void remove(String credentialsId, UserKey key) {
    Snapshot snapshot = projects.get(id(credentialsId, key.projectId()));
    if (snapshot != null) {
      synchronized (snapshot) {
        snapshot.users.remove(name(key));
      }
    }
  }

  /** Forgets a project, so the next lookup lists it again (after a surprise from Atlas). */
  void invalidate(String credentialsId, String projectId) {
    projects.remove(id(credentialsId, projectId));
  }

  private static String id(String credentialsId, String projectId) {
    return credentialsId + "/" + projectId;
  }

  private static String name(UserKey key) {
    return key.databaseName() + "/" + key.username();
  }
}
