package io.atlasoperator.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a {@link LocalKubeApiServer} before a test class and stops it after. Register it as a
 * static field with {@code @RegisterExtension}.
 */
public final class KubeApiServerExtension implements BeforeAllCallback, AfterAllCallback {

  private LocalKubeApiServer server;

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

  public LocalKubeApiServer server() {
    return server;
  }

  public KubernetesClient client() {
    return server.client();
  }
}
