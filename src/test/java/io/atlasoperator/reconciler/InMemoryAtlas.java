package io.atlasoperator.reconciler;

import io.atlasoperator.domain.AtlasCredentials;
import io.atlasoperator.domain.AtlasDeployments;
import io.atlasoperator.domain.AtlasFailure;
import io.atlasoperator.domain.AtlasUsers;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.Deployment;
import io.atlasoperator.domain.Password;
import io.atlasoperator.domain.UserKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Atlas's database users in memory, for the fast tests of the whole loop: the emulator's rules
 * where the loop depends on them (a create of an existing user is a conflict, an update or delete
 * of a missing one "not found", a temporary user disappears at its date and no date is accepted in
 * the past or more than a week ahead, only the key's projects are reachable), every write recorded,
 * and failures injected per method. Projects may have clusters, whose change status is PENDING for
 * {@link #applyDelay} after each user write in their project, as Atlas's getClusterStatus says.
 */
final class InMemoryAtlas implements AtlasUsers, AtlasDeployments {

  private final Clock clock;
  private final Map<UserKey, DatabaseUser> users = new LinkedHashMap<>();
  private final Map<UserKey, String> passwords = new LinkedHashMap<>();
  private final Deque<Injected> failures = new ArrayDeque<>();
  private final List<String> calls = new ArrayList<>();
  private Set<String> ignoredFields = Set.of();
  private final Map<String, Map<String, Deployment>> deployments = new LinkedHashMap<>();
  private final Map<String, Instant> lastWrite = new LinkedHashMap<>();
  private final List<String> deploymentCalls = new ArrayList<>();
  private final Deque<AtlasFailure> deploymentFailures = new ArrayDeque<>();
  private Duration applyDelay = Duration.ZERO;

  private record Injected(String method, AtlasFailure failure) {}

  InMemoryAtlas(Clock clock) {
    this.clock = clock;
  }

  /** The next call of {@code method} (GET, POST, PATCH, DELETE) fails so. */
  InMemoryAtlas failNext(String method, AtlasFailure.Kind kind, Duration retryAfter) {
    failures.add(
        new Injected(
            method,
            new AtlasFailure(
                kind,
                "Atlas answered " + status(kind) + " (" + kind + ").",
                kind == AtlasFailure.Kind.RATE_LIMITED && retryAfter == null
                    ? null // the operator's own budget: nothing was sent
                    : "operation=" + method + " status=" + status(kind),
                retryAfter,
                null)));
    return this;
  }

  /** The next call of {@code method} is refused with Atlas's {@code status} and errorCode. */
  InMemoryAtlas refuseNext(String method, int status, String errorCode) {
    failures.add(
        new Injected(
            method,
            new AtlasFailure(
                status == 401 || status == 403
                    ? AtlasFailure.Kind.UNAUTHORIZED
                    : AtlasFailure.Kind.REJECTED,
                "Atlas answered " + status + " " + errorCode + ".",
                "operation=" + method + " status=" + status + " errorCode=" + errorCode,
                null,
                errorCode,
                null)));
    return this;
  }

  /**
   * An update of the roles is accepted but not applied, as Atlas sometimes does with a field
   * (NotApplied).
   */
  void ignoreRolesOnUpdate() {
    ignoredFields = Set.of("roles");
  }

  /** A user put there behind the operator's back (the Atlas UI, another tool). */
  void put(DatabaseUser user) {
    users.put(user.key(), user);
  }

  Optional<DatabaseUser> user(UserKey key) {
    expire();
    return Optional.ofNullable(users.get(key));
  }

  Optional<String> password(UserKey key) {
    return Optional.ofNullable(passwords.get(key));
  }

  /** Every call so far, as METHOD USERNAME (LIST for a project's list). */
  List<String> calls() {
    return List.copyOf(calls);
  }

  /** The writes so far, as METHOD USERNAME. */
  List<String> writes() {
    return calls.stream().filter(c -> !c.startsWith("GET") && !c.startsWith("LIST")).toList();
  }

  @Override
  public List<DatabaseUser> list(AtlasCredentials credentials, String projectId) {
    call("LIST", projectId);
    expire();
    return users.values().stream().filter(u -> u.projectId().equals(projectId)).toList();
  }

  @Override
  public Optional<DatabaseUser> get(AtlasCredentials credentials, UserKey user) {
    call("GET", user.username());
    return user(user);
  }

  @Override
  public Optional<DatabaseUser> create(
      AtlasCredentials credentials, DatabaseUser user, Password password) {
    call("POST", user.username());
    expire();
    checkDate(user);
    if (users.containsKey(user.key())) {
      return Optional.empty();
    }
    store(user, password);
    return Optional.of(users.get(user.key()));
  }

  @Override
  public Optional<DatabaseUser> update(
      AtlasCredentials credentials, DatabaseUser user, Password password) {
    call("PATCH", user.username());
    expire();
    DatabaseUser before = users.get(user.key());
    if (before == null) {
      return Optional.empty();
    }
    if (user.deleteAfterDate() != null
        && !user.deleteAfterDate().equals(before.deleteAfterDate())) {
      checkDate(user);
    }
    store(ignoredFields.contains("roles") ? keepRoles(user, before) : user, password);
    return Optional.of(users.get(user.key()));
  }

  @Override
  public boolean delete(AtlasCredentials credentials, UserKey user) {
    call("DELETE", user.username());
    expire();
    passwords.remove(user);
    return users.remove(user) != null;
  }

  @Override
  public void close() {}

  /** An operational cluster (flex when asked) with connection strings made from its name. */
  InMemoryAtlas cluster(String projectId, String name, boolean flex) {
    String host = name.toLowerCase(java.util.Locale.ROOT) + ".mongodb.test";
    return deployment(
        projectId,
        new Deployment(
            name,
            flex,
            Deployment.State.OPERATIONAL,
            new Deployment.ConnectionStrings(
                "mongodb://" + host + ":27017/?ssl=true&authSource=admin",
                "mongodb+srv://" + host,
                null,
                null,
                null)));
  }

  InMemoryAtlas deployment(String projectId, Deployment deployment) {
    deployments
        .computeIfAbsent(projectId, p -> new LinkedHashMap<>())
        .put(deployment.name(), deployment);
    return this;
  }

  void removeDeployment(String projectId, String name) {
    deployments.getOrDefault(projectId, new LinkedHashMap<>()).remove(name);
  }

  /** How long a user write leaves the project's clusters PENDING. */
  void applyDelay(Duration delay) {
    applyDelay = delay;
  }

  /** The next deployment read fails so. */
  void failNextDeploymentRead(AtlasFailure.Kind kind) {
    deploymentFailures.add(
        new AtlasFailure(
            kind, "Atlas answered (" + kind + ").", "operation=GET clusters", null, null));
  }

  List<String> deploymentCalls() {
    return List.copyOf(deploymentCalls);
  }

  @Override
  public List<Deployment> deployments(AtlasCredentials credentials, String projectId) {
    deploymentCall("CLUSTERS " + projectId);
    return List.copyOf(deployments.getOrDefault(projectId, Map.of()).values());
  }

  @Override
  public boolean changesApplied(AtlasCredentials credentials, String projectId, String cluster) {
    deploymentCall("STATUS " + cluster);
    Instant written = lastWrite.get(projectId);
    return written == null || !clock.instant().isBefore(written.plus(applyDelay));
  }

  @Override
  public Set<String> federatedDatabases(AtlasCredentials credentials, String projectId) {
    deploymentCall("FEDERATED " + projectId);
    return Set.of("Lake0");
  }

  @Override
  public Set<String> streamInstances(AtlasCredentials credentials, String projectId) {
    deploymentCall("STREAMS " + projectId);
    return Set.of("Stream0");
  }

  private void deploymentCall(String call) {
    deploymentCalls.add(call);
    AtlasFailure next = deploymentFailures.poll();
    if (next != null) {
      throw next;
    }
  }

  private void call(String method, String what) {
    calls.add(method + " " + what);
    Injected next = failures.peek();
    if (next != null && next.method().equals(method)) {
      failures.remove();
      throw next.failure();
    }
  }

  private void store(DatabaseUser user, Password password) {
    lastWrite.put(user.projectId(), clock.instant());
    users.put(user.key(), user);
    if (password != null) {
      passwords.put(user.key(), password.reveal());
    }
  }

  private static DatabaseUser keepRoles(DatabaseUser user, DatabaseUser before) {
    return new DatabaseUser(
        user.projectId(),
        user.databaseName(),
        user.username(),
        before.roles(),
        user.scopes(),
        user.labels(),
        user.deleteAfterDate(),
        user.authType(),
        user.description());
  }

  /** Atlas deletes a temporary user at its date. */
  private void expire() {
    users
        .values()
        .removeIf(
            u -> u.deleteAfterDate() != null && !u.deleteAfterDate().isAfter(clock.instant()));
  }

  /** Atlas accepts a date in the future, at most a week ahead (Atlas API reference). */
  private void checkDate(DatabaseUser user) {
    if (user.deleteAfterDate() != null
        && (!user.deleteAfterDate().isAfter(clock.instant())
            || user.deleteAfterDate().isAfter(clock.instant().plus(Duration.ofDays(7))))) {
      throw new AtlasFailure(
          AtlasFailure.Kind.REJECTED,
          "Atlas answered 400 INVALID_ATTRIBUTE: deleteAfterDate",
          "operation=" + "write status=400 errorCode=INVALID_ATTRIBUTE",
          null,
          null);
    }
  }

  private static int status(AtlasFailure.Kind kind) {
    return switch (kind) {
      case NO_ANSWER -> 0;
      case TRANSIENT -> 503;
      case UNREADABLE -> 200;
      case RATE_LIMITED -> 429;
      case UNAUTHORIZED -> 401;
      case REJECTED -> 400;
      case TLS -> 0;
    };
  }
}
