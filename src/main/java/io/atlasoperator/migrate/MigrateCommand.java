package io.atlasoperator.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar atlas-operator.jar migrate [flags] FILE...}: AKO manifests and Terraform state
 * into our AtlasDatabaseUser resources that adopt the existing Atlas users. See {@link
 * MigrateOptions#USAGE}.
 */
public final class MigrateCommand {

  public static final int CARRIED_OVER = 0;
  public static final int SOMETHING_LEFT_BEHIND = 1;
  public static final int BAD_USAGE = 2;

  private MigrateCommand() {}

  /** Runs migrate; returns the exit status. {@code args} come after the word migrate. */
  public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
    if (args.contains("--help") || args.contains("-h")) {
      out.print(MigrateOptions.USAGE);
      return CARRIED_OVER;
    }
    MigrateOptions options;
    List<InputDocuments.Document> documents;
    try {
      options = MigrateOptions.parse(args);
      documents = InputDocuments.read(options.files(), in);
    } catch (MigrateOptions.UsageException | IOException e) {
      err.println("error: " + e.getMessage() + " (java -jar atlas-operator.jar migrate --help)");
      return BAD_USAGE;
    }
    List<Outcome> outcomes = convert(documents, options);
    Naming.assign(outcomes);
    String report = MigrationReport.render(outcomes, options.apply());
    try {
      if (options.out().isPresent()) {
        writeInto(options.out().get(), outcomes, options.apply(), report);
      } else {
        out.print(toStream(outcomes, options.apply()));
      }
    } catch (IOException e) {
      err.println("error: cannot write " + e.getMessage());
      return BAD_USAGE;
    }
    err.print(report);
    err.flush();
    out.flush();
    return outcomes.stream().allMatch(Outcome::complete) ? CARRIED_OVER : SOMETHING_LEFT_BEHIND;
  }

  static List<Outcome> convert(List<InputDocuments.Document> documents, MigrateOptions options) {
    ProjectIds projects = new ProjectIds(options.projects());
    List<InputDocuments.Document> rest = new ArrayList<>();
    for (InputDocuments.Document document : documents) {
      if (!projects.learn(document, options.namespace())) {
        rest.add(document);
      }
    }
    AkoUsers ako = new AkoUsers(projects, options);
    GeneratedUsers generated = new GeneratedUsers(projects, options);
    TerraformUsers terraform = new TerraformUsers(options);
    List<Outcome> outcomes = new ArrayList<>();
    for (InputDocuments.Document document : rest) {
      if (document.isTerraformState()) {
        outcomes.addAll(terraform.convert(document));
      } else if (AkoUsers.accepts(document)) {
        outcomes.add(ako.convert(document));
      } else if (GeneratedUsers.accepts(document)) {
        outcomes.add(generated.convert(document));
      } else if (!document.kind().equals("Secret")) {
        Outcome other = new Outcome(describe(document));
        other.note("not a database user: ignored");
        outcomes.add(other);
      }
    }
    return outcomes;
  }

  private static String describe(InputDocuments.Document document) {
    return document.kind().isEmpty()
        ? "a document without a kind (" + document.where() + ")"
        : document.describe();
  }

  static String toStream(List<Outcome> outcomes, boolean apply) {
    StringBuilder yaml = new StringBuilder();
    for (Outcome outcome : outcomes) {
      UserDraft user = outcome.user();
      if (user == null) {
        continue;
      }
      if (user.passwordStub) {
        yaml.append("---\n").append(Manifests.passwordStub(user));
      }
      yaml.append("---\n").append("# from ").append(outcome.source()).append('\n');
      yaml.append(Manifests.user(user, apply));
    }
    return yaml.toString();
  }

  private static void writeInto(Path dir, List<Outcome> outcomes, boolean apply, String report)
      throws IOException {
    Files.createDirectories(dir);
    for (Outcome outcome : outcomes) {
      UserDraft user = outcome.user();
      if (user == null) {
        continue;
      }
      String file = (user.namespace == null ? "" : user.namespace + ".") + user.name + ".yaml";
      write(dir.resolve(file), "# from " + outcome.source() + "\n" + Manifests.user(user, apply));
      if (user.passwordStub) {
        Files.createDirectories(dir.resolve("secrets"));
        String secret = (user.namespace == null ? "" : user.namespace + ".") + user.passwordSecret;
        write(dir.resolve("secrets").resolve(secret + ".yaml"), Manifests.passwordStub(user));
      }
    }
    write(dir.resolve("MIGRATION-REPORT.md"), report);
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
