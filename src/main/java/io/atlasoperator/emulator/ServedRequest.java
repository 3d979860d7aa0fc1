package io.atlasoperator.emulator;

import java.time.Instant;

/** One request being served; journaled once, just before its answer is sent. */
final class ServedRequest {

  private final RequestJournal journal;
  final Instant received;
  final long epoch;
  final String method;
  final String rawPath;
  final String rawQuery;
  String publicKey;
  boolean recorded;
  boolean loseAnswer;

  ServedRequest(
      RequestJournal journal, Instant received, String method, String rawPath, String rawQuery) {
    this.journal = journal;
    this.epoch = journal.epoch();
    this.received = received;
    this.method = method;
    this.rawPath = rawPath;
    this.rawQuery = rawQuery;
  }

  /** Journals the request and counts it finished, just before its answer leaves. */
  void record(int status) {
    if (!recorded) {
      recorded = true;
      journal.requestFinished();
      journal.record(
          new JournalEntry(received, method, rawPath, rawQuery, status, publicKey), epoch);
    }
  }
}
