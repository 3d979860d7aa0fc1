package io.atlasoperator.emulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Projects, clusters and flex clusters as the v2 API answers with them: the fields of the spec's
 * {@code Group}, {@code ClusterDescription20240805} and {@code FlexClusterDescription20241113}
 * schemas that clients read (mongodb/atlas-sdk-go {@code openapi/atlas-api-transformed.yaml}),
 * shaped like Atlas's recorded answers (mongodb/mongodb-atlas-cli e2e snapshots). Every version of
 * the cluster operations answers this one shape. Ids are stable hashes of the names.
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
    out.put("clusterCount", project.deployments.size());
    out.put("created", DATE.format(project.created));
    out.put("id", project.id);
    out.set("links", Pages.selfLink(groupUrl(project)));
    out.put("name", project.name());
    out.put("orgId", ORG_ID);
    out.putArray("tags");
    out.put("withDefaultAlertsSettings", true);
    return out;
  }

  ObjectNode cluster(ProjectState project, ProjectState.Deployment cluster) {
    ObjectNode out = common(project, cluster, "/clusters/");
    out.put("paused", false);
    out.put("stateName", "IDLE");
    return out;
  }

  ObjectNode flexCluster(ProjectState project, ProjectState.Deployment flex) {
    ObjectNode out = common(project, flex, "/flexClusters/");
    ObjectNode provider = out.putObject("providerSettings");
    provider.put("backingProviderName", "AWS");
    provider.put("diskSizeGB", 5.0);
    provider.put("providerName", "FLEX");
    provider.put("regionName", "US_EAST_1");
    out.put("stateName", "IDLE");
    out.putArray("tags");
    out.put("terminationProtectionEnabled", false);
    out.put("versionReleaseSystem", "LTS");
    return out;
  }

  /** getClusterStatus: the emulator applies every change at once. */
  ObjectNode status(ProjectState project, ProjectState.Deployment cluster) {
    ObjectNode out = NODES.objectNode();
    out.put("changeStatus", "APPLIED");
    out.set(
        "links",
        Pages.selfLink(
            groupUrl(project) + "/clusters/" + PercentCoding.encode(cluster.name()) + "/status"));
    return out;
  }

  private ObjectNode common(ProjectState project, ProjectState.Deployment d, String path) {
    ObjectNode out = NODES.objectNode();
    out.put("clusterType", "REPLICASET");
    ObjectNode strings = out.putObject("connectionStrings");
    strings.put("standard", d.standard());
    strings.put("standardSrv", d.standardSrv());
    out.put("createDate", DATE.format(project.created));
    out.put("groupId", project.id);
    out.put("id", id(project.id + "/" + d.name()));
    out.set("links", Pages.selfLink(groupUrl(project) + path + PercentCoding.encode(d.name())));
    out.put("mongoDBVersion", "8.0.0");
    out.put("name", d.name());
    return out;
  }

  private String groupUrl(ProjectState project) {
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
