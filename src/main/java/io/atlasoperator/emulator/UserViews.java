package io.atlasoperator.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
    int pageNum = call.intParam("pageNum", 1, 1, Integer.MAX_VALUE);
    int itemsPerPage = call.intParam("itemsPerPage", 100, 1, 500);
    boolean includeCount = !"false".equalsIgnoreCase(call.query().get("includeCount"));
    List<ObjectNode> all = new ArrayList<>(project.users.values());
    int from = (int) Math.min((long) (pageNum - 1) * itemsPerPage, all.size());
    int to = Math.min(from + itemsPerPage, all.size());
    ObjectNode page = JsonNodeFactory.instance.objectNode();
    ArrayNode links = page.putArray("links");
    String base = emulator.baseUrl() + call.rawPath().substring(1);
    links.add(link(base, pageNum, itemsPerPage, "self"));
    if (pageNum > 1) {
      links.add(link(base, pageNum - 1, itemsPerPage, "previous"));
    }
    if (to < all.size()) {
      links.add(link(base, pageNum + 1, itemsPerPage, "next"));
    }
    ArrayNode results = page.putArray("results");
    all.subList(from, to).forEach(user -> results.add(view(project.id, user)));
    if (includeCount) {
      page.put("totalCount", all.size());
    }
    return page;
  }

  private static ObjectNode link(String base, int pageNum, int itemsPerPage, String rel) {
    ObjectNode link = JsonNodeFactory.instance.objectNode();
    link.put("href", base + "?pageNum=" + pageNum + "&itemsPerPage=" + itemsPerPage);
    link.put("rel", rel);
    return link;
  }

  /** The user as Atlas answers with it: the stored fields plus groupId and a self link. */
  ObjectNode view(String projectId, ObjectNode user) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set("databaseName", user.get("databaseName"));
    copyIfPresent(user, out, "deleteAfterDate");
    copyIfPresent(user, out, "description");
    out.put("groupId", projectId);
    ArrayNode links = out.putArray("links");
    ObjectNode self = links.addObject();
    self.put(
        "href",
        emulator.baseUrl()
            + ApiCall.PREFIX.substring(1)
            + projectId
            + "/databaseUsers/"
            + PercentCoding.encode(user.get("databaseName").asText())
            + "/"
            + PercentCoding.encode(user.get("username").asText()));
    self.put("rel", "self");
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
