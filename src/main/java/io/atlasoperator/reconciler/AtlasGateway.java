package io.atlasoperator.reconciler;

import io.atlasoperator.atlas.ApiKey;
import io.atlasoperator.atlas.AtlasClient;
import io.atlasoperator.atlas.AtlasClientConfig;
import io.atlasoperator.atlas.TrustedCertificates;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import okhttp3.OkHttpClient;

/**
 * One Atlas client per API key pair, all sharing one connection pool and one bound on how many HTTP
 * calls to Atlas are in flight at once (Atlas rate-limits its Admin API per project).
 */
final class AtlasGateway {

  private final AtlasClientConfig config;
  private final OkHttpClient shared;
  private final Map<ApiKey, AtlasClient> clients = new ConcurrentHashMap<>();

  AtlasGateway(AtlasClientConfig config, int maxConcurrentCalls, Optional<String> caBundle) {
    this.config = config;
    Semaphore permits = new Semaphore(maxConcurrentCalls, true);
    OkHttpClient.Builder builder = new OkHttpClient.Builder();
    caBundle.ifPresent(
        path -> {
          TrustedCertificates trusted = TrustedCertificates.withBundle(Path.of(path));
          builder.sslSocketFactory(trusted.context().getSocketFactory(), trusted.trustManager());
        });
    this.shared =
        builder
            .addInterceptor(
                chain -> {
                  try {
                    permits.acquire();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted waiting to call Atlas");
                  }
                  try {
                    return chain.proceed(chain.request());
                  } finally {
                    permits.release();
                  }
                })
            .build();
  }

  AtlasClient client(ApiKey key) {
    return clients.computeIfAbsent(key, k -> AtlasClient.create(shared, config, k));
  }

  void close() {
    shared.dispatcher().executorService().shutdown();
    shared.connectionPool().evictAll();
  }
}
