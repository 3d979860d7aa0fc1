package io.atlasoperator.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The emulator's account of the requests it serves: the journal of those it finished, oldest first,
 * and how many are in flight, with the peak of that since the last reset.
 */
final class RequestJournal {

  private final List<JournalEntry> entries = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peakInFlight = new AtomicInteger();

  private volatile java.util.function.Consumer<JournalEntry> listener = e -> {};

  /** Also hands every journaled request to {@code listener} (e.g. to log it). */
  void listen(java.util.function.Consumer<JournalEntry> listener) {
    this.listener = listener;
  }

  /** Bumped by clear(): requests received before it are not journaled after it. */
  private volatile long epoch;

  long epoch() {
    return epoch;
  }

  void requestStarted() {
    peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
  }

  void requestFinished() {
    inFlight.decrementAndGet();
  }

  /** Journals a request, unless the journal was cleared since it was received. */
  void record(JournalEntry entry, long receivedInEpoch) {
    synchronized (entries) {
      if (receivedInEpoch == epoch) {
        entries.add(entry);
      }
    }
    listener.accept(entry);
  }

  List<JournalEntry> entries() {
    synchronized (entries) {
      return List.copyOf(entries);
    }
  }

  /** Forgets the entries, and the requests received so far that are still being served. */
  void clear() {
    synchronized (entries) {
      epoch++;
      entries.clear();
    }
  }

  /** Clears the journal and the peak of concurrent requests. */
  void reset() {
    clear();
    peakInFlight.set(0);
  }

  int peakInFlight() {
    return peakInFlight.get();
  }

  /** Starts counting the peak afresh, from the requests in flight now. */
  void restartPeak() {
    peakInFlight.set(inFlight.get());
  }
}
