package io.atlasoperator.atlas;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Names what went wrong when the TLS connection to Atlas failed, for users: an untrusted issuer, a
 * certificate for another host, an expired certificate. Retrying cannot fix these, so they are not
 * reported as Atlas being unavailable.
 */
final class TlsProblem {

  private TlsProblem() {}

  static Optional<String> describe(AtlasException error) {
    Throwable ssl = null;
    Throwable root = error;
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (ssl == null && t instanceof SSLException) {
        ssl = t;
      }
      root = t;
    }
    if (ssl == null) {
      return Optional.empty();
    }
    String target = error.operation() == null ? "Atlas" : "Atlas (" + error.operation() + ")";
    String what;
    if (has(error, CertificateExpiredException.class)
        || has(error, CertificateNotYetValidException.class)
        || text(error).contains("validity check failed")) {
      what = "its certificate has expired or is not valid yet";
    } else if (ssl instanceof SSLPeerUnverifiedException
        || text(error).contains("subject alternative name")
        || text(error).contains("No name matching")) {
      what = "its certificate was issued for another host name";
    } else if (has(error, CertPathBuilderException.class)
        || has(error, CertPathValidatorException.class)
        || text(error).contains("PKIX path")) {
      what =
          "its certificate is not signed by an authority this operator trusts (self-signed, or a"
              + " private CA): give the operator that CA with ATLAS_OPERATOR_CA_BUNDLE";
    } else {
      what = "the TLS handshake failed";
    }
    return Optional.of(
        "TLS to "
            + target
            + " failed: "
            + what
            + " ("
            + root.getClass().getSimpleName()
            + ": "
            + root.getMessage()
            + "). Nothing was sent; certificate checks are never switched off");
  }

  private static boolean has(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String text(Throwable error) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = error; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append(' ');
    }
    return all.toString();
  }
}
