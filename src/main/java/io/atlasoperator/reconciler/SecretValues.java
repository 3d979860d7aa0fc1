package io.atlasoperator.reconciler;

import io.atlasoperator.status.Reason;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The values in a Secret, from data (base64) or stringData, as text. */
final class SecretValues {

  private SecretValues() {}

  /** True when the Secret has the key, in data or stringData. */
  static boolean has(Secret secret, String key) {
    return (secret.getData() != null && secret.getData().containsKey(key))
        || (secret.getStringData() != null && secret.getStringData().containsKey(key));
  }

  /**
   * A key's value as text; {@code notText} is the reason when the bytes are not UTF-8 (the Secret
   * holds something, but not what it should).
   */
  static String value(Secret secret, String key, Reason notText) throws AtlasUserFailure {
    String encoded = secret.getData() == null ? null : secret.getData().get(key);
    String plain = secret.getStringData() == null ? null : secret.getStringData().get(key);
    String name = secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
    if (encoded == null && plain == null) {
      throw new AtlasUserFailure(Reason.SecretKeyNotFound, "Secret " + name + " has no key " + key);
    }
    if (encoded == null) {
      return plain;
    }
    try {
      // Strict: bytes that are not UTF-8 text are refused, never replaced (a password altered
      // on the way to Atlas would be one nobody knows).
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Base64.getDecoder().decode(encoded)))
          .toString();
    } catch (CharacterCodingException | IllegalArgumentException e) {
      throw new AtlasUserFailure(
          notText,
          "The value of key "
              + key
              + " in Secret "
              + name
              + " is not UTF-8 text; it was not sent to Atlas");
    }
  }
}
