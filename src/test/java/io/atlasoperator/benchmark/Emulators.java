package io.atlasoperator.benchmark;

import io.atlasoperator.emulator.AtlasEmulator;
import io.atlasoperator.emulator.Fault;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Starts the Atlas emulator of one run: its projects open to the run's API key or service account
 * only, added latency, and the per-project token bucket on the databaseUsers endpoints. Like Atlas
 * ("API Rate Limit" page), the emulator limits the v2 API only: a v1.0 run meets no bucket but the
 * operator's own.
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

  static Started start(
      String api, String auth, List<String> projects, Bucket bucket, Duration latency) {
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
    }
    builder.rateLimit(bucket.capacity(), bucket.refill(), bucket.period());
    AtlasEmulator atlas = builder.start();
    if (!latency.isZero()) {
      atlas.inject(Fault.latency(latency));
    }
    return new Started(atlas, api.equals("v2"), credentials);
  }
}
