package io.atlasoperator.benchmark;

import io.atlasoperator.emulator.AtlasEmulator;
import io.atlasoperator.emulator.Fault;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Starts the Atlas emulator of one run: its projects open to the run's key or service account,
 * added latency, and the per-project token bucket.
 *
 * <p>The adapter to the emulator's builder: service accounts ({@code serviceAccount(clientId,
 * clientSecret)}) and rate limits ({@code rateLimit(capacity, refillRate, refillPeriod)}) arrive
 * with branch emulator-v2. Until the builder has them they are looked up by name, and a run that
 * needs them says what is missing instead of measuring something else. Once merged, replace the
 * look-ups with direct calls.
 */
final class Emulators {

  /** One run's emulator and the credentials Secret's content (never printed). */
  record Started(AtlasEmulator atlas, boolean rateLimited, Map<String, String> credentials) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private Emulators() {}

  /** What the emulator cannot do for this run, or null when it can do all of it. */
  static String missing(String auth) {
    if (auth.equals("service-account") && builderMethod("serviceAccount") == null) {
      return "the emulator has no service accounts yet (merge emulator-v2)";
    }
    return null;
  }

  static Started start(String auth, List<String> projects, Bucket bucket, Duration latency) {
    String secret = HexFormat.of().formatHex(RANDOM.generateSeed(16));
    AtlasEmulator.Builder builder = AtlasEmulator.builder();
    String principal;
    Map<String, String> credentials;
    if (auth.equals("service-account")) {
      principal = "mdb_sa_id_" + HexFormat.of().formatHex(RANDOM.generateSeed(8));
      call(builder, builderMethod("serviceAccount"), principal, "mdb_sa_sk_" + secret);
      credentials = Map.of("clientId", principal, "clientSecret", "mdb_sa_sk_" + secret);
    } else {
      principal = "benchpub" + HexFormat.of().formatHex(RANDOM.generateSeed(4));
      builder.apiKey(principal, secret);
      credentials = Map.of("publicApiKey", principal, "privateApiKey", secret);
    }
    for (String project : projects) {
      builder.project(project, principal);
    }
    Method rateLimit = builderMethod("rateLimit");
    if (rateLimit != null) {
      call(builder, rateLimit, bucket.capacity(), bucket.refill(), bucket.period());
    }
    AtlasEmulator atlas = builder.start();
    if (!latency.isZero()) {
      atlas.inject(Fault.latency(latency));
    }
    return new Started(atlas, rateLimit != null, credentials);
  }

  private static Method builderMethod(String name) {
    List<Method> found = new ArrayList<>();
    for (Method m : AtlasEmulator.Builder.class.getMethods()) {
      if (m.getName().equals(name)) {
        found.add(m);
      }
    }
    return found.isEmpty() ? null : found.get(0);
  }

  private static void call(AtlasEmulator.Builder builder, Method method, Object... arguments) {
    try {
      method.invoke(builder, arguments);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("emulator builder " + method.getName(), e.getCause());
    }
  }
}
