package io.atlasoperator.atlas;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities the Atlas client trusts: the JVM's own, plus those of a PEM bundle (a
 * TLS-inspecting proxy's or a private endpoint's CA). Verification is never switched off; a bundle
 * only adds authorities.
 */
public final class TrustedCertificates {

  private final SSLContext context;
  private final X509TrustManager trustManager;

  private TrustedCertificates(SSLContext context, X509TrustManager trustManager) {
    this.context = context;
    this.trustManager = trustManager;
  }

  /** The JVM's authorities and every certificate in the PEM file {@code bundle}. */
  public static TrustedCertificates withBundle(Path bundle) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (X509Certificate system : systemTrustManager().getAcceptedIssuers()) {
        store.setCertificateEntry("system-" + n++, system);
      }
      Collection<? extends Certificate> added;
      try (InputStream in = Files.newInputStream(bundle)) {
        added = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (added.isEmpty()) {
        throw new IllegalArgumentException("the CA bundle " + bundle + " holds no certificate");
      }
      for (Certificate certificate : added) {
        store.setCertificateEntry("bundle-" + n++, certificate);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      X509TrustManager manager = x509(factory.getTrustManagers());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {manager}, null);
      return new TrustedCertificates(context, manager);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the CA bundle " + bundle + ": " + e, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "the CA bundle " + bundle + " is not PEM certificates: " + e.getMessage(), e);
    }
  }

  public SSLContext context() {
    return context;
  }

  public X509TrustManager trustManager() {
    return trustManager;
  }

  private static X509TrustManager systemTrustManager() throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    return x509(factory.getTrustManagers());
  }

  private static X509TrustManager x509(TrustManager[] managers) {
    for (TrustManager manager : managers) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new IllegalStateException("no X.509 trust manager in this JVM");
  }
}
