package io.atlasoperator.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.atlasoperator.benchmark.AcceptWindows.Verdict;
import io.atlasoperator.emulator.AtlasEmulator;
import io.atlasoperator.emulator.JournalEntry;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Atlas (the in-process emulator) accepts over time, from its journal: every databaseUsers
 * write it accepted (2xx POST, PATCH, DELETE), by project, timed on the emulator's clock when the
 * emulator hands the request to its listener, which it does on the request's thread right after the
 * write and before the answer leaves (so at most a few milliseconds late); and, once {@link
 * #track()} is on, the password each write left its user with, read from the emulator's {@code
 * lastWrite} (the body as sent) at that moment.
 *
 * <p>A connection Secret's (username, password) is accepted at {@code t} when it is the password of
 * the user's latest password write at or before {@code t} and Atlas has applied that write by
 * {@code t} ({@link AcceptWindows#appliedAt}, from the project's writes and the emulator's apply
 * delay: the emulator reports changeStatus per project, PENDING for the apply delay after the
 * project's latest user write). A later write to another user of the project leaves an applied
 * password accepted: it is the new write that is pending, not the users Atlas already has; such a
 * sample is {@link Verdict#PROJECT_PENDING}, which the stricter reading counts as not accepted.
 */
final class PasswordLedger implements Consumer<JournalEntry> {

  /** The database of the benchmark's users (OperatorEnvironment.scramUser sets none). */
  static final String DATABASE = "admin";

  private static final Pattern USERS =
      Pattern.compile("/api/atlas/[^/]+/groups/([^/]+)/databaseUsers(?:/([^/?]+)/([^/?]+))?/?");

  /** A password a write left a user with (null: the user is gone), and when. */
  record Written(Instant at, String password) {}

  private final AtlasEmulator atlas;
  private final List<String> projects;
  private final Map<String, List<Instant>> writes = new HashMap<>();
  private final Map<String, List<Written>> passwords = new HashMap<>();
  private final Map<String, List<Instant>> patches = new HashMap<>();
  private final Map<String, String> remembered = new HashMap<>();
  private volatile boolean tracking;

  PasswordLedger(AtlasEmulator atlas, List<String> projects) {
    this.atlas = atlas;
    this.projects = projects;
  }

  static String key(String project, String database, String username) {
    return project + "/" + database + "/" + username;
  }

  @Override
  public void accept(JournalEntry e) {
    if (!e.authenticated() || !e.isWrite() || e.status() < 200 || e.status() >= 300) {
      return;
    }
    Matcher m = USERS.matcher(e.path());
    if (!m.matches()) {
      return;
    }
    Instant now = atlas.clock().instant();
    String project = m.group(1);
    synchronized (this) {
      List<Instant> list = writes.computeIfAbsent(project, p -> new ArrayList<>());
      int i = Collections.binarySearch(list, now);
      list.add(i >= 0 ? i + 1 : -i - 1, now);
    }
    if (!tracking) {
      return;
    }
    if (m.group(2) == null) {
      if (e.method().equals("POST")) {
        rescan(project, now); // the path does not name the new user
      }
      return;
    }
    String database = decode(m.group(2));
    String username = decode(m.group(3));
    String key = key(project, database, username);
    if (e.method().equals("DELETE")) {
      record(key, new Written(now, null));
      return;
    }
    if (e.method().equals("PATCH")) {
      synchronized (this) {
        patches.computeIfAbsent(key, k -> new ArrayList<>()).add(now);
      }
    }
    password(project, database, username).ifPresent(p -> record(key, new Written(now, p)));
  }

  private java.util.Optional<String> password(String project, String database, String username) {
    return atlas
        .lastWrite(project, database, username)
        .map(body -> body.get("password"))
        .filter(JsonNode::isTextual)
        .map(JsonNode::asText);
  }

  /** After a create: the passwords of the project's users that the ledger does not have yet. */
  private void rescan(String project, Instant now) {
    for (JsonNode user : atlas.storedUsers(project)) {
      String database = user.path("databaseName").asText();
      String username = user.path("username").asText();
      password(project, database, username)
          .ifPresent(p -> record(key(project, database, username), new Written(now, p)));
    }
  }

  /** Adds a password, unless it is the one the user has already (a rescan finds it again). */
  private synchronized void record(String key, Written written) {
    List<Written> list = passwords.computeIfAbsent(key, k -> new ArrayList<>());
    if (list.isEmpty()
        || !Objects.equals(list.get(list.size() - 1).password(), written.password())) {
      list.add(written);
    }
  }

  /**
   * Remembers every user's password as Atlas has it now, for users whose last write later carries
   * no password (a PATCH of roles): call it before such writes.
   */
  synchronized void remember() {
    forEachUser((key, password) -> remembered.put(key, password));
  }

  /**
   * From now on, follows every user's password: each starts as Atlas has it (the last write's, or
   * the {@link #remember remembered} one), written at the project's latest write so far (an upper
   * bound, so never earlier than it was).
   */
  synchronized void track() {
    tracking = true;
    Map<String, String> now = new HashMap<>(remembered);
    forEachUser(now::put);
    now.forEach(
        (key, password) -> {
          if (!passwords.containsKey(key)) {
            String project = key.substring(0, key.indexOf('/'));
            List<Instant> list = writes.getOrDefault(project, List.of());
            Instant at = list.isEmpty() ? Instant.EPOCH : list.get(list.size() - 1);
            passwords.put(key, new ArrayList<>(List.of(new Written(at, password))));
          }
        });
  }

  /** Stops following passwords. */
  void stop() {
    tracking = false;
  }

  private void forEachUser(java.util.function.BiConsumer<String, String> action) {
    for (String project : projects) {
      for (JsonNode user : atlas.storedUsers(project)) {
        String database = user.path("databaseName").asText();
        String username = user.path("username").asText();
        password(project, database, username)
            .ifPresent(p -> action.accept(key(project, database, username), p));
      }
    }
  }

  /** Whether Atlas accepts {@code username} with {@code password} at {@code t}. */
  synchronized Verdict verdict(String project, String username, String password, Instant t) {
    return verdict(
        passwords.getOrDefault(key(project, DATABASE, username), List.of()),
        writes.getOrDefault(project, List.of()),
        atlas.applyDelay(),
        password,
        t);
  }

  /**
   * Whether Atlas accepts {@code password} at {@code t} for a user whose passwords were {@code
   * history} (oldest first), in a project whose user writes were {@code writes} (sorted), with this
   * apply delay.
   */
  static Verdict verdict(
      List<Written> history,
      List<Instant> writes,
      java.time.Duration applyDelay,
      String password,
      Instant t) {
    Written current = null;
    for (Written w : history) {
      if (!w.at().isAfter(t)) {
        current = w;
      }
    }
    if (current == null) {
      return Verdict.UNKNOWN_USER;
    }
    if (current.password() == null || !current.password().equals(password)) {
      return Verdict.WRONG_PASSWORD;
    }
    if (AcceptWindows.appliedAt(writes, current.at(), applyDelay).isAfter(t)) {
      return Verdict.NOT_APPLIED;
    }
    Instant latest = AcceptWindows.latestAtOrBefore(writes, t);
    return latest != null && latest.plus(applyDelay).isAfter(t)
        ? Verdict.PROJECT_PENDING
        : Verdict.ACCEPTED;
  }

  /** The PATCHes of each user since {@link #track()}, by key. */
  synchronized Map<String, List<Instant>> patches() {
    Map<String, List<Instant>> copy = new HashMap<>();
    patches.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return copy;
  }

  /** The users Atlas holds in the run's projects. */
  int atlasUsers() {
    return projects.stream().mapToInt(p -> atlas.storedUsers(p).size()).sum();
  }

  /** The emulator's clock now, the clock of every time the ledger keeps. */
  Instant now() {
    return atlas.clock().instant();
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
