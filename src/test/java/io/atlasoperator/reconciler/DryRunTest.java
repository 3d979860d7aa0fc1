package io.atlasoperator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasoperator.crd.Annotations;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.AtlasDatabaseUserSpec;
import io.atlasoperator.crd.DeletionPolicy;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.testing.TestUsers;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a dry run says for every kind of plan: each plan that writes is described, the others run as
 * always (they write nothing); per resource by annotation or for the whole operator.
 */
class DryRunTest {

  static final DatabaseUser APP = TestUsers.user("app").build();

  static AtlasDatabaseUser resource(Map<String, String> annotations) {
    AtlasDatabaseUser resource = new AtlasDatabaseUser();
    resource.setMetadata(
        new ObjectMetaBuilder().withName("app").withAnnotations(annotations).build());
    resource.setSpec(new AtlasDatabaseUserSpec());
    return resource;
  }

  static final AtlasDatabaseUser ANNOTATED = resource(Map.of(Annotations.DRY_RUN, "true"));
  static final String PREFIX = "Dry run (annotation atlasoperator.io/dry-run: true): would ";
  static final String WHAT = "user app in project 5356823b3794dee37132bb7b";
  static final String NOTHING = "; nothing was written to Atlas";

  String said(UserPlan plan) {
    return new DryRun(false).wouldWrite(ANNOTATED, plan, APP).orElse(null);
  }

  @Test
  void everyPlanThatWritesIsDescribedInstead() {
    assertThat(said(new UserPlan.Create())).isEqualTo(PREFIX + "create " + WHAT + NOTHING);
    assertThat(said(new UserPlan.Adopt()))
        .isEqualTo(
            PREFIX + "take over the existing " + WHAT + " and update it to the spec" + NOTHING);
    assertThat(said(new UserPlan.CompleteCreate()))
        .isEqualTo(
            PREFIX
                + "apply the spec and password to "
                + WHAT
                + " again (an earlier answer was lost)"
                + NOTHING);
    assertThat(said(new UserPlan.Update(List.of("roles", "labels"), false)))
        .isEqualTo(PREFIX + "update roles, labels of " + WHAT + NOTHING);
    assertThat(said(new UserPlan.Update(List.of("scopes"), true)))
        .isEqualTo(PREFIX + "update scopes of " + WHAT + " and rotate its password" + NOTHING);
    assertThat(said(new UserPlan.Update(List.of(), true)))
        .isEqualTo(PREFIX + "rotate the password of " + WHAT + NOTHING);
  }

  @Test
  void plansThatWriteNothingRunAsAlways() {
    assertThat(said(new UserPlan.NoChange(APP))).isNull();
    assertThat(said(new UserPlan.Expired(Expiry.absolute(Instant.now())))).isNull();
    assertThat(said(new UserPlan.Invalid("bad"))).isNull();
    assertThat(said(new UserPlan.OwnedElsewhere("team-b/app"))).isNull();
    assertThat(said(new UserPlan.AdoptionNotAllowed(false))).isNull();
  }

  @Test
  void theOperatorWideSettingCoversEveryResourceAndSaysSo() {
    AtlasDatabaseUser plain = resource(Map.of());
    assertThat(new DryRun(false).wouldWrite(plain, new UserPlan.Create(), APP)).isEmpty();
    assertThat(new DryRun(true).wouldWrite(plain, new UserPlan.Create(), APP))
        .contains("Dry run (ATLAS_OPERATOR_DRY_RUN=true): would create " + WHAT + NOTHING);
  }

  @Test
  void aDeletionSaysWhatTheDeletionPolicyWouldDo() {
    assertThat(new DryRun(false).wouldDelete(ANNOTATED, "user 5356823b3794dee37132bb7b/admin/app"))
        .isEqualTo(PREFIX + "delete Atlas user 5356823b3794dee37132bb7b/admin/app" + NOTHING);
    AtlasDatabaseUser kept =
        resource(Map.of(Annotations.DRY_RUN, "true", Annotations.AKO_RESOURCE_POLICY, "keep"));
    assertThat(new DryRun(false).wouldDelete(kept, "user x"))
        .isEqualTo(PREFIX + "leave Atlas user x in place (deletionPolicy Retain)" + NOTHING);
    assertThat(new DryRun(false).nothingToDelete(ANNOTATED, "user x"))
        .isEqualTo(
            "Dry run (annotation atlasoperator.io/dry-run: true): Atlas user x was never created"
                + " or taken over by this resource, so deleting it changes nothing in Atlas");
    kept.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
    assertThat(new DryRun(false).wouldDelete(kept, "user x"))
        .isEqualTo(PREFIX + "delete Atlas user x" + NOTHING);
  }
}
