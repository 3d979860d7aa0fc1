package io.atlasoperator.migrate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One run of migrate in the test's JVM: its exit status, standard output and the report. */
record MigrateRun(int status, String out, String err) {

  static final String CORPUS = "src/test/resources/migrate/";

  static MigrateRun of(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        MigrateCommand.run(
            List.of(args),
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new MigrateRun(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static String expected(String name) throws IOException {
    return Files.readString(Path.of(CORPUS + name + ".expected.yaml"));
  }
}
