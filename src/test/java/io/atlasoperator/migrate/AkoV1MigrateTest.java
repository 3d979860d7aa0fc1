package io.atlasoperator.migrate;

import static io.atlasoperator.migrate.MigrateRun.CORPUS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** AKO's AtlasDatabaseUser (atlas.mongodb.com/v1) manifests: the exact output, and the report. */
class AkoV1MigrateTest {

  @Test
  void externalProjectRefAndConnectionSecretAreCarriedOverWhole() throws IOException {
    MigrateRun run = MigrateRun.of(CORPUS + "ako-v1-external-project.yaml");

    assertThat(run.out()).isEqualTo(MigrateRun.expected("ako-v1-external-project"));
    assertThat(run.status()).isZero();
    assertThat(run.err())
        .contains("2 written, 0 not carried over, 0 written with something left behind")
        .contains("reuses the existing Secret orders-app-password")
        .contains("## Secrets to fill\n\nNone.");
  }

  @Test
  void projectRefIsResolvedByTheAtlasProjectAmongTheInputsAndAnUnknownOneSaysWhatToPass()
      throws IOException {
    MigrateRun run = MigrateRun.of(CORPUS + "ako-v1-project-ref.yaml");

    assertThat(run.out()).isEqualTo(MigrateRun.expected("ako-v1-project-ref"));
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains("credentials: the connectionSecretRef of AtlasProject payments")
        .contains(
            "connection Secrets: MongoDB's operator's payments-CLUSTER-USERNAME Secrets are taken"
                + " over under the same names")
        .contains("### AKO AtlasDatabaseUser fin/audit")
        .contains("NOT CARRIED OVER")
        .contains("pass --project shared/compliance=<24-hex project ID>");
  }

  @Test
  void theProjectFlagResolvesTheReferenceTheInputsLack() {
    MigrateRun run =
        MigrateRun.of(
            "--project",
            "shared/compliance=66b1e4c2f3a1b20d5c8e9f0a",
            CORPUS + "ako-v1-project-ref.yaml");

    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("name: audit", "projectId: 66b1e4c2f3a1b20d5c8e9f0a");
  }

  @Test
  void keepBecomesRetainSkipBecomesPausedAndWhatHasNoEquivalentIsReported() throws IOException {
    MigrateRun run = MigrateRun.of(CORPUS + "ako-v1-policies.yaml");

    assertThat(run.out()).isEqualTo(MigrateRun.expected("ako-v1-policies"));
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains("mongodb.com/atlas-resource-policy: keep became spec.deletionPolicy: Retain")
        .contains("skip became annotation atlasoperator.io/paused: \"true\"")
        .contains("not carried over: annotation mongodb.com/last-applied-configuration")
        .contains("not carried over: spec.unknownSetting")
        .contains("0 not carried over, 1 written with something left behind");
  }

  @Test
  void x509IamOidcAndTemporaryUsersKeepTheirAuthenticationAndNeedNoPasswordSecret()
      throws IOException {
    MigrateRun run = MigrateRun.of(CORPUS + "ako-v1-external-auth.yaml");

    assertThat(run.out()).isEqualTo(MigrateRun.expected("ako-v1-external-auth"));
    assertThat(run.out()).contains("awsIamType: ROLE").doesNotContain("kind: Secret");
    assertThat(run.status()).isZero();
  }

  @Test
  void applyLeavesOutTheDryRunAnnotationAndStillAdopts() {
    MigrateRun run = MigrateRun.of("--apply", CORPUS + "ako-v1-external-project.yaml");

    assertThat(run.out())
        .doesNotContain("atlasoperator.io/dry-run")
        .contains("adoptExisting: true");
    assertThat(run.err()).contains("Mode: --apply");
  }
}
