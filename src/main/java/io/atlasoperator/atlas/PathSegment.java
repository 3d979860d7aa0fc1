package io.atlasoperator.atlas;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes one URL path segment, leaving only RFC 3986 unreserved characters as they are:
 * "$external" becomes "%24external", and a DN's "=" and "," or an OIDC name's "/" are encoded too.
 */
public final class PathSegment {

  private PathSegment() {}

  public static String encode(String segment) {
    StringBuilder out = new StringBuilder();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
