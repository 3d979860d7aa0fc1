package io.atlasoperator.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One Atlas project: its users, its custom roles, and which API keys may use it. */
final class ProjectState {

  final String id;

  /** Public keys with access; empty means every key the emulator knows. */
  final Set<String> apiKeys = ConcurrentHashMap.newKeySet();

  final Set<String> customRoles = ConcurrentHashMap.newKeySet();

  /** Users as Atlas stores them, by "databaseName/username", in creation order. */
  final Map<String, ObjectNode> users = new LinkedHashMap<>();

  /** Fields that writes accept but do not apply (see AtlasEmulator.ignoreOnWrite). */
  final Set<String> ignoredOnWrite = ConcurrentHashMap.newKeySet();

  /** The last body a create or update sent for each user, password included, for tests. */
  final Map<String, JsonNode> lastWrites = new LinkedHashMap<>();

  ProjectState(String id) {
    this.id = id;
  }

  static String key(String databaseName, String username) {
    return databaseName + "/" + username;
  }

  boolean allows(String publicKey) {
    return apiKeys.isEmpty() || apiKeys.contains(publicKey);
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
