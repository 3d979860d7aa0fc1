package io.atlasoperator.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings {@link AtlasEmulatorMain} reads from {@code --config FILE} (JSON), and the values of
 * its newer flags. A config file keeps private keys and client secrets out of the process list.
 *
 * <pre>{@code
 * {"host": "127.0.0.1", "port": 8090,
 *  "apiKeys": [{"publicKey": "...", "privateKey": "..."}],
 *  "serviceAccounts": [{"clientId": "...", "clientSecret": "..."}],
 *  "tokenLifetimeSeconds": 3600,
 *  "applyDelay": "5s", "usersPerProject": 100,
 *  "rateLimit": {"capacity": 100, "refillRate": 100, "refillDurationSeconds": 60},
 *  "projects": [{"id": "...", "name": "...", "apiKeys": ["..."], "principals": ["..."],
 *                "customRoles": ["..."], "clusters": ["Cluster0"], "flexClusters": ["Flex0"],
 *                "federatedDatabases": ["FederatedDatabase0"], "streamInstances": ["Stream0"]}]}
 * }</pre>
 *
 * <p>{@code applyDelay} takes the command line's durations ({@code 250ms}, {@code 5s}, {@code 1m});
 * {@code usersPerProject} a count (0 for no limit; Atlas's 100 by default). A cluster may also be
 * an object (see {@link ClusterSpec}; every field but the name optional):
 *
 * <pre>{@code
 * {"name": "Cluster1", "standard": "mongodb://...", "standardSrv": "mongodb+srv://...",
 *  "private": "mongodb://...", "privateSrv": "mongodb+srv://...",
 *  "privateEndpoint": [{"endpointId": "vpce-0123", "providerName": "AWS", "region": "US_EAST_1",
 *                       "connectionString": "...", "srvConnectionString": "...",
 *                       "srvShardOptimizedConnectionString": "...", "type": "MONGOD"}],
 *  "creatingFor": "30s"}
 * }</pre>
 *
 * <p>{@code "private": true} (or {@code "privateSrv": true}) answers peering strings made from the
 * name; a private endpoint without its strings gets strings made from the name.
 */
final class EmulatorConfigFile {

  private static final Pattern RATE_LIMIT =
      Pattern.compile("(?:([A-Za-z]+)=)?([1-9][0-9]{0,8}):([1-9][0-9]{0,8})/(.+)");

  private EmulatorConfigFile() {}

  static void read(Path file, AtlasEmulator.Builder builder, List<String> summary) {
    JsonNode config;
    try {
      config = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
    if (config.has("host")) {
      builder.host(config.get("host").asText());
    }
    if (config.has("port")) {
      builder.port(config.get("port").asInt());
    }
    for (JsonNode key : config.path("apiKeys")) {
      builder.apiKey(key.path("publicKey").asText(), key.path("privateKey").asText());
      summary.add("API key " + key.path("publicKey").asText());
    }
    for (JsonNode account : config.path("serviceAccounts")) {
      builder.serviceAccount(
          account.path("clientId").asText(), account.path("clientSecret").asText());
      summary.add("service account " + account.path("clientId").asText());
    }
    if (config.hasNonNull("applyDelay")) {
      builder.applyDelay(
          AtlasEmulatorMain.parseDuration("applyDelay", config.get("applyDelay").asText()));
    }
    if (config.hasNonNull("usersPerProject")) {
      builder.usersPerProject(count("usersPerProject", config.get("usersPerProject")));
      summary.add("users per project " + config.get("usersPerProject").asText());
    }
    if (config.has("tokenLifetimeSeconds")) {
      builder.tokenLifetime(Duration.ofSeconds(config.get("tokenLifetimeSeconds").asLong()));
    }
    JsonNode limit = config.path("rateLimit");
    if (limit.isObject()) {
      builder.rateLimit(
          limit.path("capacity").asInt(),
          limit.path("refillRate").asInt(),
          Duration.ofSeconds(limit.path("refillDurationSeconds").asLong()));
      summary.add("rate limit " + limit);
    }
    for (JsonNode project : config.path("projects")) {
      String id = project.path("id").asText();
      List<String> principals = new ArrayList<>();
      project.path("apiKeys").forEach(k -> principals.add(k.asText()));
      project.path("principals").forEach(k -> principals.add(k.asText()));
      builder.project(id, principals.toArray(String[]::new));
      if (project.hasNonNull("name")) {
        builder.projectName(id, project.get("name").asText());
      }
      project.path("customRoles").forEach(role -> builder.customRole(id, role.asText()));
      project.path("clusters").forEach(cluster -> builder.cluster(id, cluster(cluster)));
      project.path("flexClusters").forEach(flex -> builder.flexCluster(id, flex.asText()));
      project.path("federatedDatabases").forEach(f -> builder.federatedDatabase(id, f.asText()));
      project.path("streamInstances").forEach(i -> builder.streamInstance(id, i.asText()));
      summary.add("project " + id);
    }
  }

  /** A cluster of the config file: a name, or an object (see the class comment). */
  static ClusterSpec cluster(JsonNode node) {
    if (node.isTextual()) {
      return ClusterSpec.named(node.asText());
    }
    ClusterSpec spec =
        ClusterSpec.named(node.path("name").asText())
            .standard(text(node, "standard"))
            .standardSrv(text(node, "standardSrv"));
    if (configured(node, "private") || configured(node, "privateSrv")) {
      spec = spec.privateStrings(text(node, "private"), text(node, "privateSrv"));
    }
    for (JsonNode e : node.path("privateEndpoint")) {
      ClusterSpec.Endpoint endpoint =
          new ClusterSpec.Endpoint(
              text(e, "endpointId"), text(e, "providerName"), text(e, "region"));
      spec =
          e.hasNonNull("connectionString")
              ? spec.privateEndpoint(
                  new ClusterSpec.PrivateEndpoint(
                      text(e, "connectionString"),
                      text(e, "srvConnectionString"),
                      text(e, "srvShardOptimizedConnectionString"),
                      e.hasNonNull("type") ? text(e, "type") : "MONGOD",
                      List.of(endpoint)))
              : spec.privateEndpoint(
                  endpoint.endpointId(), endpoint.providerName(), endpoint.region());
    }
    if (node.hasNonNull("creatingFor")) {
      spec =
          spec.creatingFor(
              AtlasEmulatorMain.parseDuration("creatingFor", node.get("creatingFor").asText()));
    }
    return spec;
  }

  /** A whole number from 0 up, for the field named. */
  private static int count(String field, JsonNode node) {
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 0) {
      throw new IllegalArgumentException(field + " takes a number (0 for no limit), not " + node);
    }
    return node.asInt();
  }

  /** Present, not null and not false. */
  private static boolean configured(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && !value.isNull() && !(value.isBoolean() && !value.asBoolean());
  }

  /** A field's text; null when absent, null, or a boolean (true: made from the name). */
  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.isBoolean() ? null : value.asText();
  }

  /**
   * {@code [SET=]CAPACITY:REFILL/PERIOD}, e.g. {@code 100:100/60s} or {@code clusters=10:5/1m}; SET
   * is databaseUsers (the default), clusters or groups.
   */
  static void rateLimit(String value, AtlasEmulator.Builder builder) {
    Matcher m = RATE_LIMIT.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "--rate-limit takes [SET=]CAPACITY:REFILL/PERIOD, e.g. 100:100/60s");
    }
    EndpointSet set = endpointSet(m.group(1) == null ? "databaseUsers" : m.group(1));
    Duration period = AtlasEmulatorMain.parseDuration("--rate-limit PERIOD", m.group(4));
    if (period.toMillis() < 1000) {
      throw new IllegalArgumentException("--rate-limit PERIOD must be at least 1s");
    }
    builder.rateLimit(set, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), period);
  }

  private static EndpointSet endpointSet(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "databaseusers":
        return EndpointSet.DATABASE_USERS;
      case "clusters":
        return EndpointSet.CLUSTERS;
      case "groups":
        return EndpointSet.GROUPS;
      default:
        throw new IllegalArgumentException(
            "--rate-limit SET is databaseUsers, clusters or groups, not " + name);
    }
  }

  /** {@code LEFT<sep>RIGHT} split at the first separator, both sides non-empty. */
  static String[] pair(String flag, String value, char separator, String form) {
    int at = value.indexOf(separator);
    if (at <= 0 || at == value.length() - 1) {
      throw new IllegalArgumentException(flag + " takes " + form);
    }
    return new String[] {value.substring(0, at), value.substring(at + 1)};
  }
}
