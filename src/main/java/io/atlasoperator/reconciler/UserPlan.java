package io.atlasoperator.reconciler;

import io.atlasoperator.domain.DatabaseUser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What to do in Atlas for one resource, decided from the spec and what Atlas holds. */
sealed interface UserPlan {

  /**
   * Does something for each kind of plan: a new kind does not compile until every visitor (the
   * executor, the dry run) handles it.
   */
  <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X;

  /** One method per kind of plan. */
  interface Visitor<R, X extends Exception> {
    R create(Create plan) throws X;

    R adopt(Adopt plan) throws X;

    R adoptionNotAllowed(AdoptionNotAllowed plan) throws X;

    R completeCreate(CompleteCreate plan) throws X;

    R invalid(Invalid plan) throws X;

    R update(Update plan) throws X;

    R reclaim(Reclaim plan) throws X;

    R noChange(NoChange plan) throws X;

    R expired(Expired plan) throws X;

    R ownedElsewhere(OwnedElsewhere plan) throws X;
  }

  /** The user is not in Atlas: POST it. */
  record Create() implements UserPlan {
    @Override
    public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
      return visitor.create(this);
    }
  }

  /** The user exists and nobody owns it: take it over with one PATCH (password included). */
  record Adopt() implements UserPlan {
    @Override
    public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
      return visitor.adopt(this);
    }
  }

  /**
   * The user exists, nobody owns it, and taking it over was not asked for (spec.adoptExisting) or
   * is disabled for the operator: nothing is written.
   */
  record AdoptionNotAllowed(boolean disabledByOperator) implements UserPlan {
    @Override
    public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
      return visitor.adoptionNotAllowed(this);
    }
  }

  /**
   * The user exists with this resource's owner label although no write was ever confirmed: an
   * earlier create or takeover reached Atlas but its answer was lost. One PATCH (password included)
   * finishes it.
   */
  record CompleteCreate() implements UserPlan {
    @Override
    public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
      return visitor.completeCreate(this);
    }
  }

  /** The spec asks for something Atlas would refuse; nothing is sent. */
  record Invalid(String message) implements UserPlan {
    @Override
    public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
      return visitor.invalid(this);
    }
  }

  /** The user differs from the spec or its password was rotated: one PATCH. */
  record Update(List<String> changedFields, boolean rotatePassword) implements UserPlan {
    @Override
    public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
      return visitor.update(this);
    }
  }

  /**
   * The user has lost its owner label in Atlas (someone removed it), but this resource's status
   * records that it created or took over the user: one PATCH restores the label, with the spec's
   * other changed fields and the password when it was rotated.
   */
  record Reclaim(List<String> changedFields, boolean rotatePassword) implements UserPlan {
    @Override
    public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
      return visitor.reclaim(this);
    }
  }

  /** Atlas matches the spec: no write. */
  record NoChange(DatabaseUser inAtlas) implements UserPlan {
    @Override
    public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
      return visitor.noChange(this);
    }
  }

  /** A temporary user past its date, which Atlas has removed: nothing to recreate. */
  record Expired(Expiry expiry) implements UserPlan {
    @Override
    public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
      return visitor.expired(this);
    }
  }

  /** Atlas says another resource owns the user. */
  record OwnedElsewhere(String owner) implements UserPlan {
    @Override
    public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
      return visitor.ownedElsewhere(this);
    }
  }

  /**
   * What the decision needs from a resource: the user its spec asks for (owner label included), its
   * owner label's value, whether it asks to take over an existing user, whether a write of it was
   * ever confirmed, its password versions (null for users without a password), and for a temporary
   * user its expiry (null for a permanent one), which is the desired deleteAfterDate.
   */
  record Request(
      DatabaseUser desired,
      String owner,
      boolean adoptExisting,
      boolean writtenBefore,
      String appliedPasswordVersion,
      String passwordVersion,
      Expiry expiry) {

    /** The same request for another user of the pair (null: as it is). */
    Request forUsername(String username) {
      return username == null || username.equals(desired.username())
          ? this
          : new Request(
              desired.withUsername(username),
              owner,
              adoptExisting,
              writtenBefore,
              appliedPasswordVersion,
              passwordVersion,
              expiry);
    }

    /** The same request with another expiry, which the desired user's deleteAfterDate follows. */
    Request withExpiry(Expiry other) {
      return new Request(
          desired.withDeleteAfterDate(other.at()),
          owner,
          adoptExisting,
          writtenBefore,
          appliedPasswordVersion,
          passwordVersion,
          other);
    }

    /** The same request with the password's current version taken as applied (it is unchanged). */
    Request passwordUnchanged() {
      return new Request(
          desired, owner, adoptExisting, writtenBefore, passwordVersion, passwordVersion, expiry);
    }
  }

  /**
   * Decides the plan; {@code adoptionEnabled} is the operator's setting
   * (ATLAS_OPERATOR_ALLOW_ADOPTION).
   */
  static UserPlan decide(
      Request request, Optional<DatabaseUser> actual, Instant now, boolean adoptionEnabled) {
    DatabaseUser desired = request.desired();
    boolean confirmedBefore = request.writtenBefore();
    Expiry expiry = request.expiry();
    if (actual.isEmpty()) {
      if (expiry != null && !expiry.at().isAfter(now)) {
        return confirmedBefore
            ? new Expired(expiry)
            : new Invalid(
                expiry.describe()
                    + " is in the past, so the temporary user was not created; Atlas accepts"
                    + " only a future date at most "
                    + MAX_EXPIRY.toDays()
                    + " days ahead");
      }
      return outOfRange(expiry, now).orElseGet(Create::new);
    }
    Optional<String> owner = Ownership.recordedOwner(actual.get());
    if (owner.isPresent() && !owner.get().equals(request.owner())) {
      return new OwnedElsewhere(owner.get());
    }
    boolean asked = request.adoptExisting();
    // Unlabelled, but this resource's own record says it created or took over the user.
    boolean labelLost = owner.isEmpty() && confirmedBefore;
    if (owner.isEmpty() && !labelLost && !(asked && adoptionEnabled)) {
      return new AdoptionNotAllowed(asked);
    }
    List<String> changed = UserDiff.changedFields(desired, actual.get());
    if (changed.contains("deleteAfterDate")) {
      // A new date is checked as Atlas checks it when it is written (a takeover writes it too).
      Optional<UserPlan> invalid = outOfRange(expiry, now);
      if (invalid.isPresent()) {
        return invalid.get();
      }
    }
    String version = request.passwordVersion();
    boolean rotate = version != null && !version.equals(request.appliedPasswordVersion());
    if (labelLost) {
      return new Reclaim(changed, rotate);
    }
    if (owner.isEmpty()) {
      return new Adopt();
    }
    if (!confirmedBefore) {
      return new CompleteCreate();
    }
    return changed.isEmpty() && !rotate ? new NoChange(actual.get()) : new Update(changed, rotate);
  }

  /**
   * How far ahead Atlas accepts a deleteAfterDate: temporary users "expire within a
   * user-configurable 7-day period" (Atlas API reference, Database Users).
   */
  Duration MAX_EXPIRY = Duration.ofDays(7);

  /** A date Atlas would refuse to be given: past, or more than {@link #MAX_EXPIRY} ahead. */
  private static Optional<UserPlan> outOfRange(Expiry expiry, Instant now) {
    if (expiry == null) {
      return Optional.empty();
    }
    if (!expiry.at().isAfter(now)) {
      return Optional.of(
          new Invalid(
              expiry.describe()
                  + " is in the past; Atlas accepts a temporary user's date only in the future,"
                  + " at most "
                  + MAX_EXPIRY.toDays()
                  + " days ahead"));
    }
    if (!expiry.at().isAfter(now.plus(MAX_EXPIRY))) {
      return Optional.empty();
    }
    return Optional.of(
        new Invalid(
            expiry.describe()
                + " is more than "
                + MAX_EXPIRY.toDays()
                + " days ahead; Atlas accepts a temporary user's date at most "
                + MAX_EXPIRY.toDays()
                + " days in the future"));
  }
}
