package io.atlasoperator.atlas;

import io.atlasoperator.domain.AuthType;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.Password;
import io.atlasoperator.domain.UserLabel;
import io.atlasoperator.domain.UserRole;
import io.atlasoperator.domain.UserScope;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Converts between the operator's {@link DatabaseUser} and Atlas's JSON. */
final class AtlasUserMapper {

  private static final DateTimeFormatter ATLAS_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private AtlasUserMapper() {}

  static DatabaseUser toDomain(String projectId, AtlasUserJson json) {
    return new DatabaseUser(
        json.groupId() != null ? json.groupId() : projectId,
        json.databaseName() != null ? json.databaseName() : DatabaseUser.ADMIN,
        json.username(),
        nullToEmpty(json.roles()).stream()
            .map(r -> new UserRole(r.roleName(), r.databaseName(), r.collectionName()))
            .toList(),
        nullToEmpty(json.scopes()).stream().map(s -> new UserScope(s.name(), s.type())).toList(),
        nullToEmpty(json.labels()).stream().map(l -> new UserLabel(l.key(), l.value())).toList(),
        json.deleteAfterDate() == null ? null : parseDate(json.deleteAfterDate()),
        AuthType.of(json.ldapAuthType(), json.x509Type(), json.awsIAMType(), json.oidcAuthType()),
        json.description());
  }

  /** The JSON of a create: fields the user does not set are left out. Password only when given. */
  static AtlasUserJson toCreateJson(DatabaseUser user, Password password) {
    return toJson(user, password, user.description());
  }

  /**
   * The JSON of a full update (PATCH changes only the fields sent): every field the operator
   * manages is sent, so one the spec no longer sets is cleared. Atlas clears a description with an
   * empty string (as MongoDB's operator and Terraform provider send it), and scopes and labels with
   * an empty list. Password only when given.
   */
  static AtlasUserJson toUpdateJson(DatabaseUser user, Password password) {
    return toJson(user, password, user.description() == null ? "" : user.description());
  }

  private static AtlasUserJson toJson(DatabaseUser user, Password password, String description) {
    AuthType auth = user.authType();
    return new AtlasUserJson(
        user.databaseName(),
        user.deleteAfterDate() == null ? null : ATLAS_DATE.format(user.deleteAfterDate()),
        user.projectId(),
        user.labels().stream().map(l -> new AtlasUserJson.LabelJson(l.key(), l.value())).toList(),
        "ldapAuthType".equals(auth.atlasField()) ? auth.atlasValue() : null,
        "x509Type".equals(auth.atlasField()) ? auth.atlasValue() : null,
        "awsIAMType".equals(auth.atlasField()) ? auth.atlasValue() : null,
        "oidcAuthType".equals(auth.atlasField()) ? auth.atlasValue() : null,
        null,
        user.roles().stream()
            .map(
                r -> new AtlasUserJson.RoleJson(r.roleName(), r.databaseName(), r.collectionName()))
            .toList(),
        user.scopes().stream().map(s -> new AtlasUserJson.ScopeJson(s.name(), s.type())).toList(),
        user.username(),
        password == null ? null : password.reveal(),
        description);
  }

  static Instant parseDate(String value) {
    return OffsetDateTime.parse(value).toInstant();
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
