package io.atlasoperator.migrate;

import io.atlasoperator.domain.Digests;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Resource names: the username in DNS-1123 form (lower case, runs of other characters as one dash),
 * with the project's last six hex digits appended when the same name comes from users of different
 * projects in one namespace, and -2, -3 for what still collides. The same Atlas user given twice
 * (in AKO manifests and in Terraform's state, say) is written once.
 */
final class Naming {

  /** Leaves room for "-atlas-password" within the 253 characters of a Secret name. */
  private static final int MAX = 200;

  private Naming() {}

  static void assign(List<Outcome> outcomes) {
    Map<String, Set<String>> projectsByName = new HashMap<>();
    Map<String, Outcome> byAtlasUser = new HashMap<>();
    for (Outcome outcome : outcomes) {
      UserDraft user = outcome.user();
      if (user == null) {
        continue;
      }
      String atlasUser = user.projectId + "/" + user.databaseName + "/" + user.username;
      Outcome first = byAtlasUser.putIfAbsent(atlasUser, outcome);
      if (first != null) {
        outcome.refused(
            "the same Atlas user as "
                + first.source()
                + " (project "
                + user.projectId
                + ", "
                + user.databaseName
                + ", "
                + user.username
                + "), written once from that one");
        continue;
      }
      projectsByName
          .computeIfAbsent(key(user, base(user.username)), k -> new HashSet<>())
          .add(user.projectId);
    }
    Set<String> taken = new HashSet<>();
    for (Outcome outcome : outcomes) {
      UserDraft user = outcome.user();
      if (user == null) {
        continue;
      }
      String name = base(user.username);
      if (projectsByName.get(key(user, name)).size() > 1) {
        name = name + "-" + user.projectId.substring(18);
      }
      String candidate = name;
      for (int n = 2; !taken.add(key(user, candidate)); n++) {
        candidate = name + "-" + n;
      }
      user.name = candidate;
      Passwords.nameStub(user);
    }
  }

  /** The username as a DNS-1123 name of at most 200 characters. */
  static String base(String username) {
    String name =
        username.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (name.isEmpty()) {
      name = "user-" + hash(username);
    }
    if (name.length() > MAX) {
      name = name.substring(0, MAX - 9).replaceAll("-+$", "") + "-" + hash(username);
    }
    return name;
  }

  static String secretName(String resourceName) {
    return resourceName + "-atlas-password";
  }

  private static String key(UserDraft user, String name) {
    return user.namespace + "/" + name;
  }

  private static String hash(String text) {
    return Digests.sha256Hex(text, 8);
  }
}
