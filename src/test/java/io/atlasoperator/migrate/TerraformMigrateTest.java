package io.atlasoperator.migrate;

import static io.atlasoperator.migrate.MigrateRun.CORPUS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Terraform state as terraform show -json prints it, modules included. */
class TerraformMigrateTest {

  private static final String STATE = CORPUS + "terraform-state.json";

  @Test
  void everyManagedUserOfEveryModuleIsConvertedWithAnEmptyPasswordStub() throws IOException {
    MigrateRun run =
        MigrateRun.of("--namespace", "data", "--credentials-secret", "tf-atlas-key", STATE);

    assertThat(run.out()).isEqualTo(MigrateRun.expected("terraform-state"));
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains("3 written, 1 not carried over")
        .contains("scope name Team B cluster is not a cluster or data lake name")
        .contains("- Secret data/etl-8e9f07-atlas-password, key password")
        .contains("- Secret data/etl-8e9f08-atlas-password, key password")
        .contains("terraform state rm 'module.team_b.mongodbatlas_database_user.app[\"api\"]'")
        .doesNotContain("data.mongodbatlas_database_user.lookup");
  }

  @Test
  void thePasswordInTheStateIsNeverWrittenAndTheReportSaysSo(@TempDir Path dir) throws IOException {
    MigrateRun run = MigrateRun.of("--out", dir.toString(), STATE);

    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("holds this user's password in plain text; migrate did not");
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(file)).as("%s", file).doesNotContain("etl-s3cret-in-state");
      }
    }
    assertThat(run.err()).doesNotContain("etl-s3cret-in-state");
  }

  @Test
  void outWritesOneFilePerResourceTheStubsApartAndTheReport(@TempDir Path dir) throws IOException {
    MigrateRun run = MigrateRun.of("--out", dir.toString(), "--namespace", "data", STATE);

    assertThat(dir.resolve("data.etl-8e9f07.yaml")).exists();
    assertThat(dir.resolve("data.cn-reports-o-example.yaml")).exists();
    assertThat(dir.resolve("secrets/data.etl-8e9f07-atlas-password.yaml")).exists();
    assertThat(Files.readString(dir.resolve("MIGRATION-REPORT.md"))).isEqualTo(run.err());
    assertThat(run.err()).contains("credentials: the operator's default ones");
    assertThat(Files.readString(dir.resolve("data.etl-8e9f07.yaml")))
        .doesNotContain("credentialsSecretRef");
  }
}
