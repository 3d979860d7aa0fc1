package io.atlasoperator.emulator;

import static io.atlasoperator.emulator.ErrorCode.GROUP_USERS_LIMIT_EXCEEDED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The emulator's projects by GROUP-ID, with the direct reads and changes of their users that tests
 * make past the API (as someone in the Atlas UI would). A change past the API is a user write like
 * one through it: the project's clusters are PENDING until it is applied. Not thread-safe by
 * itself: {@link AtlasEmulator} uses it only while holding its own lock.
 */
final class ProjectStore {

  private final Map<String, ProjectState> projects = new LinkedHashMap<>();
  private final EmulatorClock clock;

  /**
   * The passwords users may not have (400 COMMON_PASSWORD), in lower case: the built-in {@link
   * CommonPasswords#BUILT_IN} and those the builder added.
   */
  final Set<String> commonPasswords = new HashSet<>(CommonPasswords.BUILT_IN);

  /**
   * Atlas's published limit: "Database Users per Atlas Project: 100" (Atlas Service Limits), the
   * default of the project limit {@code atlas.project.security.databaseAccess.users}.
   */
  static final int DEFAULT_USERS_PER_PROJECT = 100;

  /** The database users a project may hold (see {@link #checkRoomForUser}); 0 for no limit. */
  int usersPerProject = DEFAULT_USERS_PER_PROJECT;

  ProjectStore(EmulatorClock clock) {
    this.clock = clock;
  }

  /** The project, or null when there is none. */
  ProjectState get(String projectId) {
    return projects.get(projectId);
  }

  /** The project, added first if needed. */
  ProjectState add(String projectId) {
    return projects.computeIfAbsent(projectId, id -> new ProjectState(id, clock.instant()));
  }

  /** The project with this name, if any. */
  Optional<ProjectState> byName(String name) {
    return projects.values().stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /**
   * Forgets every project's users, last writes (and so any pending change) and fields ignored on
   * write.
   */
  void forgetUsers() {
    projects
        .values()
        .forEach(
            p -> {
              p.users.clear();
              p.lastWrites.clear();
              p.ignoredOnWrite.clear();
              p.lastUserWrite = null;
            });
  }

  Optional<JsonNode> storedUser(String projectId, String databaseName, String username) {
    ProjectState project = projects.get(projectId);
    if (project == null) {
      return Optional.empty();
    }
    project.removeExpired(clock.instant());
    return Optional.ofNullable(project.users.get(ProjectState.key(databaseName, username)))
        .map(ObjectNode::deepCopy);
  }

  List<JsonNode> storedUsers(String projectId) {
    ProjectState project = projects.get(projectId);
    if (project == null) {
      return List.of();
    }
    project.removeExpired(clock.instant());
    return project.users.values().stream().map(u -> (JsonNode) u.deepCopy()).toList();
  }

  Optional<JsonNode> lastWrite(String projectId, String databaseName, String username) {
    ProjectState project = projects.get(projectId);
    return project == null
        ? Optional.empty()
        : Optional.ofNullable(project.lastWrites.get(ProjectState.key(databaseName, username)))
            .map(JsonNode::deepCopy);
  }

  void changeUser(String projectId, String databaseName, String username, ObjectNode changes) {
    ObjectNode user = projects.get(projectId).users.get(ProjectState.key(databaseName, username));
    if (user == null) {
      throw new IllegalArgumentException("no user " + databaseName + "/" + username);
    }
    user.setAll(changes);
    projects.get(projectId).userWritten(clock.instant());
  }

  /**
   * 403 GROUP_USERS_LIMIT_EXCEEDED when the project already holds {@link #usersPerProject} users:
   * every user counts, whatever its authentication, temporary ones until they expire (callers drop
   * expired users first). Checked only for a new user that passed every other rule, so a create
   * that breaks one still says which, and a duplicate is still 409 (the emulator's choice).
   */
  void checkRoomForUser(ProjectState project) {
    if (usersPerProject > 0 && project.users.size() >= usersPerProject) {
      // As an Object: an int would also fit AtlasError's (code, status, ...) constructor.
      throw new AtlasError(GROUP_USERS_LIMIT_EXCEEDED, (Object) usersPerProject);
    }
  }

  /**
   * Adds a user, and its project if needed, validated by the API's rules and held to the limit of
   * users per project; a user already there is replaced (and so not counted again).
   */
  void createUser(String projectId, ObjectNode user) {
    ProjectState project = add(projectId);
    Instant now = clock.instant();
    project.removeExpired(now);
    ObjectNode stored =
        UserRules.create(user, projectId, project.customRoles, commonPasswords, now);
    String key =
        ProjectState.key(stored.get("databaseName").asText(), stored.get("username").asText());
    if (!project.users.containsKey(key)) {
      checkRoomForUser(project);
    }
    project.users.put(key, stored);
    project.userWritten(now);
  }

  boolean deleteUser(String projectId, String databaseName, String username) {
    ProjectState project = projects.get(projectId);
    if (project == null || project.users.remove(ProjectState.key(databaseName, username)) == null) {
      return false;
    }
    project.userWritten(clock.instant());
    return true;
  }
}
