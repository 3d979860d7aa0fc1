package io.atlasoperator.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * Federated database instances and stream instances as the v2 API answers with them: the fields of
 * the spec's {@code DataLakeTenant} and {@code StreamsTenant} schemas that clients read (name,
 * state, hostnames, ids; mongodb/atlas-sdk-go {@code openapi/atlas-api-transformed.yaml}), in the
 * shapes of Atlas's recorded answers (mongodb/mongodb-atlas-cli e2e snapshots
 * test/e2e/atlas/datafederation/db/datafederationdb/.../TestDataFederation/List and
 * test/e2e/atlas/streams/streams/.../TestStreams/List_all_streams_in_the_e2e_project_after_creating):
 * a federated database has no id and no links; a stream instance has {@code _id} and no links of
 * its own. Hostnames are made from the names.
 */
final class InstanceViews {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private InstanceViews() {}

  /**
   * One federated database instance: {@code state} ACTIVE (the multi-version spec's enum is
   * UNVERIFIED, ACTIVE, DELETED), one hostname, no private endpoint hostnames.
   */
  static ObjectNode federatedDatabase(ProjectState project, String name) {
    ObjectNode out = NODES.objectNode();
    out.put("groupId", project.id);
    hostnames(out).add(host(name) + ".a.query.emulator.mongodb.net");
    out.put("name", name);
    out.putArray("privateEndpointHostnames");
    out.put("state", "ACTIVE");
    return out;
  }

  /** The federated database instances of a project: a plain JSON array, as the spec answers. */
  static ArrayNode federatedDatabases(ProjectState project) {
    ArrayNode out = NODES.arrayNode();
    project.federatedDatabases.forEach(name -> out.add(federatedDatabase(project, name)));
    return out;
  }

  /** One stream instance: {@code _id}, {@code groupId}, one hostname, {@code name}. */
  static ObjectNode streamInstance(ProjectState project, String name) {
    ObjectNode out = NODES.objectNode();
    String id = DeploymentViews.id(project.id + "/streams/" + name);
    out.put("_id", id);
    out.put("groupId", project.id);
    hostnames(out).add("atlas-stream-" + id + ".a.query.emulator.mongodb.net");
    out.put("name", name);
    return out;
  }

  private static ArrayNode hostnames(ObjectNode node) {
    return node.putArray("hostnames");
  }

  private static String host(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
