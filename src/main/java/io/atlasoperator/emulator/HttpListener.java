package io.atlasoperator.emulator;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Where and how an emulator listens: the JDK HTTP server, or HTTPS server when given a TLS context,
 * serving one handler on daemon threads. The emulator starts and stops it under its own lock.
 */
final class HttpListener {

  private final String host;
  private final int requestedPort;
  private final SSLContext tls;
  private HttpServer server;
  private ExecutorService executor;

  /** A listener on host and port (0 for a free one); HTTPS when tls is not null. */
  HttpListener(String host, int requestedPort, SSLContext tls) {
    this.host = host;
    this.requestedPort = requestedPort;
    this.tls = tls;
  }

  /** Starts listening; the port is the one asked for, or a free one when that was 0. */
  void start(HttpHandler handler) {
    try {
      InetSocketAddress address = new InetSocketAddress(host, requestedPort);
      if (tls == null) {
        server = HttpServer.create(address, 64);
      } else {
        HttpsServer https = HttpsServer.create(address, 64);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        server = https;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + host + ":" + requestedPort, e);
    }
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "atlas-emulator");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", handler);
    server.start();
  }

  void stop() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }

  /** Where clients reach it, e.g. http://127.0.0.1:41234/ (with the trailing slash). */
  String baseUrl() {
    return (tls == null ? "http://" : "https://") + host + ":" + port() + "/";
  }

  int port() {
    if (server == null) {
      throw new IllegalStateException("the emulator is not started");
    }
    return server.getAddress().getPort();
  }

  /** A TLS context with the key and certificate chain of a PKCS#12 keystore. */
  static SSLContext tls(Path pkcs12, char[] password) {
    try (var in = Files.newInputStream(pkcs12)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(keys.getKeyManagers(), null, null);
      return tls;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read the TLS keystore " + pkcs12, e);
    }
  }
}
