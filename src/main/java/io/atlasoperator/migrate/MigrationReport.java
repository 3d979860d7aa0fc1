package io.atlasoperator.migrate;

import java.util.List;

/** The report: per input resource, what it was written as, what was done and what was lost. */
final class MigrationReport {

  private MigrationReport() {}

  static String render(List<Outcome> outcomes, boolean apply) {
    long written = outcomes.stream().filter(o -> o.user() != null).count();
    long refused = outcomes.stream().filter(o -> o.user() == null && !o.complete()).count();
    long partial = outcomes.stream().filter(o -> o.user() != null && !o.complete()).count();
    StringBuilder out = new StringBuilder("# Migration report\n\n");
    out.append(written)
        .append(" written, ")
        .append(refused)
        .append(" not carried over, ")
        .append(partial)
        .append(" written with something left behind.\n\n");
    out.append(
        apply
            ? "Mode: --apply. Once applied, the operator adopts the existing Atlas users (one"
                + " PATCH each: its owner label, and the password where there is one).\n"
            : "Mode: dry-run. Every AtlasDatabaseUser carries the annotation "
                + Manifests.DRY_RUN
                + ": \"true\": the operator plans and reports the adoption in its status and"
                + " Events, and writes nothing to Atlas. Remove the annotation (or run migrate"
                + " again with --apply) to adopt.\n");
    out.append("\n## Resources\n");
    for (Outcome outcome : outcomes) {
      out.append("\n### ").append(outcome.source()).append("\n\n");
      UserDraft user = outcome.user();
      if (user != null) {
        out.append("- written as AtlasDatabaseUser ")
            .append(user.qualifiedName())
            .append(" (Atlas user ")
            .append(user.username)
            .append(", ")
            .append(user.databaseName)
            .append(", project ")
            .append(user.projectId)
            .append(")\n");
      } else if (!outcome.complete()) {
        out.append("- NOT CARRIED OVER\n");
      }
      outcome.notes().forEach(n -> out.append("- ").append(n).append('\n'));
      String prefix = user == null ? "- why: " : "- not carried over: ";
      outcome.losses().forEach(l -> out.append(prefix).append(l).append('\n'));
    }
    List<UserDraft> stubs =
        outcomes.stream().map(Outcome::user).filter(u -> u != null && u.passwordStub).toList();
    out.append("\n## Secrets to fill\n\n");
    if (stubs.isEmpty()) {
      out.append("None.\n");
    }
    for (UserDraft user : stubs) {
      out.append("- Secret ")
          .append(user.namespace == null ? "" : user.namespace + "/")
          .append(user.passwordSecret)
          .append(", key password: the password of ")
          .append(user.username)
          .append(" in project ")
          .append(user.projectId)
          .append('\n');
    }
    if (!stubs.isEmpty()) {
      out.append(
          "\nThey are written empty, and never from Terraform's state. Put in the user's current"
              + " password to keep its clients working, or a new one to rotate it: adoption"
              + " sets it in Atlas. Until then the operator refuses the empty password and"
              + " writes nothing to Atlas.\n");
    }
    return out.toString();
  }
}
