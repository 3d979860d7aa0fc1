package io.atlasoperator.atlas;

import io.atlasoperator.domain.AtlasCredentials;
import io.atlasoperator.domain.AtlasDeployments;
import io.atlasoperator.domain.AtlasFailure;
import io.atlasoperator.domain.AtlasUsers;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.Deployment;
import io.atlasoperator.domain.Password;
import io.atlasoperator.domain.UserKey;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * {@link AtlasUsers} and {@link AtlasDeployments} over the Atlas Admin API (v2 or v1.0, {@link
 * AtlasClientConfig#api()}): one {@link AtlasClient} per API key pair or Service Account, all
 * sharing one connection pool and one call budget per project ({@link ProjectBudgets}), so that one
 * busy project neither runs into Atlas's rate limits nor holds up the others. Atlas's error answers
 * become {@link AtlasFailure}s here, so no wire type or error code leaves this package.
 */
public final class AtlasUsersClient implements AtlasUsers, AtlasDeployments {

  private final AtlasClientConfig config;
  private final OkHttpClient shared;
  private final Map<AtlasCredentials, AtlasClient> clients = new ConcurrentHashMap<>();
  private final Map<AtlasCredentials, DeploymentsClient> deployments = new ConcurrentHashMap<>();

  /**
   * A client for {@code config}'s Atlas, within {@code budget} per project, trusting the CA
   * certificates in {@code caBundle} (a PEM file) besides the JDK's.
   */
  public AtlasUsersClient(
      AtlasClientConfig config,
      CallBudget budget,
      Optional<String> caBundle,
      MeterRegistry metrics) {
    this.config = config;
    CallMetrics calls = new CallMetrics(metrics);
    // Idle connections are let go after 20 s, before servers commonly close them (30 s for the
    // JDK's HTTP server): fewer requests sent on a connection the other end has just closed.
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .connectionPool(
                new okhttp3.ConnectionPool(5, 20, java.util.concurrent.TimeUnit.SECONDS));
    caBundle.ifPresent(
        path -> {
          TrustedCertificates trusted = TrustedCertificates.withBundle(Path.of(path));
          builder.sslSocketFactory(trusted.context().getSocketFactory(), trusted.trustManager());
        });
    this.shared =
        builder
            // First the budget: a call it holds back is never sent, so never counted as a call.
            .addInterceptor(new ProjectBudgets(budget, System::nanoTime, calls))
            .addInterceptor(
                chain -> {
                  long started = System.nanoTime();
                  okhttp3.Response response = null;
                  try {
                    response = chain.proceed(chain.request());
                    return response;
                  } finally {
                    calls.called(chain.request(), response, System.nanoTime() - started);
                  }
                })
            .build();
  }

  @Override
  public List<DatabaseUser> list(AtlasCredentials key, String projectId) {
    return call(() -> client(key).listAll(projectId));
  }

  @Override
  public Optional<DatabaseUser> get(AtlasCredentials key, UserKey user) {
    return call(() -> client(key).get(user));
  }

  @Override
  public Optional<DatabaseUser> create(AtlasCredentials key, DatabaseUser user, Password password) {
    return call(
        () ->
            AtlasClient.unless(
                AtlasErrorCode.USER_ALREADY_EXISTS, () -> client(key).create(user, password)));
  }

  @Override
  public Optional<DatabaseUser> update(AtlasCredentials key, DatabaseUser user, Password password) {
    return call(
        () ->
            AtlasClient.unless(
                AtlasErrorCode.USERNAME_NOT_FOUND, () -> client(key).update(user, password)));
  }

  @Override
  public boolean delete(AtlasCredentials key, UserKey user) {
    return call(() -> client(key).delete(user));
  }

  @Override
  public List<Deployment> deployments(AtlasCredentials key, String projectId) {
    return call(() -> deploymentsOf(key).deployments(projectId));
  }

  @Override
  public boolean changesApplied(AtlasCredentials key, String projectId, String cluster) {
    return call(() -> deploymentsOf(key).changesApplied(projectId, cluster));
  }

  @Override
  public Set<String> federatedDatabases(AtlasCredentials key, String projectId) {
    return call(() -> deploymentsOf(key).federatedDatabases(projectId));
  }

  @Override
  public Set<String> streamInstances(AtlasCredentials key, String projectId) {
    return call(() -> deploymentsOf(key).streamInstances(projectId));
  }

  private DeploymentsClient deploymentsOf(AtlasCredentials key) {
    return deployments.computeIfAbsent(key, k -> new DeploymentsClient(client(k)));
  }

  @Override
  public void close() {
    shared.dispatcher().executorService().shutdown();
    shared.connectionPool().evictAll();
  }

  private AtlasClient client(AtlasCredentials key) {
    return clients.computeIfAbsent(key, k -> AtlasClient.create(shared, config, k));
  }

  private static <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (AtlasException e) {
      throw classify(e);
    }
  }

  /** What a failed call means for the caller: retry it, or wait for a change. */
  static AtlasFailure classify(AtlasException error) {
    String operation = "operation=" + error.operation();
    Optional<String> tls = TlsProblem.describe(error);
    if (tls.isPresent()) {
      return new AtlasFailure(
          AtlasFailure.Kind.TLS,
          tls.get(),
          operation + " status=none (TLS: " + tls.get() + ")",
          null,
          error);
    }
    if (error instanceof UnreadableAnswer unreadable) {
      return new AtlasFailure(
          AtlasFailure.Kind.UNREADABLE,
          unreadable.getMessage(),
          operation + " status=2xx (a body it cannot read)",
          null,
          error);
    }
    if (error instanceof CallThrottled throttled) {
      return new AtlasFailure(
          AtlasFailure.Kind.RATE_LIMITED, error.getMessage(), null, throttled.retryAfter(), error);
    }
    if (!(error instanceof AtlasApiException answer)) {
      return new AtlasFailure(
          AtlasFailure.Kind.NO_ANSWER,
          error.getMessage(),
          operation
              + " status=none ("
              + (error.getCause() == null ? error.getMessage() : error.getCause().toString())
              + ")",
          null,
          error);
    }
    String call =
        operation
            + " status="
            + answer.status()
            + " errorCode="
            + answer.errorCode()
            + answer.retryAfter().map(d -> " retryAfter=" + d.toSeconds() + "s").orElse("");
    AtlasFailure.Kind kind;
    if (answer.status() == 429) {
      kind = AtlasFailure.Kind.RATE_LIMITED;
    } else if (answer.isTransient()) {
      kind = AtlasFailure.Kind.TRANSIENT;
    } else if (answer.status() == 401 || answer.status() == 403) {
      kind = AtlasFailure.Kind.UNAUTHORIZED;
    } else {
      kind = AtlasFailure.Kind.REJECTED;
    }
    // A 429's detail names the seconds to wait, different on each try: the status keeps one text.
    String message =
        kind == AtlasFailure.Kind.RATE_LIMITED
            ? "Atlas answered 429 "
                + (answer.errorCode() == null ? "" : answer.errorCode() + " ")
                + "(rate limit) for "
                + error.operation()
                + "; retried after its Retry-After"
            : answer.getMessage();
    return new AtlasFailure(
        kind, message, call, answer.retryAfter().orElse(null), answer.errorCode(), answer);
  }
}
