package io.atlasoperator.atlas;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The operator's own call budget per Atlas project ({@link CallBudget}), applied to each call
 * before it leaves, so that the operator stays under Atlas's rate limits instead of running into
 * them: Atlas limits its v2 API with a token bucket per endpoint set and scope (organization,
 * project, user or IP address); the databaseUsers endpoints are a project's, and so are the
 * clusters'. The operator keeps one bucket per project and endpoint set ({@link #endpointSet}).
 *
 * <p>A call whose budget has no token now waits for one only briefly ({@link #LONGEST_WAIT});
 * otherwise it is not sent and fails with {@link CallThrottled}, saying when the budget refills, so
 * that the reconcile thread goes on to other projects' resources instead of sleeping (one busy
 * project must not starve the others). Each bucket follows what Atlas says: RateLimit-Limit is its
 * capacity, up as well as down (a limit above the configured one adds what the configured capacity
 * held back, so that the conservative default never makes a call wait where Atlas would not),
 * RateLimit-Remaining lowers what is left (never raises it: answers may come back in another order
 * than Atlas counted them), and a 429 pauses it for its Retry-After (at most {@link
 * #LONGEST_PAUSE}), sets when it refills next, and takes Atlas's refill rate and period from the
 * 429's documented parameters ([path, retry after, capacity, refill rate, refill seconds]).
 */
final class ProjectBudgets implements Interceptor {

  /** The longest a call waits for its project's budget before it is deferred instead. */
  static final Duration LONGEST_WAIT = Duration.ofSeconds(1);

  /** The longest a 429's Retry-After pauses a project's calls. */
  static final Duration LONGEST_PAUSE = Duration.ofMinutes(15);

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private static final Pattern PROJECT =
      Pattern.compile("/api/atlas/[^/]+/groups/([^/]+)(?:/([^/]+))?(/|$)");

  private final CallBudget budget;
  private final LongSupplier nanoTime;
  private final CallMetrics metrics;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  ProjectBudgets(CallBudget budget, LongSupplier nanoTime, CallMetrics metrics) {
    this.budget = budget;
    this.nanoTime = nanoTime;
    this.metrics = metrics;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Matcher m = PROJECT.matcher(request.url().encodedPath());
    if (!m.find()) {
      return chain.proceed(request);
    }
    String project = m.group(1);
    Bucket bucket =
        buckets.computeIfAbsent(
            project + " " + endpointSet(m.group(2)), p -> new Bucket(budget, nanoTime.getAsLong()));
    long waited = 0;
    while (true) {
      long wait = bucket.take(nanoTime.getAsLong());
      if (wait == 0) {
        break;
      }
      if (waited + wait > LONGEST_WAIT.toNanos()) {
        metrics.deferred();
        throw new CallThrottled(
            request.method() + " " + request.url().encodedPath(),
            "The operator's Atlas call budget for project "
                + project
                + " ("
                + budget
                + ", ATLAS_OPERATOR_RATE_LIMIT) is spent; retried when it refills",
            Duration.ofNanos(wait));
      }
      sleep(wait);
      waited += wait;
    }
    if (waited > 0) {
      metrics.budgetWait(waited);
    }
    Response response = null;
    try {
      response = chain.proceed(request);
      return response;
    } finally {
      bucket.answered(nanoTime.getAsLong(), response, refillOf(response));
    }
  }

  /**
   * Which of Atlas's endpoint sets a path under {@code /groups/{groupId}} belongs to: Atlas keeps a
   * bucket per endpoint set and project, so a burst of user writes does not hold back the cluster
   * reads that follow them, nor the other way round. Database users, clusters (with flex clusters)
   * and the rest each get their own.
   */
  static String endpointSet(String resource) {
    if (resource == null) {
      return "group";
    }
    return switch (resource) {
      case "databaseUsers" -> "databaseUsers";
      case "clusters", "flexClusters" -> "clusters";
      default -> resource;
    };
  }

  /**
   * Atlas's refill (rate, seconds) from a 429 RATE_LIMITED_TOKEN_BUCKET body's parameters, as
   * Atlas's rate-limit page documents them; null when the answer says nothing of it.
   */
  static int[] refillOf(Response response) {
    if (response == null || response.code() != 429) {
      return null;
    }
    try {
      com.fasterxml.jackson.databind.JsonNode parameters =
          JSON.readTree(response.peekBody(8192).string()).path("parameters");
      if (parameters.size() == 5
          && parameters.get(3).canConvertToInt()
          && parameters.get(4).canConvertToInt()
          && parameters.get(3).asInt() > 0
          && parameters.get(4).asInt() > 0) {
        return new int[] {parameters.get(3).asInt(), parameters.get(4).asInt()};
      }
    } catch (IOException | RuntimeException e) {
      // Not the documented body: the Retry-After alone is used.
    }
    return null;
  }

  private static void sleep(long nanos) throws InterruptedIOException {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for the Atlas call budget");
    }
  }

  /**
   * One project's bucket. Refills are discrete, {@code refill} tokens every {@code period}, as in
   * Atlas's documented example ("Please retry after 55 seconds ... Refill rate: 5 per 60 seconds").
   * The refill clock starts at the first answer, which comes after Atlas started its own bucket, so
   * the operator's refills never come before Atlas's.
   */
  static final class Bucket {
    private int refill;
    private long period;
    private int capacity;
    private long tokens;
    private long nextRefill;
    private boolean anchored;
    private long pausedUntil;
    private int inFlight;

    Bucket(CallBudget budget, long now) {
      this.capacity = budget.capacity();
      this.refill = budget.refill();
      this.period = budget.period().toNanos();
      this.tokens = capacity;
      this.nextRefill = now + period;
      this.pausedUntil = now;
    }

    /** Takes a token and returns 0, or returns the nanoseconds until one may be there. */
    synchronized long take(long now) {
      refill(now);
      if (now < pausedUntil) {
        return pausedUntil - now;
      }
      if (tokens > 0) {
        tokens--;
        inFlight++;
        return 0;
      }
      return Math.max(1, nextRefill - now);
    }

    /**
     * Learns from Atlas's answer (null when none came) what its own bucket holds; {@code
     * atlasRefill} is Atlas's refill (rate, seconds) from a 429's body ({@link #refillOf}), or
     * null.
     */
    synchronized void answered(long now, Response response, int[] atlasRefill) {
      inFlight--;
      if (!anchored) {
        anchored = true;
        nextRefill = now + period;
      }
      if (response == null) {
        return;
      }
      Integer limit = number(response.header("RateLimit-Limit"));
      if (limit != null && limit > 0 && limit != capacity) {
        if (limit > capacity) {
          // Atlas allows more than the configured budget assumed: what it held back is there.
          tokens += limit - capacity;
        }
        capacity = limit;
        tokens = Math.min(tokens, capacity);
      }
      Integer remaining = number(response.header("RateLimit-Remaining"));
      if (remaining != null) {
        tokens = Math.max(0, Math.min(tokens, remaining - inFlight));
      }
      if (response.code() == 429) {
        tokens = 0;
        if (atlasRefill != null) {
          refill = Math.min(atlasRefill[0], capacity);
          period = TimeUnit.SECONDS.toNanos(atlasRefill[1]);
        }
        Integer retryAfter = number(response.header("Retry-After"));
        long pause =
            Math.min(
                retryAfter == null ? period : TimeUnit.SECONDS.toNanos(retryAfter),
                LONGEST_PAUSE.toNanos());
        pausedUntil = Math.max(pausedUntil, now + pause);
        nextRefill = now + pause;
      }
    }

    private void refill(long now) {
      if (now >= nextRefill) {
        long refills = (now - nextRefill) / period + 1;
        tokens = Math.min(capacity, tokens + refills * refill);
        nextRefill += refills * period;
      }
    }

    synchronized long tokens() {
      return tokens;
    }

    private static Integer number(String header) {
      if (header == null || !header.trim().matches("[0-9]{1,9}")) {
        return null;
      }
      return Integer.parseInt(header.trim());
    }
  }
}
