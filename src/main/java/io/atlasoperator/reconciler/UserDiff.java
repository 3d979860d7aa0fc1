package io.atlasoperator.reconciler;

import io.atlasoperator.domain.DatabaseUser;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The fields in which Atlas differs from the spec, compared in normal form: the order of roles,
 * scopes and labels does not matter, an empty description equals none, and dates compare to the
 * second (Atlas keeps seconds).
 */
final class UserDiff {

  private UserDiff() {}

  static List<String> changedFields(DatabaseUser desired, DatabaseUser actual) {
    List<String> changed = new ArrayList<>();
    if (!new HashSet<>(desired.roles()).equals(new HashSet<>(actual.roles()))) {
      changed.add("roles");
    }
    if (!new HashSet<>(desired.scopes()).equals(new HashSet<>(actual.scopes()))) {
      changed.add("scopes");
    }
    if (!new HashSet<>(desired.labels()).equals(new HashSet<>(actual.labels()))) {
      changed.add("labels");
    }
    if (!Objects.equals(blankToNull(desired.description()), blankToNull(actual.description()))) {
      changed.add("description");
    }
    if (!Objects.equals(
        desired.deleteAfterDate() == null
            ? null
            : desired.deleteAfterDate().truncatedTo(ChronoUnit.SECONDS),
        actual.deleteAfterDate())) {
      changed.add("deleteAfterDate");
    }
    if (desired.authType() != actual.authType()) {
      changed.add("authType");
    }
    return changed;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
