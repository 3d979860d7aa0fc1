package io.atlasoperator.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Atlas project: its name, users, custom roles, clusters and flex clusters, and which
 * principals (API public keys or service-account client ids) may use it.
 */
final class ProjectState {

  /** A cluster or flex cluster: its name and connection strings; IDLE and APPLIED always. */
  record Deployment(String name, boolean flex, String standard, String standardSrv) {

    /** A deployment with connection strings made from its name, unless given. */
    static Deployment of(String name, boolean flex, String standard, String standardSrv) {
      String host = name.toLowerCase(java.util.Locale.ROOT);
      String shard = host + "-shard-00-0%d.emulator.mongodb.net:27017";
      return new Deployment(
          name,
          flex,
          standard != null
              ? standard
              : "mongodb://"
                  + String.format(shard, 0)
                  + ","
                  + String.format(shard, 1)
                  + ","
                  + String.format(shard, 2)
                  + "/?ssl=true&authSource=admin&replicaSet="
                  + host
                  + "-shard-0",
          standardSrv != null ? standardSrv : "mongodb+srv://" + host + ".emulator.mongodb.net");
    }
  }

  final String id;

  /** Principals with access; empty means every principal the emulator knows. */
  final Set<String> principals = ConcurrentHashMap.newKeySet();

  /** The configured name, or null for the default (see {@link #name()}). */
  volatile String name;

  /** When the emulator added the project. */
  final Instant created;

  /** Clusters and flex clusters by name, in the order added. */
  final Map<String, Deployment> deployments = new LinkedHashMap<>();

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
