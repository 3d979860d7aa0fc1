package io.atlasoperator.emulator;

import static io.atlasoperator.emulator.ErrorCode.INVALID_QUERY_PARAMETER;
import static io.atlasoperator.emulator.ErrorCode.RESOURCE_NOT_FOUND;

import java.util.HashMap;
import java.util.Map;

/**
 * What a request to the databaseUsers resource asked for, once its path and query are decoded: the
 * project, the user when it names one, and the query parameters.
 */
record ApiCall(
    String method,
    String rawPath,
    String rawQuery,
    String projectId,
    String databaseName,
    String username,
    Map<String, String> query) {

  static final String PREFIX = "/api/atlas/v1.0/groups/";

  boolean envelope() {
    return "true".equalsIgnoreCase(query.get("envelope"));
  }

  boolean pretty() {
    return "true".equalsIgnoreCase(query.get("pretty"));
  }

  String decodedPath() {
    return PREFIX
        + projectId
        + "/databaseUsers"
        + (username == null ? "" : "/" + databaseName + "/" + username);
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

  /** Decodes a request; RESOURCE_NOT_FOUND when its path is not the databaseUsers resource. */
  static ApiCall parse(String method, String rawPath, String rawQuery) {
    if (!rawPath.startsWith(PREFIX)) {
      throw new AtlasError(RESOURCE_NOT_FOUND, rawPath);
    }
    String[] segments = rawPath.substring(PREFIX.length()).split("/", -1);
    Map<String, String> query = query(rawQuery);
    if (segments.length == 2 && segments[1].equals("databaseUsers")) {
      return new ApiCall(
          method, rawPath, rawQuery, PercentCoding.decode(segments[0]), null, null, query);
    }
    if (segments.length == 4 && segments[1].equals("databaseUsers")) {
      return new ApiCall(
          method,
          rawPath,
          rawQuery,
          PercentCoding.decode(segments[0]),
          PercentCoding.decode(segments[2]),
          PercentCoding.decode(segments[3]),
          query);
    }
    throw new AtlasError(RESOURCE_NOT_FOUND, PercentCoding.decode(rawPath));
  }

  /** Like {@link #parse}, but a path it cannot decode gives a call with only the query. */
  static ApiCall parseLeniently(String method, String rawPath, String rawQuery) {
    try {
      return parse(method, rawPath, rawQuery);
    } catch (AtlasError e) {
      return new ApiCall(method, rawPath, rawQuery, null, null, null, query(rawQuery));
    }
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
