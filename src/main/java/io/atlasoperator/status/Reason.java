package io.atlasoperator.status;

/**
 * Why a condition has its status, and the reason of the Event that reports it: one list, so that
 * {@code kubectl describe} and {@code kubectl get -o yaml} use the same words. CamelCase, as
 * Kubernetes conventions ask.
 */
public enum Reason {
  // Ready=True
  Created(Kind.READY, "created in Atlas"),
  Updated(Kind.READY, "updated in Atlas"),
  PasswordRotated(Kind.READY, "password rotated in Atlas"),
  Adopted(Kind.READY, "already existed in Atlas and is now managed"),
  WriteConfirmed(
      Kind.READY, "an earlier write reached Atlas although its answer was lost; now verified"),
  UpToDate(Kind.READY, "matches Atlas"),
  // Reconciling=True: work pending, retried with backoff
  AtlasUnavailable(Kind.PROGRESSING, "Atlas did not answer or answered with a transient error"),
  AtlasAnswerUnreadable(
      Kind.PROGRESSING,
      "Atlas, or a proxy in front of it, answered with a body the operator cannot read; retried"),
  RateLimited(
      Kind.PROGRESSING,
      "the project's Atlas call budget is spent (Atlas answered 429, or the operator's own rate"
          + " limit held the call back); retried when it refills"),
  Deleting(Kind.PROGRESSING, "the resource is being deleted and the Atlas user is not removed yet"),
  SecretUnreadable(
      Kind.PROGRESSING, "the Kubernetes API server did not give a referenced Secret; retried"),
  SecretNotWritten(
      Kind.PROGRESSING,
      "the Kubernetes API server did not take a Secret the operator writes (a connection Secret,"
          + " a generated password); retried"),
  ClustersApplying(
      Kind.PROGRESSING,
      "Atlas is applying the user's latest change on the clusters it reaches; its connection"
          + " Secrets are written once every one reports APPLIED"),
  // Held: Ready, Reconciling and Stalled all False; the operator was asked not to act
  Paused(Kind.HELD, "paused by an annotation: no Atlas call is made until it is removed"),
  DryRun(Kind.HELD, "dry run: what the operator would do is reported, nothing is written to Atlas"),
  // Stalled=True: cannot make progress as things are; retry() says when it is looked at again
  SecretNotFound(Kind.STALLED, "a referenced Secret does not exist"),
  SecretKeyNotFound(Kind.STALLED, "a referenced Secret has no such key"),
  CredentialsNotConfigured(Kind.STALLED, "no credentials Secret is configured"),
  InvalidCredentials(
      Kind.STALLED,
      "the credentials Secret holds no usable API key or Service Account (empty, unreadable,"
          + " missing or both)"),
  InvalidSpec(Kind.STALLED, "the spec cannot be applied"),
  Conflict(Kind.STALLED, "another AtlasDatabaseUser manages this Atlas user"),
  PolicyDenied(
      Kind.STALLED,
      "the operator's default credentials policy does not allow this namespace, project or role"),
  AdoptionNotAllowed(
      Kind.STALLED, "the Atlas user already exists and taking it over was not allowed"),
  AtlasRejected(Kind.STALLED, "Atlas rejected the request"),
  AtlasUnauthorized(
      Kind.STALLED,
      "the Atlas API key or Service Account is wrong or has no access to the project"),
  AtlasTlsError(Kind.STALLED, "the TLS connection to Atlas failed: its certificate is not trusted"),
  Expired(Kind.STALLED, "the temporary user reached its deleteAfterDate and Atlas removed it"),
  InvalidPassword(Kind.STALLED, "the password in the Secret is not one Atlas accepts"),
  ProjectFull(
      Kind.STALLED,
      "the project holds as many database users as Atlas allows it (100 unless raised)"),
  NotApplied(Kind.STALLED, "Atlas accepted the write but does not hold what the spec asks for"),
  DeletionBlocked(Kind.STALLED, "the Atlas user cannot be deleted with the credentials given"),
  ScopeNotFound(
      Kind.STALLED,
      "a scope names no cluster, flex cluster, federated database instance or stream instance of"
          + " the project"),
  SecretConflict(
      Kind.STALLED,
      "a Secret name the operator needs (a connection Secret, the generated password Secret) is"
          + " taken by a Secret this resource does not own; it is left alone"),
  SecretRefused(
      Kind.STALLED,
      "the API server refused a connection Secret as invalid (its labels or annotations)"),
  SecretNameInvalid(
      Kind.STALLED,
      "spec.connectionSecrets.name gives a name that is not a Secret name, or one name to two"
          + " clusters"),
  ApplyTimedOut(
      Kind.STALLED,
      "Atlas has not reported the user's latest change applied on a cluster it reaches for longer"
          + " than the operator waits; its connection Secrets are not written"),
  // Events only: the resource is gone, or a hint that does not change its state
  Deleted(Kind.NOTICE, "the Atlas user was deleted with its resource"),
  Retained(Kind.NOTICE, "the resource was deleted and its Atlas user left in place"),
  SecretNotLabelled(
      Kind.NOTICE,
      "a referenced Secret is read directly because it lacks the label the operator watches");

  /** Which state a reason puts the resource in. */
  public enum Kind {
    READY,
    PROGRESSING,
    STALLED,
    /** Not acted on, as asked (paused, dry run): neither Ready, nor Reconciling, nor Stalled. */
    HELD,
    /** Never a status reason: only the reason of an Event. */
    NOTICE
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

  /**
   * The type of the Event that reports this reason: Normal for good news, for the operator pacing
   * its calls to Atlas's rate limits (RateLimited) and for Atlas applying a change
   * (ClustersApplying), else Warning.
   */
  public String eventType() {
    return kind == Kind.READY
            || kind == Kind.HELD
            || this == Deleted
            || this == Retained
            || this == RateLimited
            || this == ClustersApplying
        ? "Normal"
        : "Warning";
  }

  /**
   * False for a step that the next Event reports: waiting for Atlas to apply a write
   * (ClustersApplying) is said in the status and the log, and the write's own Event (Created, ...)
   * follows once it is applied; an Event for each would double the Events of every write.
   */
  public boolean recordsEvent() {
    return this != ClustersApplying;
  }

  /** What the operator does after an outcome with this reason. */
  public enum Retry {
    /** JOSDK's retry, with exponential backoff (or after Atlas's Retry-After, when it gave one). */
    BACKOFF,
    /**
     * Calling Atlas again cannot fix it: not tried again until the spec or a referenced Secret
     * changes (looked at after the resync interval, when a Secret read directly may have).
     */
    ON_CHANGE,
    /** Looked at again after the resync interval. */
    AT_RESYNC,
    /** Looked at again soon, without backoff: Atlas is applying a change it accepted. */
    POLL,
    /** Nothing: the resource is gone (an Event's reason only). */
    NONE
  }

  /**
   * The one table of what follows each reason. A switch over every reason, so that a new reason
   * does not compile until it has its line here.
   */
  public Retry retry() {
    return switch (this) {
      case Created, Updated, PasswordRotated, Adopted, WriteConfirmed, UpToDate -> Retry.AT_RESYNC;
      case AtlasUnavailable,
          AtlasAnswerUnreadable,
          RateLimited,
          Deleting,
          SecretUnreadable,
          SecretNotWritten ->
          Retry.BACKOFF;
      case ClustersApplying, ApplyTimedOut -> Retry.POLL;
      case Paused, DryRun -> Retry.AT_RESYNC;
      case SecretNotFound,
          SecretKeyNotFound,
          CredentialsNotConfigured,
          Conflict,
          PolicyDenied,
          AdoptionNotAllowed,
          AtlasTlsError,
          DeletionBlocked,
          ScopeNotFound,
          ProjectFull,
          SecretConflict,
          SecretNameInvalid ->
          Retry.AT_RESYNC;
      case AtlasRejected,
          AtlasUnauthorized,
          Expired,
          InvalidSpec,
          InvalidPassword,
          InvalidCredentials,
          NotApplied,
          SecretRefused ->
          Retry.ON_CHANGE;
      case Deleted, Retained, SecretNotLabelled -> Retry.NONE;
    };
  }
}
