package io.atlasoperator.migrate;

/**
 * Where a converted user's password comes from. Only SCRAM users (admin database, no external
 * authentication) have one. A Secret the input already names (AKO's) is reused as it is: it holds
 * the user's current password, and a stub of the same name would overwrite it. Otherwise migrate
 * writes a stub, {@code <resource>-password}, whose empty password the operator refuses until it is
 * filled; no password is ever copied, not even one Terraform's state holds.
 */
final class Passwords {

  static final String KEY = "password";

  private Passwords() {}

  static void assign(UserDraft draft, String existingSecret, String key, Outcome outcome) {
    if (!draft.needsPassword()) {
      if (existingSecret != null) {
        outcome.note(
            "passwordSecretRef "
                + existingSecret
                + " left out: users who authenticate outside MongoDB or are groups have no"
                + " password");
      }
      return;
    }
    if (existingSecret != null) {
      draft.passwordSecret = existingSecret;
      draft.passwordKey = key == null || key.equals(KEY) ? null : key;
      outcome.note(
          "password: reuses the existing Secret "
              + existingSecret
              + " (key "
              + (key == null ? KEY : key)
              + "); the operator watches it when it carries the label atlas.mongodb.com/type:"
              + " credentials (the label AKO watches too). Adoption sets this password in Atlas");
    } else {
      draft.passwordStub = true;
    }
  }

  /** Names the stub after the resource, once the resource's name is known. */
  static void nameStub(UserDraft draft) {
    if (draft.passwordStub) {
      draft.passwordSecret = Naming.secretName(draft.name);
    }
  }
}
