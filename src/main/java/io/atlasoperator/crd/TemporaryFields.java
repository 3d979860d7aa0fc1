package io.atlasoperator.crd;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * What makes a user temporary: an absolute date, a duration from the resource's creation, or a
 * lease the operator renews.
 */
public abstract class TemporaryFields extends ApplicationFields {

  /**
   * Makes this a temporary user: the date and time after which Atlas deletes the user, in the forms
   * MongoDB's operator accepts: RFC 3339 with Z or an offset (+02:00 or +0200), without a zone
   * (UTC), or a date alone (midnight UTC). Sent to Atlas in UTC; status.atlas.expiresAt shows it
   * so. Atlas accepts at most one week ahead when the user is created or the date changed, so a
   * date kept in Git goes stale within a week: expiresAfter does not. Set at most one of the two.
   * Neither can be added to nor removed from an existing resource: Atlas cannot turn a permanent
   * user into a temporary one or back.
   */
  @Pattern(
      "^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?$")
  private String deleteAfterDate;

  /**
   * Makes this a temporary user that Atlas deletes this long after the resource was created
   * (metadata.creationTimestamp), e.g. 72h or 36h30m: hours (h), minutes (m) and seconds (s), more
   * than 0 and at most 168h (the week Atlas allows). The date is computed from the creation, not
   * from when the operator acts, so it is the same after a restart, under dry run and on every
   * replica; it is sent to Atlas as deleteAfterDate and shown in status.atlas.expiresAt. Editing it
   * moves the date to the creation plus the new duration (it never restarts the clock); to have a
   * new temporary user after this one expired, delete the resource and apply it again. Set at most
   * one of expiresAfter and deleteAfterDate.
   */
  @Size(max = 32)
  @ValidationRule(
      value = SpecRules.EXPIRES_AFTER_RANGE,
      message = SpecRules.EXPIRES_AFTER_RANGE_MESSAGE)
  private String expiresAfter;

  /**
   * Makes this a temporary user on a lease, e.g. 24h: Atlas deletes it this long after the lease
   * was last renewed, and the operator renews it (a new deleteAfterDate, one PATCH) once less than
   * half is left, for as long as the resource exists. If the resource or the operator goes away,
   * Atlas removes the user by its own clock: nothing is left behind. A user whose lease ran out
   * while the operator was away is created again. Hours (h), minutes (m) and seconds (s), from 10m
   * to 168h (the week Atlas allows). Set at most one of lease, expiresAfter and deleteAfterDate.
   */
  @Size(max = 32)
  @ValidationRule(value = SpecRules.LEASE_RANGE, message = SpecRules.LEASE_RANGE_MESSAGE)
  private String lease;

  public String getDeleteAfterDate() {
    return deleteAfterDate;
  }

  public void setDeleteAfterDate(String deleteAfterDate) {
    this.deleteAfterDate = deleteAfterDate;
  }

  public String getExpiresAfter() {
    return expiresAfter;
  }

  public void setExpiresAfter(String expiresAfter) {
    this.expiresAfter = expiresAfter;
  }

  public String getLease() {
    return lease;
  }

  public void setLease(String lease) {
    this.lease = lease;
  }
}
