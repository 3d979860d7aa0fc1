package io.atlasoperator.atlas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * How the client reaches Atlas.
 *
 * @param baseUrl where the Atlas Administration API lives; https://cloud.mongodb.com/ by default
 * @param api which API the client speaks: v2 (the default) or v1.0
 * @param connectTimeout TCP connect timeout
 * @param readTimeout how long to wait for an answer
 * @param pageSize itemsPerPage when listing (Atlas allows 1 to 500)
 * @param envelope ask Atlas to wrap responses in an envelope (status in the body)
 * @param pretty ask Atlas for pretty-printed JSON
 */
public record AtlasClientConfig(
    String baseUrl,
    AtlasApi api,
    Duration connectTimeout,
    Duration readTimeout,
    int pageSize,
    boolean envelope,
    boolean pretty) {

  public static final String ATLAS_URL = "https://cloud.mongodb.com/";

  /** The operator's version, as it names itself in the User-Agent. */
  public static final String VERSION = readVersion();

  public AtlasClientConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(api, "api");
    baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
    if (pageSize < 1 || pageSize > 500) {
      throw new IllegalArgumentException("pageSize must be between 1 and 500: " + pageSize);
    }
  }

  public static AtlasClientConfig defaults() {
    return new AtlasClientConfig(
        ATLAS_URL, AtlasApi.V2, Duration.ofSeconds(10), Duration.ofSeconds(30), 500, false, false);
  }

  public AtlasClientConfig withBaseUrl(String url) {
    return new AtlasClientConfig(url, api, connectTimeout, readTimeout, pageSize, envelope, pretty);
  }

  public AtlasClientConfig withApi(AtlasApi value) {
    return new AtlasClientConfig(
        baseUrl, value, connectTimeout, readTimeout, pageSize, envelope, pretty);
  }

  public String userAgent() {
    return "atlas-operator/" + VERSION;
  }

  private static String readVersion() {
    try (InputStream in = AtlasClientConfig.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
