package io.atlasoperator.benchmark;

import io.atlasoperator.emulator.JournalEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every request the emulator served, as the emulator's {@code onRequest} listener hands them over,
 * with the moment it did (this JVM's nanoTime), sorted into the calls the benchmark counts. A step
 * takes a {@link #mark()} when it starts and counts what came after it.
 */
final class AtlasCalls implements Consumer<JournalEntry> {

  /** What a request was, for the table's columns. */
  enum Kind {
    LIST,
    GET_ONE,
    POST,
    PATCH,
    DELETE,
    /** GET .../clusters: a project's dedicated clusters */
    CLUSTERS_LIST,
    /** GET .../flexClusters: a project's flex clusters */
    FLEX_LIST,
    /** GET .../clusters/{name}/status: a cluster's changeStatus */
    STATUS,
    /** anything else: a token request, another endpoint */
    OTHER
  }

  private static final Pattern USERS =
      Pattern.compile("/api/atlas/([^/]+)/groups/([^/]+)/databaseUsers(/[^?]*)?/?");

  private static final Pattern DEPLOYMENTS =
      Pattern.compile(
          "/api/atlas/[^/]+/groups/([^/]+)/(clusters|flexClusters)(?:/([^/]+)(/status)?)?/?");

  /**
   * One request. Project is null off the databaseUsers and cluster endpoints, version off the
   * databaseUsers ones (the operator reads clusters on v2 whatever its users' API).
   */
  record Call(
      long nanos, Kind kind, String project, String version, int status, boolean authenticated) {}

  private final List<Call> calls = new ArrayList<>();

  @Override
  public synchronized void accept(JournalEntry entry) {
    calls.add(classify(System.nanoTime(), entry));
  }

  static Call classify(long nanos, JournalEntry entry) {
    Matcher d = DEPLOYMENTS.matcher(entry.path());
    if (d.matches()) {
      Kind kind = Kind.OTHER;
      if (entry.method().equals("GET") && d.group(3) == null) {
        kind = d.group(2).equals("clusters") ? Kind.CLUSTERS_LIST : Kind.FLEX_LIST;
      } else if (entry.method().equals("GET") && d.group(4) != null) {
        kind = Kind.STATUS;
      }
      return new Call(nanos, kind, d.group(1), null, entry.status(), entry.authenticated());
    }
    Matcher m = USERS.matcher(entry.path());
    if (!m.matches()) {
      return new Call(nanos, Kind.OTHER, null, null, entry.status(), entry.authenticated());
    }
    boolean one = m.group(3) != null && !m.group(3).equals("/");
    Kind kind =
        switch (entry.method()) {
          case "GET" -> one ? Kind.GET_ONE : Kind.LIST;
          case "POST" -> Kind.POST;
          case "PATCH" -> Kind.PATCH;
          case "DELETE" -> Kind.DELETE;
          default -> Kind.OTHER;
        };
    return new Call(nanos, kind, m.group(2), m.group(1), entry.status(), entry.authenticated());
  }

  /** Where the calls made from now on start. */
  synchronized int mark() {
    return calls.size();
  }

  /** Notes a moment of the run (a step's start or end) in the CSV, among the calls. */
  synchronized void event(String what) {
    calls.add(new Call(System.nanoTime(), Kind.OTHER, what, null, -1, false));
  }

  /** When the last write (POST, PATCH, DELETE) Atlas accepted since {@code mark} was served. */
  synchronized Long lastWriteNanos(int mark) {
    Long last = null;
    for (Call c : calls.subList(mark, calls.size())) {
      boolean write = c.kind() == Kind.POST || c.kind() == Kind.PATCH || c.kind() == Kind.DELETE;
      if (write && c.status() >= 200 && c.status() < 300) {
        last = c.nanos();
      }
    }
    return last;
  }

  /** When the first authenticated request was served, if one was. */
  synchronized Long firstAuthenticatedNanos() {
    return calls.stream().filter(Call::authenticated).map(Call::nanos).findFirst().orElse(null);
  }

  /**
   * Writes every call as CSV (seconds since {@code originNanos}, kind, project, API version,
   * status, authenticated), to check the counts against.
   */
  synchronized void writeCsv(java.nio.file.Path file, long originNanos) throws java.io.IOException {
    StringBuilder out = new StringBuilder("seconds,kind,project,version,status,authenticated\n");
    for (Call c : calls) {
      out.append(
          String.format(
              java.util.Locale.ROOT,
              "%.3f,%s,%s,%s,%d,%b%n",
              (c.nanos() - originNanos) / 1e9,
              c.kind(),
              c.project() == null ? "" : c.project(),
              c.version() == null ? "" : c.version(),
              c.status(),
              c.authenticated()));
    }
    java.nio.file.Files.writeString(file, out);
  }

  /** The calls since {@code mark}, counted. */
  synchronized Counts since(int mark) {
    return Counts.of(List.copyOf(calls.subList(mark, calls.size())));
  }

  /**
   * Calls counted. By kind: the authenticated requests Atlas did not refuse with 429, as Atlas
   * would count them; {@code tooMany}: every 429; {@code unauthenticated}: the rest of the requests
   * without credentials (e.g. Digest challenges).
   *
   * @param clustersList lists of a project's dedicated clusters
   * @param flexList lists of a project's flex clusters
   * @param status reads of a cluster's (or flex cluster's) changeStatus
   * @param tooManyClusters the 429s of the clusters endpoint set (within {@code tooMany})
   * @param listsPerProject authenticated lists of the users by project id
   * @param clusterListsPerProject lists of clusters and of flex clusters by project id
   * @param statusPerProject status reads by project id
   * @param versions API versions in the paths of the databaseUsers calls (v1.0, v2)
   */
  record Counts(
      long list,
      long getOne,
      long post,
      long patch,
      long delete,
      long clustersList,
      long flexList,
      long status,
      long other,
      long unauthenticated,
      long tooMany,
      long tooManyClusters,
      long serverErrors,
      Map<String, Long> listsPerProject,
      Map<String, Long> clusterListsPerProject,
      Map<String, Long> statusPerProject,
      List<String> versions) {

    static Counts of(List<Call> calls) {
      long[] kinds = new long[Kind.values().length];
      long unauthenticated = 0;
      long tooMany = 0;
      long tooManyClusters = 0;
      long serverErrors = 0;
      Map<String, Long> lists = new TreeMap<>();
      Map<String, Long> clusterLists = new TreeMap<>();
      Map<String, Long> statuses = new TreeMap<>();
      TreeSet<String> versions = new TreeSet<>();
      for (Call c : calls) {
        if (c.status() == -1) {
          continue;
        }
        if (c.status() == 429) {
          tooMany++;
          if (c.project() != null && c.version() == null) {
            tooManyClusters++;
          }
          continue;
        }
        if (c.status() >= 500 || c.status() == 0) {
          serverErrors++;
        }
        if (!c.authenticated()) {
          unauthenticated++;
          continue;
        }
        kinds[c.kind().ordinal()]++;
        if (c.version() != null) {
          versions.add(c.version());
        }
        switch (c.kind()) {
          case LIST -> lists.merge(c.project(), 1L, Long::sum);
          case CLUSTERS_LIST, FLEX_LIST -> clusterLists.merge(c.project(), 1L, Long::sum);
          case STATUS -> statuses.merge(c.project(), 1L, Long::sum);
          default -> {}
        }
      }
      return new Counts(
          kinds[Kind.LIST.ordinal()],
          kinds[Kind.GET_ONE.ordinal()],
          kinds[Kind.POST.ordinal()],
          kinds[Kind.PATCH.ordinal()],
          kinds[Kind.DELETE.ordinal()],
          kinds[Kind.CLUSTERS_LIST.ordinal()],
          kinds[Kind.FLEX_LIST.ordinal()],
          kinds[Kind.STATUS.ordinal()],
          kinds[Kind.OTHER.ordinal()],
          unauthenticated,
          tooMany,
          tooManyClusters,
          serverErrors,
          lists,
          clusterLists,
          statuses,
          List.copyOf(versions));
    }

    /** The calls of one kind, by kind. */
    long of(Kind kind) {
      return switch (kind) {
        case LIST -> list;
        case GET_ONE -> getOne;
        case POST -> post;
        case PATCH -> patch;
        case DELETE -> delete;
        case CLUSTERS_LIST -> clustersList;
        case FLEX_LIST -> flexList;
        case STATUS -> status;
        case OTHER -> other;
      };
    }

    long writes() {
      return post + patch + delete;
    }
  }
}
