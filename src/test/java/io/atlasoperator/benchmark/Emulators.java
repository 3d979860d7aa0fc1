package io.atlasoperator.benchmark;

import io.atlasoperator.emulator.AtlasEmulator;
import io.atlasoperator.emulator.EndpointSet;
import io.atlasoperator.emulator.Fault;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Starts the Atlas emulator of one run: its projects open to the run's API key or service account
 * only, each with the run's dedicated and flex clusters ({@link #cluster}, {@link #flexCluster}),
 * the apply delay of its cluster status, added latency, and the same per-project token bucket on
 * the databaseUsers endpoint set and on the clusters one (clusters, flex clusters, their status).
 * Like Atlas ("API Rate Limit" page), the emulator limits the v2 API only: a v1.0 run's user calls
 * meet no bucket but the operator's own (its cluster reads are v2 whatever the run's API).
 */
final class Emulators {

  /**
   * One run's emulator and the credentials Secret's content (never printed).
   *
   * @param rateLimited whether the emulator limits the calls this run makes
   */
  record Started(AtlasEmulator atlas, boolean rateLimited, Map<String, String> credentials) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private Emulators() {}

  /** The name of the {@code i}th dedicated cluster of every project. */
  static String cluster(int i) {
    return "cluster-" + i;
  }

  /** The name of the {@code i}th flex cluster of every project. */
  static String flexCluster(int i) {
    return "flex-" + i;
  }

  static Started start(String api, String auth, List<String> projects, Options options) {
    Bucket bucket = options.atlasBucket();
    String secret = HexFormat.of().formatHex(RANDOM.generateSeed(16));
    AtlasEmulator.Builder builder = AtlasEmulator.builder();
    String principal;
    Map<String, String> credentials;
    if (auth.equals("service-account")) {
      principal = "mdb_sa_id_" + HexFormat.of().formatHex(RANDOM.generateSeed(8));
      builder.serviceAccount(principal, "mdb_sa_sk_" + secret);
      credentials = Map.of("clientId", principal, "clientSecret", "mdb_sa_sk_" + secret);
    } else {
      principal = "benchpub" + HexFormat.of().formatHex(RANDOM.generateSeed(4));
      builder.apiKey(principal, secret);
      credentials = Map.of("publicApiKey", principal, "privateApiKey", secret);
    }
    for (String project : projects) {
      builder.project(project, principal);
      for (int i = 0; i < options.clusters(); i++) {
        builder.cluster(project, cluster(i));
      }
      for (int i = 0; i < options.flexClusters(); i++) {
        builder.flexCluster(project, flexCluster(i));
      }
    }
    builder.applyDelay(options.applyDelay());
    for (EndpointSet set : List.of(EndpointSet.DATABASE_USERS, EndpointSet.CLUSTERS)) {
      builder.rateLimit(set, bucket.capacity(), bucket.refill(), bucket.period());
    }
    AtlasEmulator atlas = builder.start();
    if (!options.latency().isZero()) {
      atlas.inject(Fault.latency(options.latency()));
    }
    return new Started(atlas, api.equals("v2"), credentials);
  }
}
