package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.domain.Password;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tells a new password from the same password in a new version of its Secret (a label, an
 * annotation or another key changed), so that only a new password is sent to Atlas. It keeps, in
 * memory only, a keyed hash (HMAC-SHA256) of the password Atlas was last confirmed to have, under a
 * key made at random when the process starts: never the password, never a plain hash of it, and
 * nothing in the status. After a restart it knows nothing until the next confirmation, so a changed
 * Secret is then sent once, as before.
 */
final class PasswordFingerprints {

  private final byte[] key = new byte[32];
  private final Map<String, byte[]> applied = new ConcurrentHashMap<>();

  PasswordFingerprints() {
    new SecureRandom().nextBytes(key);
  }

  /** Atlas holds this password for the resource's user. */
  void remember(AtlasDatabaseUser resource, Password password) {
    if (password != null) {
      applied.put(resource.getMetadata().getUid(), fingerprint(password));
    }
  }

  /** True when this is the password Atlas was last confirmed to hold for the resource's user. */
  boolean isApplied(AtlasDatabaseUser resource, Password password) {
    byte[] known = applied.get(resource.getMetadata().getUid());
    return password != null && known != null && MessageDigest.isEqual(known, fingerprint(password));
  }

  void forget(AtlasDatabaseUser resource) {
    applied.remove(resource.getMetadata().getUid());
  }

  private byte[] fingerprint(Password password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(password.reveal().getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
