package io.atlasoperator.migrate;

import java.util.ArrayList;
import java.util.List;

/**
 * What became of one input resource: the user it was converted into (null when it was not carried
 * over), what was done on the way ({@link #notes}), and what was lost ({@link #losses}). Any loss
 * makes migrate exit 1.
 */
final class Outcome {

  private final String source;
  private UserDraft user;
  private final List<String> notes = new ArrayList<>();
  private final List<String> losses = new ArrayList<>();

  Outcome(String source) {
    this.source = source;
  }

  /** The input resource, as the report names it. */
  String source() {
    return source;
  }

  /** The converted user, or null when the resource was not carried over. */
  UserDraft user() {
    return user;
  }

  Outcome written(UserDraft draft) {
    this.user = draft;
    return this;
  }

  /** The resource as a whole is not carried over, for this reason. */
  Outcome refused(String reason) {
    this.user = null;
    losses.add(reason);
    return this;
  }

  void note(String note) {
    notes.add(note);
  }

  void lost(String what) {
    losses.add(what);
  }

  List<String> notes() {
    return notes;
  }

  List<String> losses() {
    return losses;
  }

  boolean complete() {
    return losses.isEmpty();
  }
}
