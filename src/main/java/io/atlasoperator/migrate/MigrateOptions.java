package io.atlasoperator.migrate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The command line of {@code migrate}.
 *
 * @param files the inputs, in order
 * @param out the directory to write into, or empty for standard output
 * @param apply false (the default) marks every resource written with the dry-run annotation
 * @param projects Atlas project IDs by AKO project reference, "NAME" or "NAMESPACE/NAME"
 * @param namespace the namespace for resources whose input names none (Terraform), or null
 * @param credentialsSecret the credentials Secret for resources whose input names none, or null
 */
record MigrateOptions(
    List<Path> files,
    Optional<Path> out,
    boolean apply,
    Map<String, String> projects,
    String namespace,
    String credentialsSecret) {

  static final String USAGE =
      """
      Usage: java -jar atlas-operator.jar migrate [flags] FILE...

      Converts MongoDB Atlas Kubernetes operator (AKO) AtlasDatabaseUser and DatabaseUser
      manifests, and Terraform state (terraform show -json) with mongodbatlas_database_user
      resources, into AtlasDatabaseUser resources of group atlasoperator.io that adopt the
      existing Atlas users (spec.adoptExisting: true), plus Secret stubs for the passwords
      that must be filled in. FILE may be YAML (several documents) or JSON; "-" reads
      standard input. A report of what was and was not carried over goes to standard error.

      Flags:
        --out DIR                  write one file per resource into DIR (Secret stubs into
                                   DIR/secrets/) and the report into DIR/MIGRATION-REPORT.md,
                                   instead of the manifests to standard output
        --apply                    leave out the atlasoperator.io/dry-run: "true" annotation, so
                                   the operator adopts the users once the resources are applied
                                   (default: dry-run, the operator only plans and reports)
        --project NAME=ID          the Atlas project ID (24 hex digits) of an AKO projectRef or
        --project NS/NAME=ID       groupRef NAME (in namespace NS); may be repeated. Needed when
                                   the AtlasProject or Group manifest is not among the inputs
        --namespace NS             namespace of the resources whose input names none (Terraform)
        --credentials-secret NAME  credentials Secret (publicApiKey/privateApiKey or
                                   clientId/clientSecret) for resources whose input names none;
                                   without it they use the operator's default credentials
        --help                     this text

      Exit status: 0 when everything was carried over, 1 when something was not (the report
      says what and why), 2 on bad usage or an unreadable input.
      """;

  private static final Pattern PROJECT_ID = Pattern.compile("^[0-9a-f]{24}$");
  private static final Pattern DNS_NAME = Pattern.compile("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$");

  /** Bad usage: the message says what, exit status 2. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static MigrateOptions parse(List<String> args) throws UsageException {
    List<Path> files = new ArrayList<>();
    Path out = null;
    boolean apply = false;
    Map<String, String> projects = new LinkedHashMap<>();
    String namespace = null;
    String credentials = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--apply")) {
        apply = true;
      } else if (arg.equals("--out") || arg.startsWith("--out=")) {
        out = Path.of(value(args, i, "--out"));
        i += arg.contains("=") ? 0 : 1;
      } else if (arg.equals("--project") || arg.startsWith("--project=")) {
        addProject(projects, value(args, i, "--project"));
        i += arg.contains("=") ? 0 : 1;
      } else if (arg.equals("--namespace") || arg.startsWith("--namespace=")) {
        namespace = dnsLabel(value(args, i, "--namespace"), "--namespace");
        i += arg.contains("=") ? 0 : 1;
      } else if (arg.equals("--credentials-secret") || arg.startsWith("--credentials-secret=")) {
        credentials = value(args, i, "--credentials-secret");
        if (!DNS_NAME.matcher(credentials).matches()) {
          throw new UsageException("--credentials-secret " + credentials + " is not a Secret name");
        }
        i += arg.contains("=") ? 0 : 1;
      } else if (arg.startsWith("--") || (arg.startsWith("-") && !arg.equals("-"))) {
        throw new UsageException("unknown flag " + arg);
      } else {
        files.add(Path.of(arg));
      }
    }
    if (files.isEmpty()) {
      throw new UsageException("no input FILE given");
    }
    return new MigrateOptions(
        List.copyOf(files), Optional.ofNullable(out), apply, projects, namespace, credentials);
  }

  private static String value(List<String> args, int i, String flag) throws UsageException {
    String arg = args.get(i);
    if (arg.startsWith(flag + "=")) {
      return arg.substring(flag.length() + 1);
    }
    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
      throw new UsageException(flag + " needs a value");
    }
    return args.get(i + 1);
  }

  private static void addProject(Map<String, String> projects, String spec) throws UsageException {
    int eq = spec.indexOf('=');
    if (eq <= 0) {
      throw new UsageException("--project takes NAME=ID or NAMESPACE/NAME=ID, not " + spec);
    }
    String key = spec.substring(0, eq);
    String id = spec.substring(eq + 1);
    if (!PROJECT_ID.matcher(id).matches()) {
      throw new UsageException(
          "--project " + spec + ": the project ID must be 24 lowercase hexadecimal digits");
    }
    String[] parts = key.split("/", -1);
    if (parts.length > 2) {
      throw new UsageException("--project takes NAME=ID or NAMESPACE/NAME=ID, not " + spec);
    }
    for (String part : parts) {
      dnsLabel(part, "--project " + spec);
    }
    projects.put(key, id);
  }

  private static String dnsLabel(String value, String what) throws UsageException {
    if (!DNS_NAME.matcher(value).matches() || value.length() > 253) {
      throw new UsageException(what + ": " + value + " is not a Kubernetes name");
    }
    return value;
  }
}
