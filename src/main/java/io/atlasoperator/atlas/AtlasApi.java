package io.atlasoperator.atlas;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which Atlas Administration API the client speaks. Both serve the same databaseUsers resource with
 * the same fields and error codes; they differ in the path and in how a version is asked for.
 */
public enum AtlasApi {
  /**
   * The versioned API: {@code /api/atlas/v2/...}, with the resource version in the media type.
   * {@code application/vnd.atlas.2023-01-01+json} is the only version of every databaseUsers
   * operation in Atlas's OpenAPI specification; MongoDB's Go SDK sends it as Accept on all five
   * calls and as Content-Type on create and update.
   */
  V2("v2", "application/vnd.atlas.2023-01-01+json"),
  /** The legacy API of the seed: {@code /api/atlas/v1.0/...}, plain JSON, no version header. */
  V1_0("v1.0", "application/json");

  private final String pathSegment;
  private final String mediaType;

  AtlasApi(String pathSegment, String mediaType) {
    this.pathSegment = pathSegment;
    this.mediaType = mediaType;
  }

  /** The path segment after {@code /api/atlas/}: v2 or v1.0. */
  public String pathSegment() {
    return pathSegment;
  }

  /** The Accept of every call, and the Content-Type of every body sent. */
  public String mediaType() {
    return mediaType;
  }

  /** v2 or v1.0, as the setting is written. */
  public static AtlasApi parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(a -> a.pathSegment.equals(v) || (a == V1_0 && v.equals("v1")))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("the Atlas API must be v2 or v1.0, got: " + value));
  }

  @Override
  public String toString() {
    return pathSegment;
  }
}
