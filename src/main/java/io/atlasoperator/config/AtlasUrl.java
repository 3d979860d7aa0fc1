package io.atlasoperator.config;

/** Which Atlas URLs the operator accepts. */
final class AtlasUrl {

  private AtlasUrl() {}

  /**
   * Passwords travel to Atlas in request bodies: an {@code http://} Atlas URL is accepted only for
   * a loopback host (an emulator on this machine) or when insecure HTTP is allowed explicitly.
   */
  static void check(String url, boolean allowInsecureHttp) {
    java.net.URI uri;
    try {
      uri = java.net.URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the Atlas URL is not a URL: " + url);
    }
    String scheme =
        uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException("the Atlas URL must start with https:// : " + url);
    }
    if (scheme.equals("http") && !allowInsecureHttp && !isLoopback(uri.getHost())) {
      throw new IllegalArgumentException(
          "refusing to send database user passwords in clear text to "
              + url
              + ": use https://, or an http:// URL on a loopback host (localhost, 127.0.0.1, [::1]);"
              + " to accept clear text anyway set ATLAS_OPERATOR_ALLOW_INSECURE_HTTP=true"
              + " (--allow-insecure-http true)");
    }
  }

  private static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    return h.equalsIgnoreCase("localhost")
        || h.matches("127(\\.[0-9]{1,3}){3}")
        || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1");
  }
}
