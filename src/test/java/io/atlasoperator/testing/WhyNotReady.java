package io.atlasoperator.testing;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Says why a wait timed out: a test that waited for a resource and gave up fails with each
 * AtlasDatabaseUser that is not Ready, its conditions, and the tail of the operator's log, instead
 * of only "not fulfilled within 90 seconds". The extensions that own an API server and an operator
 * ({@link OperatorEnvironment}, {@link KubeApiServerExtension}) hand their failures to it.
 */
public final class WhyNotReady
    implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

  /** How many lines of each log a failure shows. */
  static final int LOG_LINES = 60;

  /** How many resources a failure lists at most. */
  static final int RESOURCES = 40;

  private final Supplier<KubernetesClient> client;
  private final Map<String, Supplier<String>> logs = new LinkedHashMap<>();

  public WhyNotReady(Supplier<KubernetesClient> client) {
    this.client = client;
  }

  /** Adds a log whose tail a timeout shows, e.g. an operator container's. */
  public synchronized void showLog(String name, Supplier<String> log) {
    logs.put(name, log);
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    throw explain(failure);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    throw explain(failure);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    throw explain(failure);
  }

  /** A timed-out wait, explained; any other failure as it is. */
  public synchronized Throwable explain(Throwable failure) {
    if (!timedOut(failure)) {
      return failure;
    }
    StringBuilder why = new StringBuilder(String.valueOf(failure.getMessage()));
    why.append("\n\n").append(resources(safely(client)));
    logs.forEach(
        (name, log) -> {
          why.append("\n\nThe last ")
              .append(LOG_LINES)
              .append(" lines of the log of ")
              .append(name)
              .append(":\n")
              .append(tail(safely(log), LOG_LINES));
        });
    AssertionError explained = new AssertionError(why.toString(), failure);
    explained.setStackTrace(failure.getStackTrace());
    return explained;
  }

  static boolean timedOut(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConditionTimeoutException || t instanceof KubernetesClientTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** Every AtlasDatabaseUser in the cluster that is not Ready, with its conditions. */
  public static String resources(KubernetesClient client) {
    if (client == null) {
      return "(no API server to ask which resources were not Ready)";
    }
    List<AtlasDatabaseUser> users;
    try {
      users =
          client.resources(AtlasDatabaseUser.class).inAnyNamespace().list().getItems().stream()
              .filter(u -> !LocalKubeApiServer.ready(u))
              .toList();
    } catch (RuntimeException e) {
      return "(could not list the AtlasDatabaseUsers: " + e.getMessage() + ")";
    }
    return describe(users);
  }

  /** The resources and their conditions, one line for each. */
  static String describe(List<AtlasDatabaseUser> notReady) {
    if (notReady.isEmpty()) {
      return "Every AtlasDatabaseUser in the cluster is Ready.";
    }
    List<String> lines = new ArrayList<>();
    lines.add("AtlasDatabaseUsers that are not Ready (" + notReady.size() + "):");
    notReady.stream()
        .limit(RESOURCES)
        .forEach(
            u -> {
              String name = u.getMetadata().getNamespace() + "/" + u.getMetadata().getName();
              if (u.getStatus() == null || u.getStatus().getConditions().isEmpty()) {
                lines.add(
                    "  "
                        + name
                        + " (generation "
                        + u.getMetadata().getGeneration()
                        + "): no status: the operator has not reported on it");
                return;
              }
              lines.add(
                  "  "
                      + name
                      + " (generation "
                      + u.getMetadata().getGeneration()
                      + ", observed "
                      + u.getStatus().getObservedGeneration()
                      + "):");
              for (Condition c : u.getStatus().getConditions()) {
                lines.add(
                    "    "
                        + c.getType()
                        + "="
                        + c.getStatus()
                        + " "
                        + c.getReason()
                        + Optional.ofNullable(c.getMessage()).map(m -> ": " + m).orElse(""));
              }
            });
    if (notReady.size() > RESOURCES) {
      lines.add("  ... and " + (notReady.size() - RESOURCES) + " more");
    }
    return String.join("\n", lines);
  }

  /** The last lines of a log, indented. */
  static String tail(String log, int count) {
    if (log == null || log.isEmpty()) {
      return "  (empty)";
    }
    List<String> lines = log.lines().toList();
    StringBuilder tail = new StringBuilder();
    for (String line : lines.subList(Math.max(0, lines.size() - count), lines.size())) {
      tail.append("  ").append(line).append('\n');
    }
    return tail.toString().stripTrailing();
  }

  private static <T> T safely(Supplier<T> supplier) {
    try {
      return supplier.get();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
