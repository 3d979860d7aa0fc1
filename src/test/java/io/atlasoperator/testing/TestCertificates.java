package io.atlasoperator.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real X.509 certificates for TLS tests, made with the JDK's keytool: a test CA, and PKCS#12
 * keystores for servers signed by it (for a host, for another host, expired) or self-signed.
 */
public final class TestCertificates {

  public static final char[] PASSWORD = "test-keystore".toCharArray();

  private final Path dir;

  private TestCertificates(Path dir) {
    this.dir = dir;
  }

  /** A new CA in a temporary directory. */
  public static TestCertificates create() {
    try {
      TestCertificates certificates = new TestCertificates(Files.createTempDirectory("tls-test"));
      certificates.keytool(
          "-genkeypair",
          "-keystore",
          "ca.p12",
          "-storetype",
          "PKCS12",
          "-alias",
          "ca",
          "-keyalg",
          "RSA",
          "-keysize",
          "2048",
          "-dname",
          "CN=atlas-operator test CA",
          "-ext",
          "bc:c",
          "-validity",
          "30");
      certificates.keytool(
          "-exportcert", "-keystore", "ca.p12", "-alias", "ca", "-rfc", "-file", "ca.pem");
      return certificates;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The CA's certificate, PEM. */
  public Path caPem() {
    return dir.resolve("ca.pem");
  }

  /**
   * A keystore whose certificate the CA signed for {@code subjectAltNames} (keytool's SAN form,
   * e.g. {@code IP:127.0.0.1}); {@code expired} makes it valid only for a day that has passed.
   */
  public Path signed(String name, String subjectAltNames, boolean expired) {
    String store = name + ".p12";
    keytool(
        "-genkeypair",
        "-keystore",
        store,
        "-storetype",
        "PKCS12",
        "-alias",
        "server",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=" + name,
        "-validity",
        "30");
    keytool("-certreq", "-keystore", store, "-alias", "server", "-file", name + ".csr");
    List<String> sign =
        new ArrayList<>(
            List.of(
                "-gencert",
                "-keystore",
                "ca.p12",
                "-alias",
                "ca",
                "-infile",
                name + ".csr",
                "-outfile",
                name + ".pem",
                "-rfc",
                "-ext",
                "SAN=" + subjectAltNames));
    if (expired) {
      sign.addAll(List.of("-startdate", "-3d", "-validity", "1"));
    }
    keytool(sign.toArray(String[]::new));
    keytool("-importcert", "-keystore", store, "-alias", "ca", "-file", "ca.pem", "-noprompt");
    keytool("-importcert", "-keystore", store, "-alias", "server", "-file", name + ".pem");
    return dir.resolve(store);
  }

  private void keytool(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storepass", new String(PASSWORD)));
    try {
      Process process =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool " + String.join(" ", args) + ": " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
