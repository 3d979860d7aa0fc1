package io.atlasoperator.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Atlas project: its name, users, custom roles, clusters and flex clusters, federated database
 * instances and stream instances, when its users were last written, and which principals (API
 * public keys or service-account client ids) may use it.
 */
final class ProjectState {

  final String id;

  /** Principals with access; empty means every principal the emulator knows. */
  final Set<String> principals = ConcurrentHashMap.newKeySet();

  /** The configured name, or null for the default (see {@link #name()}). */
  volatile String name;

  /** When the emulator added the project. */
  final Instant created;

  /** Clusters and flex clusters by name, in the order added (see {@link #deployments}). */
  final Map<String, Deployment> deployments = new LinkedHashMap<>();

  /** Federated database instances (Data Federation) by name, in the order added. */
  final Set<String> federatedDatabases = new LinkedHashSet<>();

  /** Stream instances (Atlas Stream Processing workspaces) by name, in the order added. */
  final Set<String> streamInstances = new LinkedHashSet<>();

  /** When a database user of the project was last created, changed or deleted; null for never. */
  Instant lastUserWrite;

  final Set<String> customRoles = ConcurrentHashMap.newKeySet();

  /** Users as Atlas stores them, by "databaseName/username", in creation order. */
  final Map<String, ObjectNode> users = new LinkedHashMap<>();

  /** Fields that writes accept but do not apply (see AtlasEmulator.ignoreOnWrite). */
  final Set<String> ignoredOnWrite = ConcurrentHashMap.newKeySet();

  /** The last body a create or update sent for each user, password included, for tests. */
  final Map<String, JsonNode> lastWrites = new LinkedHashMap<>();

  ProjectState(String id, Instant created) {
    this.id = id;
    this.created = created;
  }

  /**
   * The project's name; "project-" and the id unless configured (the Group schema's name pattern
   * allows no spaces).
   */
  String name() {
    return name != null ? name : "project-" + id;
  }

  static String key(String databaseName, String username) {
    return databaseName + "/" + username;
  }

  boolean allows(String principal) {
    return principals.isEmpty() || principals.contains(principal);
  }

  /** The clusters and flex clusters that exist at {@code now}: deleted ones gone, in order. */
  List<Deployment> deployments(Instant now) {
    deployments.values().removeIf(d -> d.gone(now));
    return List.copyOf(deployments.values());
  }

  /** A database user was created, changed or deleted at {@code now}. */
  void userWritten(Instant now) {
    lastUserWrite = now;
  }

  /**
   * getClusterStatus's {@code changeStatus} for every cluster of the project: PENDING until {@code
   * applyDelay} has passed since the latest user write, then APPLIED.
   */
  String changeStatus(Instant now, Duration applyDelay) {
    return lastUserWrite != null && now.isBefore(lastUserWrite.plus(applyDelay))
        ? "PENDING"
        : "APPLIED";
  }

  /** Atlas deletes temporary users once their deleteAfterDate has passed. */
  void removeExpired(Instant now) {
    users
        .values()
        .removeIf(
            user -> {
              Instant expiry = UserRules.expiry(user);
              return expiry != null && !expiry.isAfter(now);
            });
  }
}
