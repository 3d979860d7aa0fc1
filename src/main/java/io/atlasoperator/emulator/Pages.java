package io.atlasoperator.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;

/**
 * Atlas's paginated lists: {@code links} (self, previous, next), {@code results}, {@code
 * totalCount} (left out with includeCount=false), with pageNum (from 1) and itemsPerPage (1..500,
 * 100 by default) (spec: the Paginated* schemas and the list parameters).
 */
final class Pages {

  private Pages() {}

  static <T> JsonNode page(
      ApiCall call, String baseUrl, List<T> all, Function<T, ? extends JsonNode> view) {
    int pageNum = call.intParam("pageNum", 1, 1, Integer.MAX_VALUE);
    int itemsPerPage = call.intParam("itemsPerPage", 100, 1, 500);
    boolean includeCount = !"false".equalsIgnoreCase(call.query().get("includeCount"));
    int from = (int) Math.min((long) (pageNum - 1) * itemsPerPage, all.size());
    int to = Math.min(from + itemsPerPage, all.size());
    ObjectNode page = JsonNodeFactory.instance.objectNode();
    ArrayNode links = page.putArray("links");
    String base = baseUrl + call.rawPath().substring(1);
    links.add(link(base, pageNum, itemsPerPage, "self"));
    if (pageNum > 1) {
      links.add(link(base, pageNum - 1, itemsPerPage, "previous"));
    }
    if (to < all.size()) {
      links.add(link(base, pageNum + 1, itemsPerPage, "next"));
    }
    ArrayNode results = page.putArray("results");
    all.subList(from, to).forEach(item -> results.add(view.apply(item)));
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

  /** A links list with one self link. */
  static ArrayNode selfLink(String href) {
    ArrayNode links = JsonNodeFactory.instance.arrayNode();
    ObjectNode self = links.addObject();
    self.put("href", href);
    self.put("rel", "self");
    return links;
  }
}
