package io.atlasoperator.migrate;

import static io.atlasoperator.migrate.MigrateRun.CORPUS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** AKO's generated DatabaseUser kind (atlas.generated.mongodb.com/v1, spec.v20250312). */
class GeneratedMigrateTest {

  @Test
  void groupIdAndGroupRefAreCarriedOverAndAnUnknownGroupIsNot() throws IOException {
    MigrateRun run = MigrateRun.of(CORPUS + "ako-generated.yaml");

    assertThat(run.out()).isEqualTo(MigrateRun.expected("ako-generated"));
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains("reuses the existing Secret my-password-secret (key pw)")
        .contains("credentials: the connectionSecretRef of Group my-group")
        .contains("pass --project gen/elsewhere=<24-hex project ID>");
  }

  @Test
  void theGeneratedSpellingAwsIamTypeBecomesOurs() {
    MigrateRun run =
        MigrateRun.of(
            "--project", "elsewhere=66b1e4c2f3a1b20d5c8e9f0b", CORPUS + "ako-generated.yaml");

    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("awsIamType: USER").doesNotContain("awsIAMType");
  }
}
