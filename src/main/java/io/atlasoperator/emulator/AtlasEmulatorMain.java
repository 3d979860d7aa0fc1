package io.atlasoperator.emulator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the Atlas emulator on its own, for demos and CI:
 *
 * <pre>
 * java -cp atlas-operator.jar io.atlasoperator.emulator.AtlasEmulatorMain \
 *     --port 8090 --api-key PUBLIC:PRIVATE --project 5356823b3794dee37132bb7b
 * </pre>
 *
 * <p>Or with {@code --config emulator.json} (see {@link EmulatorConfigFile} for its keys). A config
 * file keeps private keys and client secrets out of the process list.
 */
public final class AtlasEmulatorMain {

  static final String USAGE =
      """
      Usage: AtlasEmulatorMain [options]
        --host HOST              interface to listen on (default 127.0.0.1)
        --port PORT              port to listen on (default 8090; 0 picks a free one)
        --api-key PUBLIC:PRIVATE a programmatic API key pair (repeatable)
        --project ID[=PUB,...]   a project, optionally only for the listed public keys (repeatable)
        --custom-role ID:ROLE    a custom database role in a project (repeatable)
        --service-account CLIENT_ID:CLIENT_SECRET
                                 a service account: POST /api/oauth/token gives it Bearer
                                 tokens (repeatable; a --config file keeps the secret out of ps)
        --project-name ID=NAME   a project's name (default project-ID) (repeatable)
        --cluster PROJECT:NAME   a dedicated cluster, IDLE, v2 clusters API (repeatable)
        --flex-cluster PROJECT:NAME
                                 a flex cluster, IDLE, v2 flexClusters API (repeatable)
        --federated-database PROJECT:NAME
                                 a federated database instance, ACTIVE, v2 dataFederation API
                                 (repeatable)
        --stream-instance PROJECT:NAME
                                 a stream instance, v2 streams API (repeatable)
        --apply-delay DURATION   how long a database-user change takes to apply: cluster status
                                 is PENDING for this long after a project's latest user write
                                 (default 0: APPLIED at once; e.g. 5s)
        --users-per-project N    database users a project may hold before a create is 403
                                 GROUP_USERS_LIMIT_EXCEEDED (default 100, Atlas's; 0: none)
        --rate-limit [SET=]CAPACITY:REFILL/PERIOD
                                 token bucket per project for a v2 endpoint set: SET is
                                 databaseUsers (default), clusters or groups; e.g. 100:100/60s.
                                 Atlas publishes no numbers: without this, no limit (repeatable)
        --token-lifetime DURATION
                                 how long access tokens live (default 1h, e.g. 60m)
        --token-endpoint-limit N token requests a client may make a minute (default 50; 0: none)
        --config FILE            the same settings as JSON (docs/emulator.md); clusters there may
                                 also have private connection strings and a CREATING time
        --fault STATUS[:METHOD][:TIMES]
                                 answer authenticated requests (only METHOD ones; only the next
                                 TIMES) with STATUS and an Atlas error body; 429 also carries
                                 Retry-After: 1 (repeatable, e.g. 503:POST:2)
        --latency DURATION       delay every authenticated answer (e.g. 50ms, 2s)
        --log-requests           print a line per request served: method, path, status
        --help                   this text
      """;

  private AtlasEmulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    AtlasEmulator emulator;
    try {
      emulator = configure(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    if (emulator == null) {
      return;
    }
    emulator.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  emulator.stop();
                  stopped.countDown();
                }));
    System.out.println("Atlas emulator listening on " + emulator.baseUrl());
    stopped.await();
  }

  /** Builds the emulator the arguments describe; null when they only asked for help. */
  static AtlasEmulator configure(String[] args, PrintStream out) {
    AtlasEmulator.Builder builder = AtlasEmulator.builder().port(8090);
    List<String> summary = new ArrayList<>();
    List<Fault> faults = new ArrayList<>();
    boolean logRequests = false;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help") || flag.equals("-h")) {
        out.print(USAGE);
        return null;
      }
      if (flag.equals("--log-requests")) {
        logRequests = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--host" -> builder.host(value);
        case "--port" -> builder.port(parsePort(value));
        case "--api-key" -> {
          int colon = value.indexOf(':');
          if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("--api-key takes PUBLIC:PRIVATE");
          }
          builder.apiKey(value.substring(0, colon), value.substring(colon + 1));
          summary.add("API key " + value.substring(0, colon));
        }
        case "--project" -> {
          int eq = value.indexOf('=');
          String id = eq < 0 ? value : value.substring(0, eq);
          builder.project(id, eq < 0 ? new String[0] : value.substring(eq + 1).split(","));
          summary.add("project " + id);
        }
        case "--custom-role" -> {
          int colon = value.indexOf(':');
          if (colon <= 0) {
            throw new IllegalArgumentException("--custom-role takes PROJECT:ROLE");
          }
          builder.customRole(value.substring(0, colon), value.substring(colon + 1));
        }
        case "--config" -> EmulatorConfigFile.read(Path.of(value), builder, summary);
        case "--service-account" -> {
          String[] account = EmulatorConfigFile.pair(flag, value, ':', "CLIENT_ID:CLIENT_SECRET");
          builder.serviceAccount(account[0], account[1]);
          summary.add("service account " + account[0]);
        }
        case "--project-name" -> {
          String[] named = EmulatorConfigFile.pair(flag, value, '=', "ID=NAME");
          builder.projectName(named[0], named[1]);
          summary.add("project " + named[0] + " named " + named[1]);
        }
        case "--cluster", "--flex-cluster", "--federated-database", "--stream-instance" -> {
          String[] named = EmulatorConfigFile.pair(flag, value, ':', "PROJECT:NAME");
          switch (flag) {
            case "--cluster" -> builder.cluster(named[0], named[1]);
            case "--flex-cluster" -> builder.flexCluster(named[0], named[1]);
            case "--federated-database" -> builder.federatedDatabase(named[0], named[1]);
            default -> builder.streamInstance(named[0], named[1]);
          }
          summary.add(flag.substring(2) + " " + value);
        }
        case "--apply-delay" -> {
          builder.applyDelay(parseDuration(flag, value));
          summary.add("apply delay " + value);
        }
        case "--users-per-project" -> {
          builder.usersPerProject(parseCount(flag, value));
          summary.add("users per project " + value);
        }
        case "--rate-limit" -> {
          EmulatorConfigFile.rateLimit(value, builder);
          summary.add("rate limit " + value);
        }
        case "--token-lifetime" -> builder.tokenLifetime(parseDuration(flag, value));
        case "--token-endpoint-limit" -> builder.tokenEndpointRateLimit(parseCount(flag, value));
        case "--fault" -> {
          faults.add(parseFault(value));
          summary.add("fault " + value);
        }
        case "--latency" -> {
          faults.add(Fault.latency(parseDuration(value)));
          summary.add("latency " + value);
        }
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    summary.forEach(line -> out.println("  " + line));
    AtlasEmulator emulator = builder.build();
    faults.forEach(emulator::inject);
    if (logRequests) {
      emulator.onRequest(
          e -> out.println("request " + e.method() + " " + e.path() + " " + e.status()));
    }
    return emulator;
  }

  private static final Pattern FAULT =
      Pattern.compile("([45][0-9][0-9])(?::([A-Za-z]*))?(?::([1-9][0-9]{0,8}))?");
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m)");

  /** STATUS[:METHOD][:TIMES]: 503, 503:POST, 503:2, 503:POST:2, 503::2 (any method). */
  static Fault parseFault(String value) {
    Matcher m = FAULT.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "--fault takes STATUS[:METHOD][:TIMES], STATUS 400 to 599, e.g. 503 or 503:POST:2");
    }
    int status = Integer.parseInt(m.group(1));
    Fault fault = Fault.status(status);
    if (status == 429) {
      fault.retryAfter(Duration.ofSeconds(1));
    }
    if (m.group(2) != null && !m.group(2).isEmpty()) {
      fault.onMethod(m.group(2).toUpperCase(Locale.ROOT));
    }
    if (m.group(3) != null) {
      fault.times(Integer.parseInt(m.group(3)));
    }
    return fault;
  }

  /** 250ms, 2s, 1m (for --latency). */
  static Duration parseDuration(String value) {
    return parseDuration("--latency", value);
  }

  /** 250ms, 2s, 1m, for the flag named. */
  static Duration parseDuration(String flag, String value) {
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException(flag + " takes a duration such as 50ms, 2s or 1m");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      default -> Duration.ofMinutes(amount);
    };
  }

  private static int parseCount(String flag, String value) {
    try {
      int count = Integer.parseInt(value);
      if (count < 0) {
        throw new NumberFormatException();
      }
      return count;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " takes a number (0 for no limit)");
    }
  }

  private static int parsePort(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--port takes a number from 0 to 65535");
    }
  }
}
