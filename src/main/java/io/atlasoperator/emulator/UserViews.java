package io.atlasoperator.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders stored users the way Atlas answers with them: one user with its groupId and self link,
 * and pages of users with their links and totalCount.
 */
final class UserViews {

  private final AtlasEmulator emulator;

  UserViews(AtlasEmulator emulator) {
    this.emulator = emulator;
  }

  /** A page of users with totalCount and self/previous/next links. */
  JsonNode page(ApiCall call, ProjectState project) {
    List<ObjectNode> all = new ArrayList<>(project.users.values());
    return Pages.page(call, emulator.baseUrl(), all, user -> view(call.prefix(), project.id, user));
  }

  /**
   * The user as Atlas answers with it: the stored fields plus groupId and a self link under the API
   * version's prefix. v1.0 and v2 answer the same fields (both schemas are CloudDatabaseUser,
   * description and the four auth types included).
   */
  ObjectNode view(String prefix, String projectId, ObjectNode user) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set("databaseName", user.get("databaseName"));
    copyIfPresent(user, out, "deleteAfterDate");
    copyIfPresent(user, out, "description");
    out.put("groupId", projectId);
    out.set(
        "links",
        Pages.selfLink(
            emulator.baseUrl()
                + prefix.substring(1)
                + projectId
                + "/databaseUsers/"
                + PercentCoding.encode(user.get("databaseName").asText())
                + "/"
                + PercentCoding.encode(user.get("username").asText())));
    out.set(
        "labels", user.has("labels") ? user.get("labels") : JsonNodeFactory.instance.arrayNode());
    // Each auth field defaults to NONE (/components/schemas/CloudDatabaseUser) and is answered so.
    for (String field : UserSchema.AUTH_FIELD_ORDER) {
      out.put(field, user.has(field) ? user.get(field).asText() : "NONE");
    }
    out.set("roles", user.get("roles"));
    copyIfPresent(user, out, "scopes");
    out.set("username", user.get("username"));
    return out;
  }

  private static void copyIfPresent(ObjectNode from, ObjectNode to, String field) {
    if (from.has(field)) {
      to.set(field, from.get(field));
    }
  }
}
