package io.atlasoperator.reconciler;

import io.atlasoperator.crd.PasswordCharacters;
import io.atlasoperator.crd.PasswordGeneration;
import io.atlasoperator.domain.Password;
import java.security.SecureRandom;

/**
 * Draws passwords from {@link SecureRandom}, each character uniformly from the chosen alphabet (no
 * modulo bias: {@link SecureRandom#nextInt(int)} rejects what would skew it).
 */
final class PasswordGenerator {

  static final int DEFAULT_LENGTH = 32;

  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String SYMBOLS = "!#$%&()*+,-./:;<=>?@[]^_{|}~";

  private final SecureRandom random = new SecureRandom();

  /** A new password as {@code generation} asks (null: the defaults). */
  Password next(PasswordGeneration generation) {
    int length =
        generation == null || generation.getLength() == null
            ? DEFAULT_LENGTH
            : generation.getLength();
    String alphabet =
        generation != null
                && generation.getCharacters() == PasswordCharacters.AlphanumericAndSymbols
            ? ALPHANUMERIC + SYMBOLS
            : ALPHANUMERIC;
    StringBuilder password = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      password.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return new Password(password.toString());
  }
}
