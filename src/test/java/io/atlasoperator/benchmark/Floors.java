package io.atlasoperator.benchmark;

import java.time.Duration;
import java.util.Map;

/**
 * The least time a step can take, whatever the operator does: the calls it cannot do without must
 * get through the per-project token buckets, and when the users reach clusters, Atlas (the
 * emulator) must have applied the project's last user write before a connection Secret may be
 * written, which it does the apply delay after that write.
 *
 * <p>For each project p: {@code max(F_u(n_p) + D, F_c(m_p))}, the floor the largest over projects.
 * {@code F(n)} is a bucket's {@link Bucket#floor}: 0 when {@code n <= C}, else {@code ceil((n - C)
 * / R) * T}, the bucket full at the step's start. {@code n_p}: the project's necessary
 * databaseUsers calls (its last one, a write, cannot come before {@code F_u(n_p)}); {@code D}: the
 * apply delay, for a step that waits for Atlas to apply its writes on clusters (create, change,
 * rotate, when there are clusters); {@code m_p}: the project's necessary calls on the clusters
 * endpoint set. F_u is Atlas's bucket on v2 (the operator's own follows its RateLimit headers from
 * the first answer on) and the operator's on v1.0 (Atlas limits v2 only); F_c is Atlas's, the
 * cluster endpoints being v2 whatever the run's API.
 */
final class Floors {

  private final Options options;
  private final boolean atlasLimited;

  Floors(Options options, boolean atlasLimited) {
    this.options = options;
    this.atlasLimited = atlasLimited;
  }

  /**
   * The floor of a step.
   *
   * @param userCalls the necessary databaseUsers calls, by project
   * @param clusterCalls the necessary clusters-set calls of each project
   * @param waitsForApply whether the step ends only once Atlas applied its writes on the clusters
   */
  Duration of(Map<String, Long> userCalls, long clusterCalls, boolean waitsForApply) {
    Bucket users = atlasLimited ? options.atlasBucket() : options.operatorBucket();
    Bucket clusters = options.atlasBucket();
    Duration apply = applyDelay(waitsForApply);
    Duration floor = Duration.ZERO;
    for (long n : userCalls.values()) {
      Duration p = max(users.floor(n).plus(apply), clusters.floor(clusterCalls));
      floor = max(floor, p);
    }
    return floor;
  }

  /**
   * The floor of a TwoUsers rotation of every resource, {@code resources} of them by project: per
   * project {@code max(F_u(r_p) + D + G, F_u(2 r_p), F_c(m_p))}. Each resource's idle user gets a
   * PATCH; Atlas must apply it (D, with clusters) before the Secrets switch to it; the user they
   * left keeps its password for the grace period G, then gets its own PATCH. The last idle PATCH of
   * a project cannot come before {@code F_u(r_p)}, its left user's PATCH not before D + G after
   * that, and all {@code 2 r_p} PATCHes must pass the bucket. G is in the floor: the strategy waits
   * it by design (the step ends once every left user has its new password).
   */
  Duration twoUsersRotation(Map<String, Long> resources, long clusterCalls, Duration grace) {
    Bucket users = atlasLimited ? options.atlasBucket() : options.operatorBucket();
    Duration apply = applyDelay(true);
    Duration floor = Duration.ZERO;
    for (long r : resources.values()) {
      Duration p = max(users.floor(r).plus(apply).plus(grace), users.floor(2 * r));
      floor = max(floor, max(p, options.atlasBucket().floor(clusterCalls)));
    }
    return floor;
  }

  /** The part of a step's floor that is Atlas applying the writes (0 without clusters). */
  Duration applyDelay(boolean waitsForApply) {
    return waitsForApply && options.secretsPerUser() > 0 ? options.applyDelay() : Duration.ZERO;
  }

  /** Step 1's necessary clusters-set calls per project: both lists, a status read per cluster. */
  long createClusterCalls() {
    return 2 + options.secretsPerUser();
  }

  /** Steps 3 and 4: a status read per cluster once the writes are applied. */
  long changeClusterCalls() {
    return options.secretsPerUser();
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** The formula, for the output. */
  static String formula() {
    return "floor = max over projects p of max(F_u(n_p) + D, F_c(m_p)), F(n) = (n <= C ? 0 :"
        + " ceil((n - C) / R) * T) with each bucket full at the step's start; D = the apply delay"
        + " in steps that wait for Atlas to apply (1, 3, 4) when there are clusters, else 0";
  }

  /** The rotation step's floor with generated passwords, for the output. */
  static String rotationFormula(boolean twoUsers) {
    return twoUsers
        ? "step 4 (TwoUsers): floor = max over p of max(F_u(r_p) + D + G, F_u(2 r_p), F_c(m_p)),"
            + " r_p the project's resources: a PATCH of each idle user, applied (D) before the"
            + " Secrets switch, the grace period G, then a PATCH of each left user; G counts as"
            + " floor (the strategy waits it by design)"
        : "step 4 (InPlace): floor = the formula above with n_p = one PATCH per resource";
  }

  /** What n_p and m_p are, for the output. */
  static String necessaryCalls() {
    return "n_p (databaseUsers): step 1 one list + one POST per user, steps 3-4 one PATCH per"
        + " changed user, step 5 one DELETE per user; m_p (clusters set): step 1 a clusters list,"
        + " a flexClusters list and one status read per cluster, steps 3-4 one status read per"
        + " cluster";
  }
}
