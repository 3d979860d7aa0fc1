package io.atlasoperator.reconciler;

import static io.atlasoperator.testing.OperatorEnvironment.scramUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.atlasoperator.AtlasOperator;
import io.atlasoperator.config.OperatorConfig;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.emulator.AtlasEmulator;
import io.atlasoperator.testing.KubeApiServerExtension;
import io.atlasoperator.testing.TestCertificates;
import io.fabric8.kubernetes.api.model.Condition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HTTPS to Atlas with real certificates (made by keytool): a private CA is trusted only when given
 * as a bundle, and an untrusted, wrong-host or expired certificate is named in the status instead
 * of being retried as "Atlas unavailable".
 */
class TlsIT {

  @RegisterExtension static final KubeApiServerExtension KUBE = new KubeApiServerExtension();

  static final String PROJECT = "5356823b3794dee37132bb7b";
  static final AtomicInteger NAMESPACES = new AtomicInteger();
  static TestCertificates certificates;

  @BeforeAll
  static void setUp() {
    KUBE.server().installCrd();
    KUBE.server().createNamespace("atlas-operator");
    KUBE.server()
        .createSecret(
            "atlas-operator",
            "keys",
            Map.of("publicApiKey", "tls-public", "privateApiKey", "tls-private-key"));
    certificates = TestCertificates.create();
  }

  /**
   * Runs one operator against an emulator serving {@code keystore}; returns the Ready condition.
   */
  static Condition readyWith(Path keystore, String caBundle, String expectedReason) {
    String ns = "tls-" + NAMESPACES.incrementAndGet();
    KUBE.server().createNamespace(ns);
    KUBE.server().createSecret(ns, "app-password", Map.of("password", "s3cret-value"));
    try (AtlasEmulator atlas =
        AtlasEmulator.builder()
            .tls(keystore, TestCertificates.PASSWORD)
            .apiKey("tls-public", "tls-private-key")
            .project(PROJECT)
            .start()) {
      AtlasOperator operator =
          AtlasOperator.start(
              KUBE.client(),
              OperatorConfig.builder()
                  .atlasBaseUrl(atlas.baseUrl())
                  .watchNamespaces(java.util.Set.of(ns))
                  .defaultCredentials(new OperatorConfig.SecretName("atlas-operator", "keys"))
                  .caBundle(caBundle)
                  .build());
      try {
        assertThat(atlas.baseUrl()).startsWith("https://");
        KUBE.client().resource(scramUser(ns, "app", PROJECT, "app")).create();
        return await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> {
                  AtlasDatabaseUser r =
                      KUBE.client()
                          .resources(AtlasDatabaseUser.class)
                          .inNamespace(ns)
                          .withName("app")
                          .get();
                  return r == null || r.getStatus() == null
                      ? null
                      : r.getStatus().getConditions().stream()
                          .filter(c -> c.getType().equals("Ready"))
                          .findFirst()
                          .orElse(null);
                },
                c -> c != null && expectedReason.equals(c.getReason()));
      } finally {
        operator.close();
      }
    }
  }

  @Test
  void aPrivateCaGivenAsABundleIsTrusted() {
    Path good = certificates.signed("good", "IP:127.0.0.1,DNS:localhost", false);

    Condition ready = readyWith(good, certificates.caPem().toString(), "Created");

    assertThat(ready.getStatus()).isEqualTo("True");
  }

  @Test
  void withoutTheBundleTheUntrustedCertificateIsNamedNotRetriedAsAnOutage() {
    Path good = certificates.signed("untrusted", "IP:127.0.0.1", false);

    Condition failed = readyWith(good, null, "AtlasTlsError");

    assertThat(failed.getStatus()).isEqualTo("False");
    assertThat(failed.getMessage())
        .contains("not signed by an authority this operator trusts", "ATLAS_OPERATOR_CA_BUNDLE");
  }

  @Test
  void aCertificateForAnotherHostIsNamed() {
    Path wrongHost = certificates.signed("wronghost", "DNS:atlas.wrong.example", false);

    Condition failed = readyWith(wrongHost, certificates.caPem().toString(), "AtlasTlsError");

    assertThat(failed.getMessage()).contains("issued for another host name");
  }

  @Test
  void anExpiredCertificateIsNamed() {
    Path expired = certificates.signed("expired", "IP:127.0.0.1", true);

    Condition failed = readyWith(expired, certificates.caPem().toString(), "AtlasTlsError");

    assertThat(failed.getMessage()).contains("expired");
  }
}
