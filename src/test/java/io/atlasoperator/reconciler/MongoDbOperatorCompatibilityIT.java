package io.atlasoperator.reconciler;

import static io.atlasoperator.testing.OperatorEnvironment.scramUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atlasoperator.crd.Annotations;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.DeletionPolicy;
import io.atlasoperator.crd.Role;
import io.atlasoperator.emulator.JournalEntry;
import io.atlasoperator.testing.OperatorEnvironment;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a resource ported from MongoDB's operator keeps meaning: its keep annotation (never delete
 * the Atlas user), its skip annotation (paused), and our own pause and dry-run annotations, each
 * taking effect as soon as it is set or removed. The resync is an hour, so nothing here waits for
 * it.
 */
class MongoDbOperatorCompatibilityIT {

  @RegisterExtension
  static final OperatorEnvironment ENV = new OperatorEnvironment(Duration.ofHours(1));

  /** Sets (or with null removes) an annotation, as kubectl annotate would (again on a conflict). */
  static AtlasDatabaseUser annotate(String ns, String name, String key, String value) {
    for (int attempt = 1; ; attempt++) {
      try {
        return annotateOnce(ns, name, key, value);
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 5) {
          throw e;
        }
      }
    }
  }

  static AtlasDatabaseUser annotateOnce(String ns, String name, String key, String value) {
    return ENV.client()
        .resources(AtlasDatabaseUser.class)
        .inNamespace(ns)
        .withName(name)
        .edit(
            r -> {
              Map<String, String> annotations =
                  r.getMetadata().getAnnotations() == null
                      ? new HashMap<>()
                      : new HashMap<>(r.getMetadata().getAnnotations());
              if (value == null) {
                annotations.remove(key);
              } else {
                annotations.put(key, value);
              }
              r.getMetadata().setAnnotations(annotations);
              return r;
            });
  }

  static AtlasDatabaseUser withAnnotation(AtlasDatabaseUser resource, String key, String value) {
    resource.getMetadata().setAnnotations(Map.of(key, value));
    return resource;
  }

  static void awaitGone(String ns, String name) {
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ENV.get(ns, name) == null);
  }

  @Test
  void theKeepAnnotationRetainsTheAtlasUserUnlessTheSpecSaysDelete() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "kept-password", "s3cret-value");
    ENV.password(ns, "overruled-password", "s3cret-value");
    ENV.create(
        withAnnotation(
            scramUser(ns, "kept", project, "kept"), Annotations.AKO_RESOURCE_POLICY, "keep"));
    AtlasDatabaseUser overruled = scramUser(ns, "overruled", project, "overruled");
    overruled.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
    ENV.create(withAnnotation(overruled, Annotations.AKO_RESOURCE_POLICY, "keep"));

    AtlasDatabaseUser kept = ENV.awaitReady(ns, "kept", "True", "Created");
    AtlasDatabaseUser spec = ENV.awaitReady(ns, "overruled", "True", "Created");
    assertThat(kept.getStatus().getDeletionPolicy())
        .isEqualTo("Retain (annotation mongodb.com/atlas-resource-policy: keep)");
    assertThat(spec.getStatus().getDeletionPolicy())
        .isEqualTo(
            "Delete (spec.deletionPolicy, which wins over the annotation"
                + " mongodb.com/atlas-resource-policy: keep)");

    ENV.client().resource(kept).delete();
    ENV.client().resource(spec).delete();
    awaitGone(ns, "kept");
    awaitGone(ns, "overruled");

    assertThat(ENV.atlas().storedUser(project, "admin", "kept")).isPresent();
    assertThat(ENV.atlas().storedUser(project, "admin", "overruled")).isEmpty();
    assertThat(ENV.atlasWrites(project))
        .extracting(e -> e.method() + " " + e.path().substring(e.path().lastIndexOf('/') + 1))
        .containsExactlyInAnyOrder(
            "POST databaseUsers", "POST databaseUsers", "PATCH kept", "DELETE overruled");
  }

  @Test
  void skipOrPausedMakesNoAtlasCallAndRemovingItReconcilesAtOnce() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "skipped-password", "s3cret-value");
    ENV.create(
        withAnnotation(
            scramUser(ns, "skipped", project, "skipped"),
            Annotations.AKO_RECONCILIATION_POLICY,
            "skip"));

    AtlasDatabaseUser paused = ENV.awaitCondition(ns, "skipped", "Held", "True", "Paused");
    assertThat(ENV.condition(paused, "Ready"))
        .as("no Ready: kstatus reads False as in progress")
        .isEmpty();
    assertThat(ENV.condition(paused, "Held").orElseThrow().getMessage())
        .isEqualTo(
            "Paused by the annotation mongodb.com/atlas-reconciliation-policy: skip: no Atlas call"
                + " is made until it is removed");
    assertThat(ENV.condition(paused, "Reconciling").orElseThrow().getStatus()).isEqualTo("False");
    assertThat(ENV.condition(paused, "Stalled").orElseThrow().getStatus()).isEqualTo("False");
    assertThat(paused.getStatus().getObservedGeneration()).isEqualTo(1L);

    annotate(ns, "skipped", Annotations.AKO_RECONCILIATION_POLICY, null);
    ENV.awaitReady(ns, "skipped", "True", "Created");

    annotate(ns, "skipped", Annotations.PAUSED, "true");
    ENV.awaitCondition(ns, "skipped", "Held", "True", "Paused");
    ENV.edit(ns, "skipped", s -> s.getRoles().add(new Role("read", "catalog", null)));
    Awaitility.await()
        .pollDelay(Duration.ofSeconds(2))
        .until(() -> ENV.get(ns, "skipped").getStatus().getObservedGeneration() == 2L);
    ENV.client().resource(ENV.get(ns, "skipped")).delete();
    awaitGone(ns, "skipped");

    assertThat(ENV.atlasWrites(project))
        .as("paused: neither the spec change nor the deletion reached Atlas")
        .extracting(JournalEntry::method)
        .containsExactly("POST");
    assertThat(ENV.atlas().storedUser(project, "admin", "skipped")).isPresent();
    assertThat(ENV.events(ns, "skipped"))
        .extracting(Event::getReason)
        .containsExactly("Paused", "Created", "Paused", "Retained");
  }

  @Test
  void aDryRunReportsEveryPlanKindWithoutAnyAtlasWrite() throws Exception {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ObjectNode existing =
        (ObjectNode)
            new ObjectMapper()
                .readTree(
                    "{\"databaseName\":\"admin\",\"username\":\"legacy\",\"password\":\"s3cret-x1\","
                        + "\"roles\":[{\"roleName\":\"read\",\"databaseName\":\"shop\"}]}");
    ENV.atlas().createBehindTheBack(project, existing);
    ENV.password(ns, "fresh-password", "s3cret-value");
    ENV.password(ns, "legacy-password", "s3cret-value");
    ENV.create(
        withAnnotation(scramUser(ns, "fresh", project, "fresh"), Annotations.DRY_RUN, "true"));
    AtlasDatabaseUser legacy = scramUser(ns, "legacy", project, "legacy");
    legacy.getSpec().setAdoptExisting(true);
    ENV.create(withAnnotation(legacy, Annotations.DRY_RUN, "true"));

    String prefix = "Dry run (annotation atlasoperator.io/dry-run: true): would ";
    assertThat(heldMessage(ENV.awaitCondition(ns, "fresh", "Held", "True", "DryRun")))
        .isEqualTo(prefix + "create user fresh in project " + project + wrote());
    assertThat(heldMessage(ENV.awaitCondition(ns, "legacy", "Held", "True", "DryRun")))
        .isEqualTo(
            prefix
                + "take over the existing user legacy in project "
                + project
                + " and update it to the spec"
                + wrote());

    annotate(ns, "fresh", Annotations.DRY_RUN, null);
    ENV.awaitReady(ns, "fresh", "True", "Created");
    annotate(ns, "fresh", Annotations.DRY_RUN, "true");
    ENV.edit(ns, "fresh", s -> s.getRoles().add(new Role("read", "catalog", null)));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                heldMessage(ENV.get(ns, "fresh"))
                    .equals(prefix + "update roles of user fresh in project " + project + wrote()));
    ENV.replaceSecretData(ns, "fresh-password", Map.of("password", "an0ther-s3cret"));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                heldMessage(ENV.get(ns, "fresh"))
                    .equals(
                        prefix
                            + "update roles of user fresh in project "
                            + project
                            + " and rotate its password"
                            + wrote()));
    ENV.client().resource(ENV.get(ns, "fresh")).delete();
    awaitGone(ns, "fresh");
    ENV.client().resource(ENV.get(ns, "legacy")).delete();
    awaitGone(ns, "legacy");
    assertThat(ENV.events(ns, "legacy"))
        .extracting(Event::getMessage)
        .contains(
            "Dry run (annotation atlasoperator.io/dry-run: true): Atlas user "
                + project
                + "/admin/legacy was never created or taken over by this resource, so deleting it"
                + " changes nothing in Atlas");
    assertThat(ENV.atlas().storedUser(project, "admin", "legacy")).isPresent();

    assertThat(ENV.atlasWrites(project))
        .as("only the create made while the dry run was off")
        .extracting(JournalEntry::method)
        .containsExactly("POST");
    assertThat(ENV.atlas().storedUser(project, "admin", "fresh")).isPresent();
    assertThat(ENV.events(ns, "fresh"))
        .extracting(Event::getMessage)
        .contains(prefix + "delete Atlas user " + project + "/admin/fresh" + wrote());
  }

  @Test
  void deleteAfterDateInMongoDbOperatorsFormsIsSentAndShownInUtc() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(3);
    Map<String, String> written =
        Map.of(
            "date-only", day.toString(),
            "no-zone", day + "T12:30:00",
            "offset", day + "T14:30:00+02:00");
    Map<String, String> utc =
        Map.of(
            "date-only", day + "T00:00:00Z",
            "no-zone", day + "T12:30:00Z",
            "offset", day + "T12:30:00Z");
    written.forEach(
        (name, date) -> {
          ENV.password(ns, name + "-password", "s3cret-value");
          AtlasDatabaseUser user = scramUser(ns, name, project, name);
          user.getSpec().setDeleteAfterDate(date);
          ENV.create(user);
        });
    written.forEach(
        (name, date) -> {
          AtlasDatabaseUser ready = ENV.awaitReady(ns, name, "True", "Created");
          assertThat(ready.getStatus().getAtlas().getExpiresAt()).as(name).isEqualTo(utc.get(name));
          assertThat(
                  ENV.atlas()
                      .lastWrite(project, "admin", name)
                      .orElseThrow()
                      .get("deleteAfterDate")
                      .asText())
              .as("sent to Atlas in UTC")
              .startsWith(utc.get(name).substring(0, 16));
        });
  }

  static String wrote() {
    return "; nothing was written to Atlas";
  }

  static String heldMessage(AtlasDatabaseUser resource) {
    return ENV.condition(resource, "Held").map(c -> c.getMessage()).orElse("");
  }
}
