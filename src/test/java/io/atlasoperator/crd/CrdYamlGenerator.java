package io.atlasoperator.crd;

import io.fabric8.crdv2.generator.CRDGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates the AtlasDatabaseUser CRD from the Java model (Fabric8's CRD generator, with the
 * model's Javadoc as field descriptions) and keeps the committed copies in step with it.
 *
 * <p>Run by the build: {@code check} fails when a committed copy differs from the model, {@code
 * write} refreshes them ({@code scripts/update-crds.sh}).
 *
 * <p>Arguments: {@code check|write <model source dir> <work dir> <committed copy>...}
 */
public final class CrdYamlGenerator {

  static final String FILE_NAME = "atlasdatabaseusers.atlasoperator.io-v1.yml";

  private static final String HEADER =
      "# Generated from the Java model in src/main/java/io/atlasoperator/crd by the build.\n"
          + "# Do not edit: change the model and run scripts/update-crds.sh.\n";

  private CrdYamlGenerator() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 4 || !List.of("check", "write").contains(args[0])) {
      throw new IllegalArgumentException(
          "usage: check|write <model source dir> <work dir> <committed copy>...");
    }
    String generated = generate(Path.of(args[1]), Path.of(args[2]));
    List<Path> stale = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      Path committed = Path.of(args[i]);
      boolean current = Files.exists(committed) && Files.readString(committed).equals(generated);
      if (current) {
        continue;
      }
      if (args[0].equals("write")) {
        Files.createDirectories(committed.getParent());
        Files.writeString(committed, generated);
        System.out.println("wrote " + committed);
      } else {
        stale.add(committed);
      }
    }
    if (!stale.isEmpty()) {
      throw new IllegalStateException(
          "The committed CRD does not match the Java model: "
              + stale
              + ". Run scripts/update-crds.sh and commit the result.");
    }
  }

  static String generate(Path modelSources, Path workDir) throws IOException {
    Files.createDirectories(workDir);
    new CRDGenerator()
        .customResourceClasses(AtlasDatabaseUser.class)
        .forCRDVersions("v1")
        .withPostProcessor(
            new JavadocDescriptions(JavadocIndex.of(modelSources), AtlasDatabaseUser.class))
        .inOutputDir(workDir.toFile())
        .generate();
    return HEADER + Files.readString(workDir.resolve(FILE_NAME));
  }
}
