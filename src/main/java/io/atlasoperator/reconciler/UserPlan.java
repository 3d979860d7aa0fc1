package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.domain.DatabaseUser;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What to do in Atlas for one resource, decided from the spec and what Atlas holds. */
sealed interface UserPlan {

  /** The user is not in Atlas: POST it. */
  record Create() implements UserPlan {}

  /** The user exists and nobody owns it: take it over with one PATCH (password included). */
  record Adopt() implements UserPlan {}

  /** The user differs from the spec or its password was rotated: one PATCH. */
  record Update(List<String> changedFields, boolean rotatePassword) implements UserPlan {}

  /** Atlas matches the spec: no write. */
  record NoChange() implements UserPlan {}

  /** A temporary user past its date, which Atlas has removed: nothing to recreate. */
  record Expired(Instant at) implements UserPlan {}

  /** Atlas says another resource owns the user. */
  record OwnedElsewhere(String owner) implements UserPlan {}

  /** Decides the plan. {@code passwordVersion} is null for users without a password. */
  static UserPlan decide(
      AtlasDatabaseUser resource,
      DatabaseUser desired,
      Optional<DatabaseUser> actual,
      String passwordVersion,
      Instant now) {
    if (actual.isEmpty()) {
      if (desired.deleteAfterDate() != null && !desired.deleteAfterDate().isAfter(now)) {
        return new Expired(desired.deleteAfterDate());
      }
      return new Create();
    }
    String self = Ownership.ownerOf(resource);
    Optional<String> owner = Ownership.recordedOwner(actual.get());
    if (owner.isPresent() && !owner.get().equals(self)) {
      return new OwnedElsewhere(owner.get());
    }
    if (owner.isEmpty()) {
      return new Adopt();
    }
    List<String> changed = UserDiff.changedFields(desired, actual.get());
    String applied =
        resource.getStatus() == null ? null : resource.getStatus().getAppliedPasswordVersion();
    boolean rotate = passwordVersion != null && !passwordVersion.equals(applied);
    return changed.isEmpty() && !rotate ? new NoChange() : new Update(changed, rotate);
  }
}
