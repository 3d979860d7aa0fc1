package io.atlasoperator.reconciler;

import io.atlasoperator.crd.Annotations;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.AtlasUserStatus;
import io.atlasoperator.crd.PasswordStatus;
import io.atlasoperator.domain.AtlasFailure;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.status.Reason;
import io.atlasoperator.status.StatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;

/**
 * One reconcile of one resource, in order: observe (its Secrets, then Atlas: the user, and the
 * project's clusters when its scopes name them), validate, plan, act, then wait for Atlas to apply
 * the change on the clusters and publish the connection Secrets ({@link Connections}); it ends in
 * an {@link Outcome}, which the reconciler hands to {@link Reporter}. No step reports its outcome
 * itself (only the Warning about Secrets read directly is said on the way), and no classified
 * failure leaves as an exception.
 */
final class UserLoop {

  /**
   * The outcome, what was read for it (status.observedInputs; null when nothing was), and the
   * status fields this step knows (null: as the status says).
   */
  record Step(Outcome outcome, String observed, Extras extras) {

    Step(Outcome outcome, String observed) {
      this(outcome, observed, null);
    }
  }

  /**
   * status.password (null: as the status says) and status.replacing (null: no user is being
   * replaced).
   */
  record Extras(PasswordStatus password, AtlasUserStatus replacing) {}

  private final ReferencedSecrets secrets;
  private final ProjectUserCache projectUsers;
  private final PlanExecutor executor;
  private final DryRun dryRun;
  private final Reporter reporter;
  private final Connections connections;
  private final PasswordFingerprints passwords;
  private final GeneratedPasswords generated;
  private final PairedUsers paired;
  private final Replacements replacements;

  UserLoop(
      ReferencedSecrets secrets,
      ProjectUserCache projectUsers,
      PlanExecutor executor,
      DryRun dryRun,
      Reporter reporter,
      Connections connections,
      PasswordFingerprints passwords,
      GeneratedPasswords generated,
      PairedUsers paired,
      Replacements replacements) {
    this.secrets = secrets;
    this.projectUsers = projectUsers;
    this.executor = executor;
    this.dryRun = dryRun;
    this.reporter = reporter;
    this.connections = connections;
    this.passwords = passwords;
    this.generated = generated;
    this.paired = paired;
    this.replacements = replacements;
  }

  Step reconcile(AtlasDatabaseUser resource, Claims claims) {
    String observed = null;
    try {
      Ownership.checkClaim(resource, claims);
      Optional<String> pausedBy = Annotations.pausedBy(resource);
      if (pausedBy.isPresent()) {
        return new Step(
            new Outcome.Held(
                Reason.Paused,
                "Paused by the annotation "
                    + pausedBy.get()
                    + ": no Atlas call is made until it is removed"),
            null);
      }
      GeneratedPasswords.Prepared prepared =
          generated.prepare(resource, dryRun.appliesTo(resource));
      if (prepared.wouldWrite().isPresent()) {
        return new Step(
            new Outcome.Held(
                Reason.DryRun, "Dry run: " + prepared.wouldWrite().get() + "; nothing was written"),
            null);
      }
      ReferencedSecrets.Inputs inputs = secrets.read(resource, prepared.written());
      reporter.secretsRead(resource, inputs);
      observed = inputs.observed(resource.getMetadata().getGeneration());
      if (StatusBuilder.stalledOn(resource.getStatus(), observed)) {
        return new Step(
            new Outcome.Unchanged("waits for a change of its spec or Secrets", null), observed);
      }
      UserPlan.Request request =
          DesiredUsers.request(resource, inputs.passwordVersion()).forUsername(inputs.username());
      if (request.passwordVersion() != null
          && !request.passwordVersion().equals(request.appliedPasswordVersion())
          && passwords.isApplied(resource, inputs.password())) {
        // A new version of the Secret with the same password (a label, another key): not a
        // rotation, nothing to send.
        request = request.passwordUnchanged();
      }
      Extras replacing = new Extras(null, Replacements.pending(resource, request.desired()));
      Optional<DatabaseUser> actual;
      try {
        actual = projectUsers.find(inputs.credentials(), request.desired().key());
        connections.checkScopes(
            resource, inputs.credentials(), request.desired(), dryRun.appliesTo(resource));
      } catch (AtlasFailure failure) {
        if (failure.kind() == AtlasFailure.Kind.RATE_LIMITED
            && StatusBuilder.readyOn(resource, observed)
            && resource.getSpec().getLease() == null) {
          // Only the periodic re-read was held back by the call budget: nothing changed since
          // Atlas last confirmed the user, so it stays Ready and looks again at its next resync,
          // instead of joining every other resource of the project in a rush at the refill. (Not a
          // lease: its renewal cannot wait for the resync.)
          return new Step(
              new Outcome.Unchanged(
                  "its periodic re-read waits for the call budget", failure.call()),
              observed);
        }
        throw failure;
      }
      request = executor.leased(request, actual);
      UserPlan plan = executor.plan(request, actual);
      Optional<String> wouldWrite = dryRun.wouldWrite(resource, plan, request.desired());
      if (wouldWrite.isPresent()) {
        return new Step(new Outcome.Held(Reason.DryRun, wouldWrite.get()), observed);
      }
      Outcome.Applied applied = executor.execute(plan, request, inputs);
      if (applied.reason().kind() == Reason.Kind.READY
          && java.util.Objects.equals(applied.appliedPasswordVersion(), inputs.passwordVersion())) {
        passwords.remember(resource, inputs.password());
      }
      try {
        Outcome published =
            connections.publish(
                resource, inputs, request.desired(), applied, dryRun.appliesTo(resource));
        return settled(resource, inputs, published, observed, request, replacing.replacing());
      } catch (AtlasUserFailure failure) {
        return new Step(
            Outcome.Failed.after(applied, connections.done(resource, applied), failure),
            observed,
            replacing);
      } catch (AtlasFailure failure) {
        return new Step(
            Outcome.Failed.after(
                applied, connections.done(resource, applied), AtlasUserFailure.of(failure)),
            observed,
            replacing);
      }
    } catch (AtlasUserFailure failure) {
      return new Step(
          Outcome.Failed.of(failure).withSecrets(connections.published(resource)), observed);
    } catch (AtlasFailure failure) {
      return new Step(
          Outcome.Failed.of(AtlasUserFailure.of(failure))
              .withSecrets(connections.published(resource)),
          observed);
    }
  }

  /**
   * Once Atlas has applied the password everywhere (a Ready outcome), a rotation's new password
   * moves into the password Secret, and the idle user of a pair is made as it should be; the step
   * says when to look again for the next rotation, the end of a grace period or a lease's renewal,
   * when sooner than the resync; a user the resource replaced ({@code replacing}) goes.
   */
  private Step settled(
      AtlasDatabaseUser resource,
      ReferencedSecrets.Inputs inputs,
      Outcome outcome,
      String observed,
      UserPlan.Request request,
      AtlasUserStatus replacing)
      throws AtlasUserFailure {
    Secret secret = inputs.passwordSecret();
    if (outcome instanceof Outcome.Applied applied
        && applied.reason().kind() == Reason.Kind.READY) {
      if (dryRun.appliesTo(resource)) {
        // Nothing is written under dry run: no rotation settles, no pair is made, no user goes.
        String would =
            replacing == null
                ? ""
                : "; dry run: would then retire the user it replaced, "
                    + replacing.getDatabaseName()
                    + "/"
                    + replacing.getUsername();
        return new Step(
            applied.withMessage(applied.message() + would),
            observed,
            new Extras(generated.status(resource, secret), replacing));
      }
      if (replacing != null) {
        applied =
            applied.withMessage(
                applied.message()
                    + "; "
                    + replacements.retire(resource, inputs.credentials(), replacing));
        outcome = applied;
        replacing = null;
      }
      secret =
          generated
              .settle(resource, secret, inputs.passwordVersion(), applied.appliedPasswordVersion())
              .orElse(null);
      PairedUsers.Settled pair =
          paired.settle(resource, inputs.credentials(), request.desired(), secret);
      secret = pair.secret();
      if (pair.did() != null) {
        applied = applied.wrote(applied.message() + "; " + pair.did());
        outcome = applied;
      }
      Optional<java.time.Duration> next =
          java.util.stream.Stream.concat(
                  secret == null
                      ? java.util.stream.Stream.empty()
                      : generated.untilNext(resource, secret).stream(),
                  executor.untilRenewal(request).stream())
              .min(java.util.Comparator.naturalOrder());
      if (next.isPresent() && applied.recheck() == null) {
        outcome = applied.withRecheck(next.get());
      }
    }
    return new Step(outcome, observed, new Extras(generated.status(resource, secret), replacing));
  }
}
