package io.atlasoperator.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Percent-coding of URL path segments and query values ("+" stays "+" in paths). */
final class PercentCoding {

  private PercentCoding() {}

  /** One path segment, for the links the emulator answers with ("$external" is "%24external"). */
  static String encode(String segment) {
    return java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A");
  }

  static String decode(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '%' && i + 2 < bytes.length) {
        int high = Character.digit(bytes[i + 1], 16);
        int low = Character.digit(bytes[i + 2], 16);
        if (high >= 0 && low >= 0) {
          out.write(high * 16 + low);
          i += 2;
          continue;
        }
      }
      out.write(bytes[i]);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
