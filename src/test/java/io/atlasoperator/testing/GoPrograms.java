package io.atlasoperator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Small Go programs the tests build from the Go module proxy (MongoDB's Go client, Flux's kstatus):
 * finding a toolchain, or saying loudly that the test did not run without one.
 */
public final class GoPrograms {

  private GoPrograms() {}

  /**
   * The go binary: $GO, the usual install paths, then PATH. Without one, {@code suite} prints NOT
   * RUN and is aborted (reported as skipped), never silently passed.
   */
  public static Path toolchain(String suite) {
    for (String candidate :
        List.of(
            System.getenv().getOrDefault("GO", ""),
            "/usr/local/go/bin/go",
            "/usr/bin/go",
            "/usr/lib/go/bin/go")) {
      if (!candidate.isEmpty() && Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, "go"))) {
        return Path.of(dir, "go");
      }
    }
    System.err.println(
        suite + " NOT RUN: no Go toolchain found (install Go, or set GO=/path/to/go)");
    Assumptions.abort(suite + ": no Go toolchain (install Go or set GO)");
    return null;
  }

  /**
   * A working copy of the Go program in {@code src/test/resources/NAME} (go.mod, go.sum, and
   * main.go unless go.mod names a tool to build) under {@code ~/.cache/atlas-operator/NAME}, where
   * its build output is kept between runs.
   */
  public static Path workingCopy(String name) throws IOException {
    Path dir = Path.of(System.getProperty("user.home"), ".cache", "atlas-operator", name);
    Files.createDirectories(dir);
    for (String file : List.of("go.mod", "go.sum", "main.go")) {
      if (!Files.exists(Path.of("src/test/resources", name, file))) {
        continue;
      }
      Files.copy(
          Path.of("src/test/resources", name, file),
          dir.resolve(file),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return dir;
  }

  /**
   * {@code go build -o program .} in {@code dir}, static, with GOFLAGS; fails on a failed build.
   */
  public static void build(Path go, Path dir, Path program, String goflags)
      throws IOException, InterruptedException {
    build(go, dir, program, goflags, ".");
  }

  /** {@code go build -o program ARGS...} in {@code dir}: a package path, tags. */
  public static void build(Path go, Path dir, Path program, String goflags, String... args)
      throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(go.toString(), "build"));
    command.addAll(List.of("-o", program.toString()));
    command.addAll(List.of(args));
    ProcessBuilder build =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    build.environment().put("GOFLAGS", goflags);
    build.environment().put("CGO_ENABLED", "0");
    Process process = build.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as("go build: %s", output).isZero();
  }

  /**
   * Runs a built program to the end (at most a minute), fails unless it exits 0, and returns the
   * lines it printed that are JSON objects (its results; other lines are its log).
   */
  public static List<String> jsonLines(ProcessBuilder program)
      throws IOException, InterruptedException {
    Process process = program.redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output.lines().filter(l -> l.startsWith("{")).toList();
  }
}
