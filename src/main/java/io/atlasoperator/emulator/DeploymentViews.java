package io.atlasoperator.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Projects, clusters and flex clusters as the v2 API answers with them: the fields of the spec's
 * {@code Group}, {@code ClusterDescription20240805} and {@code FlexClusterDescription20241113}
 * schemas that clients read (mongodb/atlas-sdk-go {@code openapi/atlas-api-transformed.yaml}),
 * shaped like Atlas's recorded answers (mongodb/mongodb-atlas-cli e2e snapshots). Every version of
 * the cluster operations answers this one shape. Ids are stable hashes of the names. Field order
 * within {@code connectionStrings} is alphabetical, as Atlas answers.
 */
final class DeploymentViews {

  /** The organization every emulated project belongs to (the emulator has no organizations). */
  static final String ORG_ID = "0123456789abcdef01234567";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** ISO 8601 in UTC to the second, as Atlas answers dates. */
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final AtlasEmulator emulator;

  DeploymentViews(AtlasEmulator emulator) {
    this.emulator = emulator;
  }

  ObjectNode group(ProjectState project) {
    ObjectNode out = NODES.objectNode();
    out.put("clusterCount", project.deployments(emulator.clock().instant()).size());
    out.put("created", DATE.format(project.created));
    out.put("id", project.id);
    out.set("links", Pages.selfLink(groupUrl(project)));
    out.put("name", project.name());
    out.put("orgId", ORG_ID);
    out.putArray("tags");
    out.put("withDefaultAlertsSettings", true);
    return out;
  }

  /**
   * A dedicated cluster: {@code stateName} and {@code paused} (see {@link Deployment}), and its
   * {@code connectionStrings}: none while CREATING (Atlas's recorded answer for a CREATING cluster
   * carries only {@code privateEndpoint: []}, mongodb/mongodb-atlas-cli
   * test/e2e/atlas/clusters/iss/clustersiss/testdata/.snapshots/TestIndependendShardScalingCluster/
   * Create_ISS_cluster); then {@code standard}, {@code standardSrv}, the peering {@code private}
   * and {@code privateSrv} only when configured, and {@code privateEndpoint} (empty unless
   * configured, as recorded).
   */
  ObjectNode cluster(ProjectState project, Deployment cluster, Instant now) {
    ObjectNode out = common(project, cluster, "/clusters/");
    ObjectNode strings = (ObjectNode) out.get("connectionStrings");
    ClusterSpec spec = cluster.spec();
    boolean up = !cluster.creating(now);
    if (up) {
      putIfSet(strings, "private", spec.privateOrDefault());
    }
    ArrayNode endpoints = strings.putArray("privateEndpoint");
    if (up) {
      spec.privateEndpoints().forEach(e -> endpoints.add(privateEndpoint(e)));
      putIfSet(strings, "privateSrv", spec.privateSrvOrDefault());
      strings.put("standard", spec.standardOrDefault());
      strings.put("standardSrv", spec.standardSrvOrDefault());
    }
    out.put("paused", cluster.paused());
    out.put("stateName", cluster.stateName(now));
    return out;
  }

  /**
   * A flex cluster: {@code connectionStrings} has {@code standard} and {@code standardSrv} only
   * (spec: {@code FlexConnectionStrings20241113}); while CREATING only {@code standardSrv}, as in
   * Atlas's recorded answers (mongodb/mongodb-atlas-cli
   * test/e2e/atlas/backup/flex/backupflex/testdata/.snapshots, POST .../flexClusters).
   */
  ObjectNode flexCluster(ProjectState project, Deployment flex, Instant now) {
    ObjectNode out = common(project, flex, "/flexClusters/");
    ObjectNode strings = (ObjectNode) out.get("connectionStrings");
    if (!flex.creating(now)) {
      strings.put("standard", flex.spec().standardOrDefault());
    }
    strings.put("standardSrv", flex.spec().standardSrvOrDefault());
    ObjectNode provider = out.putObject("providerSettings");
    provider.put("backingProviderName", "AWS");
    provider.put("diskSizeGB", 5.0);
    provider.put("providerName", "FLEX");
    provider.put("regionName", "US_EAST_1");
    out.put("stateName", flex.stateName(now));
    out.putArray("tags");
    out.put("terminationProtectionEnabled", false);
    out.put("versionReleaseSystem", "LTS");
    return out;
  }

  /**
   * getClusterStatus (spec: {@code ClusterStatus}, changeStatus PENDING or APPLIED): PENDING until
   * the project's latest user write is applied (see {@link ProjectState#changeStatus}).
   */
  ObjectNode status(ProjectState project, Deployment cluster, Instant now) {
    ObjectNode out = NODES.objectNode();
    out.put("changeStatus", project.changeStatus(now, emulator.applyDelay()));
    out.set(
        "links",
        Pages.selfLink(
            groupUrl(project) + "/clusters/" + PercentCoding.encode(cluster.name()) + "/status"));
    return out;
  }

  private static ObjectNode privateEndpoint(ClusterSpec.PrivateEndpoint endpoint) {
    ObjectNode out = NODES.objectNode();
    out.put("connectionString", endpoint.connectionString());
    ArrayNode list = out.putArray("endpoints");
    for (ClusterSpec.Endpoint e : endpoint.endpoints()) {
      list.addObject()
          .put("endpointId", e.endpointId())
          .put("providerName", e.providerName())
          .put("region", e.region());
    }
    out.put("srvConnectionString", endpoint.srvConnectionString());
    out.put("srvShardOptimizedConnectionString", endpoint.srvShardOptimizedConnectionString());
    out.put("type", endpoint.type());
    return out;
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  private ObjectNode common(ProjectState project, Deployment d, String path) {
    ObjectNode out = NODES.objectNode();
    out.put("clusterType", "REPLICASET");
    out.putObject("connectionStrings");
    out.put("createDate", DATE.format(project.created));
    out.put("groupId", project.id);
    out.put("id", id(project.id + "/" + d.name()));
    out.set("links", Pages.selfLink(groupUrl(project) + path + PercentCoding.encode(d.name())));
    out.put("mongoDBVersion", "8.0.0");
    out.put("name", d.name());
    return out;
  }

  String groupUrl(ProjectState project) {
    return emulator.baseUrl() + ApiCall.V2_PREFIX.substring(1) + PercentCoding.encode(project.id);
  }

  /** A stable 24-hex-digit id. */
  static String id(String seed) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
