package io.atlasoperator.emulator;

import static io.atlasoperator.emulator.ErrorCode.COMMON_PASSWORD;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Set;

/**
 * Atlas refuses a database-user password "found in most commonly used password lists" (400
 * COMMON_PASSWORD, see {@link ErrorCode#COMMON_PASSWORD}), but does not publish its list. The
 * emulator's is a small stand-in: passwords near the top of every public common-password list, and
 * only ones of at least {@link UserSchema#PASSWORD_MIN_LENGTH} characters (shorter ones are refused
 * first, as too short). The builder's {@code commonPassword(...)} adds more.
 */
final class CommonPasswords {

  /** The built-in list, in lower case. */
  static final Set<String> BUILT_IN =
      Set.of(
          "password",
          "password1",
          "password123",
          "passw0rd",
          "12345678",
          "123456789",
          "1234567890",
          "987654321",
          "11111111",
          "123123123",
          "qwertyui",
          "qwerty123",
          "qwertyuiop",
          "asdfghjkl",
          "1234qwer",
          "1q2w3e4r",
          "1q2w3e4r5t",
          "1qaz2wsx",
          "1qaz2wsx3edc",
          "q1w2e3r4t5y6",
          "iloveyou",
          "sunshine",
          "princess",
          "football",
          "baseball",
          "superman",
          "trustno1",
          "starwars",
          "whatever");

  private CommonPasswords() {}

  /**
   * 400 COMMON_PASSWORD when the request sends a password that equals one of {@code common} (lower
   * case), ignoring case. {@link UserRules} checks it after every other rule of the request, so a
   * password too short is still INVALID_ATTRIBUTE, and so is a password on a user that takes none
   * (the order is the emulator's choice; Atlas publishes none).
   */
  static void check(ObjectNode request, Set<String> common) {
    if (request.has("password")
        && common.contains(request.get("password").asText().toLowerCase(Locale.ROOT))) {
      throw new AtlasError(COMMON_PASSWORD);
    }
  }
}
