package io.atlasoperator.emulator;

import static io.atlasoperator.emulator.ErrorCode.INVALID_QUERY_PARAMETER;
import static io.atlasoperator.emulator.ErrorCode.RESOURCE_NOT_FOUND;

import java.util.HashMap;
import java.util.Map;

/**
 * What a request to the Administration API asked for, once its path and query are decoded: the API
 * version (v1.0 or v2), the resource, the project, the user or cluster when it names one, and the
 * query parameters.
 *
 * <p>v1.0 serves databaseUsers only. v2 (paths per the v2 OpenAPI spec, mongodb/atlas-sdk-go {@code
 * openapi/atlas-api-transformed.yaml}) serves databaseUsers, the project by id and by name,
 * clusters (with their status), flex clusters, federated database instances (listDataFederation,
 * getDataFederation: {@code dataFederation[/{tenantName}]}) and stream instances
 * (listStreamWorkspaces: {@code streams}).
 */
record ApiCall(
    String method,
    String rawPath,
    String rawQuery,
    boolean v2,
    Resource resource,
    String projectId,
    String databaseName,
    String username,
    String name,
    Map<String, String> query) {

  /** The resources served. */
  enum Resource {
    DATABASE_USERS,
    GROUP,
    GROUP_BY_NAME,
    CLUSTERS,
    CLUSTER_STATUS,
    FLEX_CLUSTERS,
    DATA_FEDERATION,
    STREAMS
  }

  static final String PREFIX = "/api/atlas/v1.0/groups/";
  static final String V2_PREFIX = "/api/atlas/v2/groups/";

  boolean envelope() {
    return "true".equalsIgnoreCase(query.get("envelope"));
  }

  boolean pretty() {
    return "true".equalsIgnoreCase(query.get("pretty"));
  }

  /** The path of the API version asked for, up to and including "groups/". */
  String prefix() {
    return v2 ? V2_PREFIX : PREFIX;
  }

  String decodedPath() {
    return PercentCoding.decode(rawPath);
  }

  /** The integer query parameter, or its default when absent; INVALID_QUERY_PARAMETER if bad. */
  int intParam(String name, int defaultValue, int min, int max) {
    String value = query.get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < min || parsed > max) {
        throw new AtlasError(INVALID_QUERY_PARAMETER, name);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new AtlasError(INVALID_QUERY_PARAMETER, name);
    }
  }

  /** Decodes a request; RESOURCE_NOT_FOUND when its path is none of the resources served. */
  static ApiCall parse(String method, String rawPath, String rawQuery) {
    boolean v2 = rawPath.startsWith(V2_PREFIX);
    if (!v2 && !rawPath.startsWith(PREFIX)) {
      throw new AtlasError(RESOURCE_NOT_FOUND, PercentCoding.decode(rawPath));
    }
    String[] raw = rawPath.substring((v2 ? V2_PREFIX : PREFIX).length()).split("/", -1);
    String[] s = new String[raw.length];
    for (int i = 0; i < raw.length; i++) {
      s[i] = PercentCoding.decode(raw[i]);
    }
    Map<String, String> query = query(rawQuery);
    String kind = s.length > 1 ? s[1] : "";
    Resource resource = null;
    String db = null;
    String user = null;
    String name = null;
    if (kind.equals("databaseUsers") && (s.length == 2 || s.length == 4)) {
      resource = Resource.DATABASE_USERS;
      db = s.length == 4 ? s[2] : null;
      user = s.length == 4 ? s[3] : null;
    } else if (v2) {
      if (s.length == 1 && !s[0].isEmpty()) {
        resource = Resource.GROUP;
      } else if (s.length == 2 && raw[0].equals("byName")) {
        resource = Resource.GROUP_BY_NAME;
        name = s[1];
      } else if (kind.equals("clusters") && (s.length == 2 || s.length == 3)) {
        resource = Resource.CLUSTERS;
        name = s.length == 3 ? s[2] : null;
      } else if (kind.equals("clusters") && s.length == 4 && s[3].equals("status")) {
        resource = Resource.CLUSTER_STATUS;
        name = s[2];
      } else if (kind.equals("flexClusters") && (s.length == 2 || s.length == 3)) {
        resource = Resource.FLEX_CLUSTERS;
        name = s.length == 3 ? s[2] : null;
      } else if (kind.equals("dataFederation") && (s.length == 2 || s.length == 3)) {
        resource = Resource.DATA_FEDERATION;
        name = s.length == 3 ? s[2] : null;
      } else if (kind.equals("streams") && s.length == 2) {
        resource = Resource.STREAMS;
      }
    }
    if (resource == null) {
      throw new AtlasError(RESOURCE_NOT_FOUND, PercentCoding.decode(rawPath));
    }
    String projectId = resource == Resource.GROUP_BY_NAME ? null : s[0];
    return new ApiCall(method, rawPath, rawQuery, v2, resource, projectId, db, user, name, query);
  }

  /** Like {@link #parse}, but a path it cannot decode gives a call with only the query. */
  static ApiCall parseLeniently(String method, String rawPath, String rawQuery) {
    try {
      return parse(method, rawPath, rawQuery);
    } catch (AtlasError e) {
      return new ApiCall(
          method,
          rawPath,
          rawQuery,
          rawPath.startsWith(V2_PREFIX),
          null,
          null,
          null,
          null,
          null,
          query(rawQuery));
    }
  }

  /** The same call answered plainly: no envelope (a 401 challenge comes before the API). */
  ApiCall plain() {
    return new ApiCall(
        method,
        rawPath,
        rawQuery,
        v2,
        resource,
        projectId,
        databaseName,
        username,
        name,
        Map.of("pretty", String.valueOf(pretty())));
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> query = new HashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String name = PercentCoding.decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : PercentCoding.decode(pair.substring(eq + 1));
        query.put(name, value);
      }
    }
    return query;
  }
}
