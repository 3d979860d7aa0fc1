package io.atlasoperator.reconciler;

import io.atlasoperator.crd.Annotations;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.AtlasUserStatus;
import io.atlasoperator.crd.DeletionPolicy;
import io.atlasoperator.domain.AtlasCredentials;
import io.atlasoperator.domain.AtlasUsers;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.UserKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A user replaced after a change of username, databaseName or authentication type (the default,
 * onIdentityChange Replace): the new user is created as any other, and once it is applied on every
 * cluster and the connection Secrets name it, the old one goes: deleted, or under deletionPolicy
 * Retain left in Atlas without the owner label. Until then status.replacing names it, so that it is
 * not forgotten when status.atlas turns to the new user. Only a user carrying this resource's owner
 * label is touched.
 */
final class Replacements {

  private final AtlasUsers atlas;
  private final ProjectUserCache users;

  Replacements(AtlasUsers atlas, ProjectUserCache users) {
    this.atlas = atlas;
    this.users = users;
  }

  /**
   * The user being replaced: status.replacing, else the user status.atlas names when the spec now
   * asks for another (not the other user of a pair); null when none.
   */
  static AtlasUserStatus pending(AtlasDatabaseUser resource, DatabaseUser desired) {
    var status = resource.getStatus();
    if (status == null) {
      return null;
    }
    List<UserKey> own = DesiredUsers.keys(resource);
    if (status.getReplacing() != null && !own.contains(DesiredUsers.key(status.getReplacing()))) {
      return status.getReplacing();
    }
    // A replacement the spec went back on (renamed back before it finished): the user it had
    // moved to, if any, is the one to retire now.
    AtlasUserStatus last = status.getAtlas();
    if (last == null
        || !desired.projectId().equals(last.getProjectId())
        || own.contains(DesiredUsers.key(last))) {
      return null;
    }
    return last;
  }

  /**
   * The replaced user, and the other user of its pair if it had one, deleted or released. Says what
   * was done, for the message.
   */
  String retire(AtlasDatabaseUser resource, AtlasCredentials credentials, AtlasUserStatus old) {
    UserKey first = DesiredUsers.key(old);
    List<String> done = new ArrayList<>();
    for (UserKey each :
        List.of(
            first, new UserKey(first.projectId(), first.databaseName(), first.username() + "-b"))) {
      Optional<DatabaseUser> found = users.find(credentials, each);
      if (found.isEmpty() || !Ownership.labelledFor(resource, found.get())) {
        continue;
      }
      if (Annotations.deletionPolicy(resource) == DeletionPolicy.Retain) {
        atlas
            .update(credentials, Ownership.withoutOwnerLabel(found.get()), null)
            .ifPresent(u -> users.put(credentials.id(), u));
        done.add("left the user it replaced, " + each + ", in Atlas (deletionPolicy Retain)");
      } else {
        atlas.delete(credentials, each);
        users.remove(credentials.id(), each);
        done.add("deleted the user it replaced, " + each);
      }
    }
    return done.isEmpty()
        ? "the user it replaced, " + first + ", is gone"
        : String.join("; ", done);
  }
}
