package io.atlasoperator.reconciler;

import static io.atlasoperator.reconciler.SecretOwnership.decoded;
import static io.atlasoperator.testing.OperatorEnvironment.scramUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.PasswordGeneration;
import io.atlasoperator.crd.PasswordSecretRef;
import io.atlasoperator.emulator.JournalEntry;
import io.atlasoperator.testing.OperatorEnvironment;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Passwords and leases against a real API server and the Atlas emulator: the Secret the operator
 * generates, owns and deletes with its resource; a rotation asked for with an annotation, sent to
 * Atlas first and put in the Secrets only once the emulator reports it APPLIED; a Secret someone
 * else wrote used as it is; Atlas's COMMON_PASSWORD and its 100 users per project said plainly; a
 * user on a lease.
 */
class GeneratedPasswordsIT {

  @RegisterExtension
  static final OperatorEnvironment ENV = new OperatorEnvironment(Duration.ofSeconds(5));

  @AfterEach
  void noApplyDelay() {
    ENV.atlas().applyDelay(Duration.ZERO);
  }

  Secret secret(String ns, String name) {
    return ENV.client().secrets().inNamespace(ns).withName(name).get();
  }

  static String sentToAtlas(String project) {
    return ENV.atlas().lastWrite(project, "admin", "app").orElseThrow().get("password").asText();
  }

  @Test
  void aGeneratedPasswordIsRotatedOnRequestAtlasFirstTheSecretsOnceApplied() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.atlas().addCluster(project, "Cluster0");
    ENV.atlas().applyDelay(Duration.ofSeconds(3));
    AtlasDatabaseUser app = scramUser(ns, "app", project, "app");
    app.getSpec().setPasswordSecretRef(null);
    ENV.create(app);

    AtlasDatabaseUser created = ENV.awaitReady(ns, "app", "True", "Created");
    Secret generated = secret(ns, "app-password");
    String first = decoded(generated, "password");
    assertThat(first).matches("[A-Za-z0-9]{32}");
    assertThat(sentToAtlas(project)).isEqualTo(first);
    assertThat(generated.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(created.getMetadata().getUid()));
    assertThat(decoded(secret(ns, "app-cluster0"), "password")).isEqualTo(first);
    assertThat(created.getStatus().getPassword().getGenerated()).isTrue();
    assertThat(created.getStatus().getPassword().getSecret()).isEqualTo("app-password");

    rotateNow(ns, "app", "1");

    ENV.awaitReady(ns, "app", "False", "ClustersApplying");
    Secret rotating =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> secret(ns, "app-password"), s -> s.getData().containsKey("pendingPassword"));
    String second = sentToAtlas(project);
    assertThat(second).isNotEqualTo(first);
    assertThat(decoded(rotating, "password"))
        .as("the working password stays while Atlas applies the new one")
        .isEqualTo(first);
    assertThat(decoded(rotating, "pendingPassword")).isEqualTo(second);
    assertThat(decoded(secret(ns, "app-cluster0"), "password")).isEqualTo(first);

    AtlasDatabaseUser rotated = ENV.awaitReady(ns, "app", "True", "PasswordRotated");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> second.equals(decoded(secret(ns, "app-password"), "password")));
    assertThat(secret(ns, "app-password").getData()).doesNotContainKey("pendingPassword");
    assertThat(decoded(secret(ns, "app-cluster0"), "password")).isEqualTo(second);
    List<JournalEntry> patches =
        ENV.atlasWrites(project).stream().filter(e -> e.method().equals("PATCH")).toList();
    assertThat(patches)
        .as("one rotation, one PATCH: moving the password within its Secret sends nothing")
        .hasSize(1);
    assertThat(Instant.parse(rotated.getStatus().getPassword().getLastRotation()))
        .as("the rotation is dated when it settled, after its PATCH (status time: whole seconds)")
        .isAfterOrEqualTo(patches.get(0).at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
        .isBeforeOrEqualTo(Instant.now());
    assertThat(ENV.events(ns, "app"))
        .allSatisfy(e -> assertThat(e.getMessage()).doesNotContain(first).doesNotContain(second));
    assertThat(ENV.events(ns, "app")).extracting(Event::getReason).contains("PasswordRotated");

    ENV.client().resources(AtlasDatabaseUser.class).inNamespace(ns).withName("app").delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> secret(ns, "app-password") == null);
  }

  @Test
  void aSecretSomeoneElseWroteIsUsedAsItIsAndLeftWithTheResource() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "mine", "my own s3cret");
    AtlasDatabaseUser app = scramUser(ns, "app", project, "app");
    app.getSpec().setPasswordSecretRef(new PasswordSecretRef("mine", "password"));
    app.getSpec().setPasswordGeneration(new PasswordGeneration());
    ENV.create(app);

    AtlasDatabaseUser ready = ENV.awaitReady(ns, "app", "True", "Created");

    assertThat(sentToAtlas(project)).isEqualTo("my own s3cret");
    assertThat(ready.getStatus().getPassword().getGenerated()).isFalse();
    ENV.client().resources(AtlasDatabaseUser.class).inNamespace(ns).withName("app").delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> ENV.get(ns, "app") == null);
    assertThat(decoded(secret(ns, "mine"), "password")).isEqualTo("my own s3cret");
    assertThat(secret(ns, "mine").getMetadata().getLabels())
        .as("not the operator's: nothing added")
        .doesNotContainKey("atlasoperator.io/generated-password");
  }

  @Test
  void aCommonPasswordAndAFullProjectAreSaidPlainly() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "weak-password", "password1");
    ENV.create(scramUser(ns, "weak", project, "weak"));

    AtlasDatabaseUser weak = ENV.awaitReady(ns, "weak", "False", "InvalidPassword");
    assertThat(ENV.condition(weak, "Ready").orElseThrow().getMessage())
        .contains("too common (400 COMMON_PASSWORD")
        .doesNotContain("password1");

    for (int i = 0; i < 100; i++) {
      com.fasterxml.jackson.databind.node.ObjectNode user =
          new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
      user.put("databaseName", "admin")
          .put("username", "filler-" + i)
          .put("password", "x8!kq-Zr" + i);
      user.putArray("roles").addObject().put("databaseName", "x").put("roleName", "read");
      ENV.atlas().createBehindTheBack(project, user);
    }
    AtlasDatabaseUser app = scramUser(ns, "app", project, "app");
    app.getSpec().setPasswordSecretRef(null);
    ENV.create(app);
    AtlasDatabaseUser full = ENV.awaitReady(ns, "app", "False", "ProjectFull");
    assertThat(ENV.condition(full, "Ready").orElseThrow().getMessage())
        .contains("100 per project unless its limit was raised; 403 GROUP_USERS_LIMIT_EXCEEDED");

    ENV.atlas().deleteBehindTheBack(project, "admin", "filler-0");
    ENV.awaitReady(ns, "app", "True", "Created");
  }

  @Test
  void aUserOnALeaseIsCreatedALeaseAhead() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "app-password", "lease-s3cret");
    AtlasDatabaseUser app = scramUser(ns, "app", project, "app");
    app.getSpec().setLease("24h");
    ENV.create(app);

    AtlasDatabaseUser created = ENV.awaitReady(ns, "app", "True", "Created");

    java.time.Instant expires =
        java.time.Instant.parse(created.getStatus().getAtlas().getExpiresAt());
    java.time.Instant from = java.time.Instant.parse(created.getMetadata().getCreationTimestamp());
    assertThat(Duration.between(from, expires))
        .isBetween(Duration.ofHours(24), Duration.ofHours(24).plusMinutes(1));
    assertThat(
            Instant.parse(
                ENV.atlas()
                    .storedUser(project, "admin", "app")
                    .orElseThrow()
                    .get("deleteAfterDate")
                    .asText()))
        .as("Atlas holds the date the status shows")
        .isEqualTo(expires);
  }

  /** What a connection Secret held, and when the test saw it. */
  record Seen(java.time.Instant at, String username, String password) {}

  @Test
  void twoUsersTakeTurnsAndNoSecretEverNamesAPasswordAtlasHasNotApplied() throws Exception {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    Duration applyDelay = Duration.ofSeconds(3);
    String first = createPair(ns, project, "5s", applyDelay);

    SecretWatcher watcher = new SecretWatcher(ns, "app-cluster0");
    rotateNow(ns, "app", "1");
    AtlasDatabaseUser rotated = ENV.awaitReady(ns, "app", "True", "PasswordRotated");
    assertThat(rotated.getStatus().getPassword().getUser()).isEqualTo("app-b");
    assertThat(rotated.getStatus().getPassword().getPreviousUser()).isEqualTo("app");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                ENV.atlasWrites(project).stream()
                    .anyMatch(e -> e.method().equals("PATCH") && e.path().endsWith("/app")));
    List<Seen> seen = watcher.stop();

    String second =
        ENV.atlas().lastWrite(project, "admin", "app-b").orElseThrow().get("password").asText();
    JournalEntry patchB =
        ENV.atlasWrites(project).stream()
            .filter(e -> e.method().equals("PATCH") && e.path().endsWith("/app-b"))
            .findFirst()
            .orElseThrow();
    JournalEntry patchA =
        ENV.atlasWrites(project).stream()
            .filter(e -> e.method().equals("PATCH") && e.path().endsWith("/app"))
            .findFirst()
            .orElseThrow();
    switchedOnlyOnceApplied(seen, patchB.at().plus(applyDelay));
    Seen firstNew =
        seen.stream().filter(x -> "app-b".equals(x.username())).findFirst().orElseThrow();
    assertOnlyEver(seen, first, second);
    // status times are whole seconds (metav1.Time), rounded down
    Instant validUntil =
        Instant.parse(rotated.getStatus().getPassword().getPreviousUserValidUntil());
    assertThat(validUntil.plusSeconds(1).minusSeconds(5))
        .as("the grace period starts when the Secrets switch, after Atlas applied the new password")
        .isAfterOrEqualTo(patchB.at().plus(applyDelay));
    assertThat(patchA.at())
        .as("the old user's password replaced only once the grace period the status gave is over")
        .isAfterOrEqualTo(validUntil);
    // A client sees the switch a moment after the operator makes it (its watch's latency; on a
    // busy 2-core machine up to about a second): the grace it gets is that much shorter.
    assertThat(patchA.at())
        .as("the old user's password replaced about the grace period after a client saw the switch")
        .isAfterOrEqualTo(firstNew.at().plusSeconds(5).minusSeconds(2));
    assertThat(
            ENV.atlas().lastWrite(project, "admin", "app").orElseThrow().get("password").asText())
        .isNotEqualTo(first)
        .isNotEqualTo(second);

    ENV.client().resources(AtlasDatabaseUser.class).inNamespace(ns).withName("app").delete();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                ENV.atlas().storedUser(project, "admin", "app").isEmpty()
                    && ENV.atlas().storedUser(project, "admin", "app-b").isEmpty());
  }

  @Test
  void aNewUsernameReplacesTheUserOnceTheNewOneIsApplied() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.atlas().addCluster(project, "Cluster0");
    ENV.atlas().applyDelay(Duration.ofSeconds(2));
    ENV.password(ns, "app-password", "replace-s3cret");
    ENV.create(scramUser(ns, "app", project, "app"));
    ENV.awaitReady(ns, "app", "True", "Created");

    ENV.edit(ns, "app", s -> s.setUsername("app-v2"));

    AtlasDatabaseUser replaced = ENV.awaitReady(ns, "app", "True", "Created");
    assertThat(ENV.condition(replaced, "Ready").orElseThrow().getMessage())
        .contains("Created user app-v2")
        .contains("deleted the user it replaced");
    assertThat(ENV.atlas().storedUser(project, "admin", "app")).isEmpty();
    assertThat(ENV.atlas().storedUser(project, "admin", "app-v2")).isPresent();
    assertThat(decoded(secret(ns, "app-cluster0"), "username")).isEqualTo("app-v2");
    assertThat(replaced.getStatus().getReplacing()).isNull();
    JournalEntry post =
        ENV.atlasWrites(project).stream()
            .filter(e -> e.method().equals("POST"))
            .reduce((a, b) -> b)
            .orElseThrow();
    JournalEntry delete =
        ENV.atlasWrites(project).stream()
            .filter(e -> e.method().equals("DELETE"))
            .findFirst()
            .orElseThrow();
    assertThat(delete.at())
        .as("the old user deleted only after the new one was applied")
        .isAfterOrEqualTo(post.at().plusSeconds(2));
  }

  @Test
  void aPairRotationThroughA503A429AndAnOperatorRestartNeverBreaksTheSecret() throws Exception {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    Duration applyDelay = Duration.ofSeconds(3);
    String first = createPair(ns, project, "3s", applyDelay);

    SecretWatcher watcher = new SecretWatcher(ns, "app-cluster0");
    ENV.atlas()
        .inject(
            io.atlasoperator.emulator.Fault.status(503)
                .forProject(project)
                .onMethod("PATCH")
                .times(1));
    ENV.atlas()
        .inject(
            io.atlasoperator.emulator.Fault.status(429)
                .retryAfter(Duration.ofSeconds(1))
                .forProject(project)
                .onMethod("PATCH")
                .times(1));
    rotateNow(ns, "app", "1");
    // The operator dies while Atlas applies the idle user's new password.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                ENV.atlasWrites(project).stream()
                    .anyMatch(
                        e ->
                            e.method().equals("PATCH")
                                && e.path().endsWith("/app-b")
                                && e.status() == 200));
    ENV.restartOperator();

    AtlasDatabaseUser rotated =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> ENV.get(ns, "app"),
                r ->
                    r.getStatus() != null
                        && r.getStatus().getPassword() != null
                        && "app-b".equals(r.getStatus().getPassword().getUser())
                        && r.getStatus().getPassword().getPreviousUser() == null
                        && io.atlasoperator.testing.LocalKubeApiServer.ready(r));
    List<Seen> seen = watcher.stop();

    String second =
        ENV.atlas().lastWrite(project, "admin", "app-b").orElseThrow().get("password").asText();
    assertOnlyEver(seen, first, second);
    JournalEntry applied =
        ENV.atlasWrites(project).stream()
            .filter(e -> e.method().equals("PATCH") && e.path().endsWith("/app-b"))
            .filter(e -> e.status() == 200)
            .reduce((a, b) -> b)
            .orElseThrow();
    switchedOnlyOnceApplied(seen, applied.at().plus(applyDelay));
    assertThat(
            ENV.atlasWrites(project).stream()
                .filter(e -> e.method().equals("PATCH") && e.path().endsWith("/app-b"))
                .map(JournalEntry::status))
        .as("the 503 and the 429 were served to the idle user's PATCH, then it went through")
        .containsSubsequence(503, 429, 200);
    assertThat(ENV.atlas().storedUsers(project))
        .as("no extra user left behind")
        .extracting(u -> u.get("username").asText())
        .containsExactlyInAnyOrder("app", "app-b");
    assertThat(rotated.getStatus().getPassword().getRotating()).isNull();
  }

  /**
   * A TwoUsers resource app (users app and app-b) with this grace period, Ready and paired, in a
   * project with one cluster, Cluster0, where Atlas applies each write {@code applyDelay} later;
   * gives the first password.
   */
  static String createPair(String ns, String project, String grace, Duration applyDelay) {
    ENV.atlas().addCluster(project, "Cluster0");
    ENV.atlas().applyDelay(applyDelay);
    AtlasDatabaseUser app = scramUser(ns, "app", project, "app");
    app.getSpec().setPasswordSecretRef(null);
    io.atlasoperator.crd.PasswordRotation rotation = new io.atlasoperator.crd.PasswordRotation();
    rotation.setStrategy(io.atlasoperator.crd.RotationStrategy.TwoUsers);
    rotation.setGracePeriod(grace);
    PasswordGeneration generation = new PasswordGeneration();
    generation.setRotation(rotation);
    app.getSpec().setPasswordGeneration(generation);
    ENV.create(app);
    ENV.awaitReady(ns, "app", "True", "Created");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> ENV.atlas().storedUser(project, "admin", "app-b").isPresent());
    return sentToAtlas(project);
  }

  /** kubectl annotate NAME atlasoperator.io/rotate-password=VALUE --overwrite. */
  static void rotateNow(String ns, String name, String value) {
    ENV.client()
        .resources(AtlasDatabaseUser.class)
        .inNamespace(ns)
        .withName(name)
        .edit(
            r -> {
              r.getMetadata().getAnnotations().put("atlasoperator.io/rotate-password", value);
              return r;
            });
  }

  /** The Secret only ever held (app, first) or (app-b, second): never a password not applied. */
  static void assertOnlyEver(List<Seen> seen, String first, String second) {
    assertThat(seen)
        .as("the Secret only ever held (app, first) or (app-b, second)")
        .isNotEmpty()
        .allMatch(
            x ->
                "app".equals(x.username()) && first.equals(x.password())
                    || "app-b".equals(x.username()) && second.equals(x.password()));
  }

  /**
   * The Secret named app-b (the user given the new password) only once Atlas had applied it, at
   * {@code applied} (Atlas received the PATCH, plus the apply delay), and was seen so. A sighting
   * is timed after its read returned, so no margin is needed.
   */
  static void switchedOnlyOnceApplied(List<Seen> seen, Instant applied) {
    assertThat(seen)
        .as("the Secret names the new user")
        .anyMatch(x -> "app-b".equals(x.username()))
        .filteredOn(x -> "app-b".equals(x.username()))
        .allSatisfy(
            x ->
                assertThat(x.at())
                    .as("not before Atlas had applied its password")
                    .isAfterOrEqualTo(applied));
  }

  /** Reads a connection Secret every 100 ms, as an application watching it would. */
  static final class SecretWatcher {
    private final List<Seen> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicBoolean watching =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    private final Thread thread;
    private volatile RuntimeException failed;

    SecretWatcher(String ns, String name) {
      thread =
          new Thread(
              () -> {
                while (watching.get()) {
                  try {
                    Secret s = ENV.client().secrets().inNamespace(ns).withName(name).get();
                    seen.add(
                        new Seen(
                            java.time.Instant.now(),
                            decoded(s, "username"),
                            decoded(s, "password")));
                    Thread.sleep(100);
                  } catch (InterruptedException e) {
                    return;
                  } catch (RuntimeException e) {
                    failed = e; // a Secret gone, or unreadable: the watch must not end quietly
                    return;
                  }
                }
              });
      thread.start();
    }

    /** Stops watching; what was seen, oldest first. Fails if a read failed. */
    List<Seen> stop() throws InterruptedException {
      watching.set(false);
      thread.join();
      if (failed != null) {
        throw new AssertionError("the Secret could not be read while watched", failed);
      }
      return List.copyOf(seen);
    }
  }
}
