package io.atlasoperator.status;

/**
 * What a user does about each reason: the "what to do" of the status reference and the
 * troubleshooting page (docs/reference/status-reasons.md is generated from it). A switch over every
 * reason, so that a new reason does not compile until it says what to do.
 */
public final class Remedy {

  private Remedy() {}

  /** What to do when the resource has {@code reason}; empty for reasons that need nothing. */
  public static String of(Reason reason) {
    return switch (reason) {
      case Created, Updated, PasswordRotated, Adopted, WriteConfirmed, UpToDate -> "";
      case AtlasUnavailable ->
          "Nothing, usually: it is retried with backoff. If it lasts, check that the operator's pod"
              + " reaches the Atlas URL (egress, proxy, DNS) and Atlas's status page; the WARN log"
              + " line names the failed call and its HTTP status.";
      case AtlasAnswerUnreadable ->
          "A proxy or gateway between the operator and Atlas answers in Atlas's place (an HTML"
              + " page, a login form). Let the operator reach Atlas directly, or fix the proxy.";
      case RateLimited ->
          "Nothing: the call waits for the project's budget to refill. If many resources share a"
              + " project, expect creates to take minutes; ATLAS_OPERATOR_RATE_LIMIT tunes the"
              + " operator's own budget.";
      case Deleting ->
          "Nothing while Atlas cannot be reached: the finalizer stays until the user is deleted."
              + " To let the resource go and keep the user, set spec.deletionPolicy: Retain.";
      case SecretUnreadable ->
          "Check the operator's RBAC (get, list, watch on Secrets in this namespace) and the API"
              + " server; it is retried.";
      case SecretNotWritten ->
          "Check the operator's RBAC (create, update, delete on Secrets in this namespace), a"
              + " quota or an admission webhook that refuses Secrets; it is retried.";
      case ClustersApplying ->
          "Nothing: Atlas applies a user change on every cluster within seconds to minutes; the"
              + " connection Secrets follow. If it lasts past 10 minutes it becomes ApplyTimedOut.";
      case Paused ->
          "Remove the annotation atlasoperator.io/paused (or"
              + " mongodb.com/atlas-reconciliation-policy: skip) to let the operator act again.";
      case DryRun ->
          "Read what it would do in the message; remove atlasoperator.io/dry-run (or unset the"
              + " operator's dry run) to carry it out.";
      case SecretNotFound ->
          "Create the Secret the message names, in the resource's namespace, or fix"
              + " spec.passwordSecretRef / spec.credentialsSecretRef. Leave passwordSecretRef out to"
              + " have a password generated.";
      case SecretKeyNotFound ->
          "Add the key the message names to the Secret (password by default, or the key in"
              + " spec.passwordSecretRef.key).";
      case CredentialsNotConfigured ->
          "Set spec.credentialsSecretRef to a Secret with an API key or Service Account, or give"
              + " the operator default credentials (ATLAS_OPERATOR_DEFAULT_CREDENTIALS).";
      case InvalidCredentials ->
          "Put either publicApiKey and privateApiKey, or clientId and clientSecret (not both, none"
              + " empty) in the credentials Secret.";
      case InvalidSpec ->
          "Fix the field the message names (a date in the past, a duration out of range, ...);"
              + " nothing was written to Atlas.";
      case Conflict ->
          "Another AtlasDatabaseUser (named in the message) manages this Atlas user: delete one of"
              + " the two resources, or give this one another username.";
      case PolicyDenied ->
          "The operator's default credentials may not be used here: give the resource its own"
              + " spec.credentialsSecretRef, or ask the operator's admin to widen the policy.";
      case AdoptionNotAllowed ->
          "An Atlas user of that name exists and is not this resource's. To take it over, set"
              + " spec.adoptExisting: true (and the operator must allow adoption); otherwise choose"
              + " another username.";
      case AtlasRejected ->
          "Atlas refused the request: its errorCode and detail are in the message. Fix the spec or"
              + " Secret accordingly; it is not retried until one of them changes.";
      case AtlasUnauthorized ->
          "Check the API key or Service Account: that it exists, has Project Owner (or Project"
              + " Database Access Admin) on the project, and that the operator's IP is on the key's"
              + " access list. Then change the credentials Secret (a new label is enough): only a"
              + " change of the spec or a Secret has it tried again.";
      case AtlasTlsError ->
          "The certificate Atlas (or a proxy) presents is not trusted: give your CA (Helm value"
              + " atlasCaBundle, or ATLAS_OPERATOR_CA_BUNDLE), or fix the proxy's certificate.";
      case Expired ->
          "The temporary user is gone, as asked. For a new one: spec.expiresAfter counts from the"
              + " resource's creation, so delete and apply it again; for deleteAfterDate set a later"
              + " date. spec.lease renews itself instead.";
      case InvalidPassword ->
          "Put another password in the Secret: at least 8 characters, UTF-8, not one of the most"
              + " common passwords (COMMON_PASSWORD). Or leave passwordSecretRef out to have one"
              + " generated.";
      case ProjectFull ->
          "The project holds as many database users as Atlas allows (100 unless raised; a TwoUsers"
              + " pair counts twice): delete users, raise the project's limit (Atlas's project"
              + " limits API), or use another project.";
      case NotApplied ->
          "Atlas accepted the write but kept something else (named in the message): check that"
              + " Atlas supports the field for this user; change the spec or report it.";
      case DeletionBlocked ->
          "The credentials cannot delete the user: give them the role to, or set"
              + " spec.deletionPolicy: Retain to let the resource go and keep the user.";
      case ScopeNotFound ->
          "Create the cluster, federated database or stream instance the scope names, or fix the"
              + " scope's name or type; it is checked again at the next project read.";
      case SecretConflict ->
          "A Secret of the name the operator needs is not this resource's: rename or delete it, or"
              + " choose another name (spec.connectionSecrets.name, spec.passwordSecretRef).";
      case SecretRefused ->
          "The API server refused the connection Secret: fix the labels or annotations in"
              + " spec.connectionSecrets the message names.";
      case SecretNameInvalid ->
          "Fix spec.connectionSecrets.name so that each cluster gets a distinct, valid Secret name"
              + " (add {cluster}).";
      case ApplyTimedOut ->
          "Atlas has not applied the change on a cluster for 10 minutes: check the cluster in"
              + " Atlas (paused, being changed, unhealthy); it is looked at again every minute.";
      case Deleted, Retained -> "";
      case SecretNotLabelled ->
          "Label the Secret atlas.mongodb.com/type=credentials so that its changes are seen at"
              + " once instead of at the resync.";
    };
  }
}
