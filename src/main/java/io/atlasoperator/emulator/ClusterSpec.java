package io.atlasoperator.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A dedicated cluster for the emulator to serve: its name, its connection strings, and how long it
 * is CREATING. Immutable; each method answers a changed copy. Give it to {@link
 * AtlasEmulator.Builder#cluster(String, ClusterSpec)} or {@link AtlasEmulator#addCluster(String,
 * ClusterSpec)}.
 *
 * <p>Fields and shapes: the v2 spec's {@code ClusterConnectionStrings} and {@code
 * ClusterDescriptionConnectionStringsPrivateEndpoint} schemas (mongodb/atlas-sdk-go {@code
 * openapi/atlas-api-transformed.yaml}): {@code private} and {@code privateSrv} are the network
 * peering strings, answered only "once someone creates a network peering connection"; {@code
 * privateEndpoint} is answered "only if you deployed a private endpoint". So a cluster answers them
 * only when they are configured here. Strings left null are made from the name.
 */
public final class ClusterSpec {

  /**
   * One private endpoint-aware connection string ({@code connectionStrings.privateEndpoint[n]}):
   * {@code type} is {@code MONGOD} or {@code MONGOS} (the multi-version spec's enum).
   */
  public record PrivateEndpoint(
      String connectionString,
      String srvConnectionString,
      String srvShardOptimizedConnectionString,
      String type,
      List<Endpoint> endpoints) {

    public PrivateEndpoint {
      endpoints = List.copyOf(endpoints);
    }
  }

  /** A private endpoint of a {@link PrivateEndpoint}: providerName AWS, AZURE or GCP. */
  public record Endpoint(String endpointId, String providerName, String region) {}

  private final String name;
  private final String standard;
  private final String standardSrv;
  private final boolean peering;
  private final String privateString;
  private final String privateSrv;
  private final List<PrivateEndpoint> privateEndpoints;
  private final Duration creatingFor;

  private ClusterSpec(
      String name,
      String standard,
      String standardSrv,
      boolean peering,
      String privateString,
      String privateSrv,
      List<PrivateEndpoint> privateEndpoints,
      Duration creatingFor) {
    this.name = Objects.requireNonNull(name, "name");
    this.standard = standard;
    this.standardSrv = standardSrv;
    this.peering = peering;
    this.privateString = privateString;
    this.privateSrv = privateSrv;
    this.privateEndpoints = List.copyOf(privateEndpoints);
    this.creatingFor = Objects.requireNonNull(creatingFor, "creatingFor");
  }

  /** An IDLE cluster with public connection strings made from its name, and no private ones. */
  public static ClusterSpec named(String name) {
    return new ClusterSpec(name, null, null, false, null, null, List.of(), Duration.ZERO);
  }

  /** The {@code standard} ({@code mongodb://}) string; null for the one made from the name. */
  public ClusterSpec standard(String value) {
    return new ClusterSpec(
        name,
        value,
        standardSrv,
        peering,
        privateString,
        privateSrv,
        privateEndpoints,
        creatingFor);
  }

  /** The {@code standardSrv} string; null for the one made from the name. */
  public ClusterSpec standardSrv(String value) {
    return new ClusterSpec(
        name, standard, value, peering, privateString, privateSrv, privateEndpoints, creatingFor);
  }

  /**
   * Network peering strings {@code private} and {@code privateSrv} (either null for the one made
   * from the name); without this call the cluster answers neither.
   */
  public ClusterSpec privateStrings(String privateValue, String privateSrvValue) {
    return new ClusterSpec(
        name,
        standard,
        standardSrv,
        true,
        privateValue,
        privateSrvValue,
        privateEndpoints,
        creatingFor);
  }

  /** Adds a private endpoint with these strings and endpoints. */
  public ClusterSpec privateEndpoint(PrivateEndpoint endpoint) {
    List<PrivateEndpoint> all = new ArrayList<>(privateEndpoints);
    all.add(Objects.requireNonNull(endpoint, "endpoint"));
    return new ClusterSpec(
        name, standard, standardSrv, peering, privateString, privateSrv, all, creatingFor);
  }

  /**
   * Adds a private endpoint ({@code type} MONGOD, the cluster being a replica set) through one
   * endpoint, e.g. {@code ("vpce-0123", "AWS", "US_EAST_1")}, with strings made from the name.
   */
  public ClusterSpec privateEndpoint(String endpointId, String providerName, String region) {
    String host = host(name);
    String suffix = "-pl-" + privateEndpoints.size();
    return privateEndpoint(
        new PrivateEndpoint(
            replicaSet(host + suffix, host),
            "mongodb+srv://" + host + suffix + ".emulator.mongodb.net",
            "mongodb+srv://" + host + suffix + "-lb.emulator.mongodb.net",
            "MONGOD",
            List.of(new Endpoint(endpointId, providerName, region))));
  }

  /**
   * CREATING, with no connection strings, for this long after it is added (by the emulator clock);
   * then IDLE. Zero (the default) is IDLE at once.
   */
  public ClusterSpec creatingFor(Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException("creatingFor must not be negative: " + value);
    }
    return new ClusterSpec(
        name, standard, standardSrv, peering, privateString, privateSrv, privateEndpoints, value);
  }

  public String name() {
    return name;
  }

  String standardOrDefault() {
    return standard != null ? standard : replicaSet(host(name), host(name));
  }

  String standardSrvOrDefault() {
    return standardSrv != null
        ? standardSrv
        : "mongodb+srv://" + host(name) + ".emulator.mongodb.net";
  }

  /** The peering {@code private} string, or null when not configured. */
  String privateOrDefault() {
    if (!peering) {
      return null;
    }
    return privateString != null ? privateString : replicaSet(host(name) + "-pri", host(name));
  }

  /** The peering {@code privateSrv} string, or null when not configured. */
  String privateSrvOrDefault() {
    if (!peering) {
      return null;
    }
    return privateSrv != null
        ? privateSrv
        : "mongodb+srv://" + host(name) + "-pri.emulator.mongodb.net";
  }

  List<PrivateEndpoint> privateEndpoints() {
    return privateEndpoints;
  }

  Duration creatingFor() {
    return creatingFor;
  }

  private static String host(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** A three-member replica set's mongodb:// string, hosts named from {@code prefix}. */
  private static String replicaSet(String prefix, String setName) {
    StringBuilder out = new StringBuilder("mongodb://");
    for (int i = 0; i < 3; i++) {
      out.append(i == 0 ? "" : ",")
          .append(prefix)
          .append("-shard-00-0")
          .append(i)
          .append(".emulator.mongodb.net:27017");
    }
    return out.append("/?ssl=true&authSource=admin&replicaSet=")
        .append(setName)
        .append("-shard-0")
        .toString();
  }
}
