package io.atlasoperator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real kubectl binary, pointed at a {@link LocalKubeApiServer}. */
public final class Kubectl {

  /** What one kubectl call printed and how it exited. */
  public record Result(int exitCode, String stdout, String stderr) {
    public boolean succeeded() {
      return exitCode == 0;
    }
  }

  private final Path binary;
  private final Path kubeconfig;

  public Kubectl(LocalKubeApiServer server) {
    this.binary =
        Path.of(
            System.getProperty("user.home"),
            ".kubeapitest",
            "k8s",
            LocalKubeApiServer.VERSION + "-linux-amd64",
            "kubectl");
    try {
      this.kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
      Files.writeString(kubeconfig, server.kubeConfigYaml());
      kubeconfig.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The kubectl binary this runs: ~/.kubeapitest/k8s/VERSION-linux-amd64/kubectl. */
  public Path binary() {
    return binary;
  }

  public Result run(String... args) {
    List<String> command =
        new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("kubectl", ".out");
      Path err = Files.createTempFile("kubectl", ".err");
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("kubectl timed out: " + command);
      }
      Result result =
          new Result(
              process.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Applies YAML text given on standard input, as {@code kubectl apply -f -} does. */
  public Result apply(String namespace, String yaml) {
    try {
      Path file = Files.createTempFile("manifest", ".yaml");
      Files.writeString(file, yaml);
      Result result = run("apply", "-n", namespace, "-f", file.toString());
      Files.delete(file);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
