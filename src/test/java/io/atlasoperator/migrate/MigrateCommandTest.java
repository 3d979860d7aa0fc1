package io.atlasoperator.migrate;

import static io.atlasoperator.migrate.MigrateRun.CORPUS;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The command line, and the names migrate gives. */
class MigrateCommandTest {

  @Test
  void helpDescribesTheFlagsAndExitStatus() {
    MigrateRun run = MigrateRun.of("--help");

    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("--out DIR", "--apply", "--project NAME=ID", "Exit status");
  }

  @Test
  void badUsageExitsTwo() {
    assertThat(MigrateRun.of().status()).isEqualTo(2);
    assertThat(MigrateRun.of("--frobnicate", "x.yaml").err()).contains("unknown flag");
    assertThat(MigrateRun.of("--project", "p=nothex", "x.yaml").err())
        .contains("24 lowercase hexadecimal digits");
    assertThat(MigrateRun.of(CORPUS + "missing.yaml").status()).isEqualTo(2);
  }

  @Test
  void namesAreDns1123FromTheUsername() {
    assertThat(Naming.base("CN=App,OU=x")).isEqualTo("cn-app-ou-x");
    assertThat(Naming.base("arn:aws:iam::1:role/r")).isEqualTo("arn-aws-iam-1-role-r");
    assertThat(Naming.base("__")).startsWith("user-").hasSize(13);
    assertThat(Naming.base("a".repeat(300))).hasSize(200).matches("^a+-[0-9a-f]{8}$");
  }

  @Test
  void theSameAtlasUserGivenTwiceIsWrittenOnce() {
    MigrateRun run =
        MigrateRun.of(
            CORPUS + "ako-v1-external-project.yaml", CORPUS + "ako-v1-external-project.yaml");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out().split("kind: AtlasDatabaseUser", -1)).hasSize(3);
    assertThat(run.err()).contains("the same Atlas user as AKO AtlasDatabaseUser shop/orders-app");
  }
}
