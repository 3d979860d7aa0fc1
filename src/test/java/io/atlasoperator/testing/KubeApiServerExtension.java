package io.atlasoperator.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a {@link LocalKubeApiServer} before a test class and stops it after. Register it as a
 * static field with {@code @RegisterExtension}. A wait that times out in the class's tests fails
 * with the resources that were not Ready and the logs given to {@link #showLog}.
 */
public final class KubeApiServerExtension
    implements BeforeAllCallback, AfterAllCallback, ExplainsTimeouts {

  private LocalKubeApiServer server;
  private final WhyNotReady whyNotReady =
      new WhyNotReady(() -> server == null ? null : server.client());

  @Override
  public void beforeAll(ExtensionContext context) {
    server = LocalKubeApiServer.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
    }
  }

  /** A log whose tail is shown when a wait times out (an operator container's, a process's). */
  public void showLog(String name, java.util.function.Supplier<String> log) {
    whyNotReady.showLog(name, log);
  }

  @Override
  public WhyNotReady whyNotReady() {
    return whyNotReady;
  }

  public LocalKubeApiServer server() {
    return server;
  }

  public KubernetesClient client() {
    return server.client();
  }
}
