package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.AtlasDatabaseUserSpec;
import io.atlasoperator.crd.DatabaseName;
import io.atlasoperator.domain.AuthType;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.UserKey;
import io.atlasoperator.domain.UserLabel;
import io.atlasoperator.domain.UserRole;
import io.atlasoperator.domain.UserScope;
import io.atlasoperator.status.Reason;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The Atlas user a resource's spec asks for, in the operator's own types. */
final class DesiredUsers {

  private DesiredUsers() {}

  static UserKey key(AtlasDatabaseUser resource) {
    AtlasDatabaseUserSpec spec = resource.getSpec();
    return new UserKey(spec.getProjectId(), databaseName(spec), spec.getUsername());
  }

  /** False for the usernames a URL path cannot carry: "." and "..". */
  static boolean addressable(String username) {
    return !username.equals(".") && !username.equals("..");
  }

  /** What {@link UserPlan#decide} needs from the resource, its password version included. */
  static UserPlan.Request request(AtlasDatabaseUser resource, String passwordVersion)
      throws AtlasUserFailure {
    boolean writtenBefore = resource.getStatus() != null && resource.getStatus().getAtlas() != null;
    return new UserPlan.Request(
        of(resource),
        Ownership.labelValue(resource),
        Boolean.TRUE.equals(resource.getSpec().getAdoptExisting()),
        writtenBefore,
        resource.getStatus() == null ? null : resource.getStatus().getAppliedPasswordVersion(),
        passwordVersion);
  }

  /** The desired user, labelled with its owner. */
  static DatabaseUser of(AtlasDatabaseUser resource) throws AtlasUserFailure {
    AtlasDatabaseUserSpec spec = resource.getSpec();
    if (!addressable(spec.getUsername())) {
      throw new AtlasUserFailure(
          Reason.InvalidSpec,
          "username " + spec.getUsername() + " cannot be addressed in Atlas's URL paths");
    }
    List<UserLabel> labels = new ArrayList<>();
    spec.getLabels().stream()
        .filter(l -> !Ownership.LABEL.equals(l.getKey()))
        .forEach(l -> labels.add(new UserLabel(l.getKey(), l.getValue())));
    labels.add(new UserLabel(Ownership.LABEL, Ownership.labelValue(resource)));
    return new DatabaseUser(
        spec.getProjectId(),
        databaseName(spec),
        spec.getUsername(),
        spec.getRoles().stream()
            .map(r -> new UserRole(r.getRoleName(), r.getDatabaseName(), r.getCollectionName()))
            .toList(),
        spec.getScopes().stream().map(s -> new UserScope(s.getName(), s.getType().name())).toList(),
        labels,
        expiry(spec),
        AuthType.of(
            spec.getLdapAuthType() == null ? null : spec.getLdapAuthType().name(),
            spec.getX509Type() == null ? null : spec.getX509Type().name(),
            spec.getAwsIamType() == null ? null : spec.getAwsIamType().name(),
            spec.getOidcAuthType() == null ? null : spec.getOidcAuthType().name()),
        spec.getDescription());
  }

  private static String databaseName(AtlasDatabaseUserSpec spec) {
    return spec.getDatabaseName() == DatabaseName.EXTERNAL
        ? DatabaseUser.EXTERNAL
        : DatabaseUser.ADMIN;
  }

  /** An offset, or none (UTC); seconds and fractions optional; or a date alone. */
  private static final java.time.format.DateTimeFormatter EXPIRY =
      new java.time.format.DateTimeFormatterBuilder()
          .append(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .appendPattern("HH:mm")
          .optionalStart()
          .appendPattern(":ss")
          .optionalStart()
          .appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalEnd()
          .toFormatter();

  /** spec.deleteAfterDate as an instant: no zone means UTC, a date alone midnight UTC. */
  static Instant expiry(String value) {
    java.time.temporal.TemporalAccessor parsed =
        EXPIRY.parseBest(
            value, OffsetDateTime::from, java.time.LocalDateTime::from, java.time.LocalDate::from);
    if (parsed instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (parsed instanceof java.time.LocalDateTime local) {
      return local.toInstant(java.time.ZoneOffset.UTC);
    }
    return ((java.time.LocalDate) parsed).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
  }

  private static Instant expiry(AtlasDatabaseUserSpec spec) throws AtlasUserFailure {
    if (spec.getDeleteAfterDate() == null) {
      return null;
    }
    try {
      return expiry(spec.getDeleteAfterDate());
    } catch (DateTimeParseException e) {
      throw new AtlasUserFailure(
          Reason.InvalidSpec, "spec.deleteAfterDate is not a date: " + spec.getDeleteAfterDate());
    }
  }
}
