package io.atlasoperator.status;

/** Why a condition has its status. CamelCase, as Kubernetes conventions ask. */
public enum Reason {
  // Ready=True
  Created(Kind.READY, "created in Atlas"),
  Updated(Kind.READY, "updated in Atlas"),
  PasswordRotated(Kind.READY, "password rotated in Atlas"),
  Adopted(Kind.READY, "already existed in Atlas and is now managed"),
  UpToDate(Kind.READY, "matches Atlas"),
  // Reconciling=True: work pending, retried with backoff
  AtlasUnavailable(Kind.PROGRESSING, "Atlas did not answer or answered with a transient error"),
  // Stalled=True: retried only when the spec or a referenced Secret changes
  SecretNotFound(Kind.STALLED, "a referenced Secret does not exist"),
  SecretKeyNotFound(Kind.STALLED, "a referenced Secret has no such key"),
  CredentialsNotConfigured(Kind.STALLED, "no credentials Secret is configured"),
  InvalidSpec(Kind.STALLED, "the spec cannot be applied"),
  Conflict(Kind.STALLED, "another AtlasDatabaseUser manages this Atlas user"),
  AtlasRejected(Kind.STALLED, "Atlas rejected the request"),
  AtlasUnauthorized(Kind.STALLED, "the Atlas API key is wrong or has no access to the project"),
  Expired(Kind.STALLED, "the temporary user reached its deleteAfterDate and Atlas removed it");

  /** Which state a reason puts the resource in. */
  public enum Kind {
    READY,
    PROGRESSING,
    STALLED
  }

  private final Kind kind;
  private final String summary;

  Reason(Kind kind, String summary) {
    this.kind = kind;
    this.summary = summary;
  }

  public Kind kind() {
    return kind;
  }

  public String summary() {
    return summary;
  }
}
