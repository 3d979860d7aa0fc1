package io.atlasoperator.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Short, stable fingerprints of text, for names that must stay unique within a length limit. */
public final class Digests {

  private Digests() {}

  /** The first {@code hexDigits} hex digits of the SHA-256 of the text's UTF-8 bytes. */
  public static String sha256Hex(String text, int hexDigits) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, hexDigits);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
