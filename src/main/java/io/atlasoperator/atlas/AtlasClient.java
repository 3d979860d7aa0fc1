package io.atlasoperator.atlas;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atlasoperator.domain.AtlasCredentials;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.Password;
import io.atlasoperator.domain.UserKey;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;

/**
 * The Atlas databaseUsers resource for one API key pair or Service Account, in the operator's own
 * types, on the API {@link AtlasClientConfig#api()} names (v2 or v1.0).
 *
 * <p>An API key authenticates with HTTP Digest; the authenticator's cache answers later calls'
 * challenges up front, so a steady stream of calls pays the extra 401 round trip only once (and
 * again when Atlas says the nonce went stale). A Service Account sends a Bearer token ({@link
 * ServiceAccountTokens}). Not-found is a normal result; every other error answer is an {@link
 * AtlasApiException}, and a call that got no answer an {@link AtlasException}. The client does not
 * retry: callers decide, with what the exception tells them.
 */
public final class AtlasClient {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Retrofit retrofit;
  private final DatabaseUsersApi api;
  private final AtlasClientConfig config;

  private AtlasClient(Retrofit retrofit, AtlasClientConfig config) {
    this.retrofit = retrofit;
    this.api = retrofit.create(DatabaseUsersApi.class);
    this.config = config;
  }

  /** A client with its own connection pool. */
  public static AtlasClient create(AtlasClientConfig config, AtlasCredentials credentials) {
    return create(new OkHttpClient(), config, credentials);
  }

  /** A client sharing the connection pool and threads of {@code shared}. */
  public static AtlasClient create(
      OkHttpClient shared, AtlasClientConfig config, AtlasCredentials credentials) {
    Retrofit retrofit =
        new Retrofit.Builder()
            .baseUrl(config.baseUrl())
            .client(AuthenticatedHttp.create(shared, config, credentials))
            .addConverterFactory(JacksonConverterFactory.create(JSON))
            .build();
    return new AtlasClient(retrofit, config);
  }

  /** Every user of a project, following pages until all are read. */
  public List<DatabaseUser> listAll(String projectId) {
    List<DatabaseUser> users = new ArrayList<>();
    for (int page = 1; ; page++) {
      UserPage result = listPage(projectId, page, config.pageSize());
      users.addAll(result.users());
      if (!result.hasNext()) {
        return users;
      }
    }
  }

  /** One page of a project's users (pageNum from 1). */
  public UserPage listPage(String projectId, int pageNum, int itemsPerPage) {
    AtlasPageJson page =
        execute(
            api.list(
                version(),
                PathSegment.encode(projectId),
                pageNum,
                itemsPerPage,
                true,
                envelope(),
                pretty()),
            AtlasPageJson.class);
    List<DatabaseUser> users =
        page.results() == null
            ? List.of()
            : page.results().stream().map(u -> AtlasUserMapper.toDomain(projectId, u)).toList();
    boolean hasNext =
        page.links() != null && page.links().stream().anyMatch(l -> "next".equals(l.rel()));
    if (page.totalCount() != null) {
      hasNext = (long) pageNum * itemsPerPage < page.totalCount();
    }
    return new UserPage(users, page.totalCount(), hasNext && !users.isEmpty());
  }

  /** The user, or empty when Atlas has no such user. */
  public Optional<DatabaseUser> get(UserKey key) {
    return unless(
        AtlasErrorCode.USERNAME_NOT_FOUND,
        () ->
            AtlasUserMapper.toDomain(
                key.projectId(),
                execute(
                    api.get(
                        version(),
                        PathSegment.encode(key.projectId()),
                        PathSegment.encode(key.databaseName()),
                        PathSegment.encode(key.username()),
                        envelope(),
                        pretty()),
                    AtlasUserJson.class)));
  }

  /** Creates the user; password is required for SCRAM users and null for external ones. */
  public DatabaseUser create(DatabaseUser user, Password password) {
    AtlasUserJson created =
        execute(
            api.create(
                version(),
                PathSegment.encode(user.projectId()),
                AtlasUserMapper.toCreateJson(user, password),
                envelope(),
                pretty()),
            AtlasUserJson.class);
    return AtlasUserMapper.toDomain(user.projectId(), created);
  }

  /**
   * Makes the Atlas user match {@code user} with one PATCH of all its fields; the password is
   * changed only when {@code password} is not null.
   */
  public DatabaseUser update(DatabaseUser user, Password password) {
    UserKey key = user.key();
    AtlasUserJson updated =
        execute(
            api.update(
                version(),
                PathSegment.encode(key.projectId()),
                PathSegment.encode(key.databaseName()),
                PathSegment.encode(key.username()),
                AtlasUserMapper.toUpdateJson(user, password),
                envelope(),
                pretty()),
            AtlasUserJson.class);
    return AtlasUserMapper.toDomain(user.projectId(), updated);
  }

  /** Deletes the user; false when Atlas had no such user. */
  public boolean delete(UserKey key) {
    return unless(
            AtlasErrorCode.USERNAME_NOT_FOUND,
            () -> {
              execute(
                  api.delete(
                      version(),
                      PathSegment.encode(key.projectId()),
                      PathSegment.encode(key.databaseName()),
                      PathSegment.encode(key.username()),
                      envelope(),
                      pretty()));
              return Boolean.TRUE;
            })
        .isPresent();
  }

  /**
   * The call's answer; empty when Atlas answers with the error {@code absent} (a user not found, or
   * already existing): the one place where such an answer becomes an ordinary one.
   */
  static <T> Optional<T> unless(AtlasErrorCode absent, java.util.function.Supplier<T> call) {
    try {
      return Optional.of(call.get());
    } catch (AtlasApiException e) {
      if (e.code().orElse(null) == absent) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Another set of operations on the same connection, credentials and budget. */
  <T> T operations(Class<T> type) {
    return retrofit.create(type);
  }

  private String version() {
    return config.api().pathSegment();
  }

  private Boolean envelope() {
    return config.envelope() ? Boolean.TRUE : null;
  }

  private Boolean pretty() {
    return config.pretty() ? Boolean.TRUE : null;
  }

  /**
   * Runs a call (of any set of operations) and returns its body, unwrapping the envelope; error
   * answers become exceptions.
   */
  JsonNode execute(Call<JsonNode> call) {
    Response<JsonNode> response;
    String operation = call.request().method() + " " + call.request().url().encodedPath();
    try {
      response = call.execute();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // Retrofit reads a successful body as JSON before it hands the response over: an answer
      // came, but not one this client can read (a proxy's page, say).
      throw new UnreadableAnswer(operation, "not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new AtlasException(
          operation,
          "No answer from Atlas for "
              + operation
              + " ("
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + ")",
          e);
    }
    int status = response.code();
    JsonNode body = response.isSuccessful() ? response.body() : readError(response.errorBody());
    if (config.envelope() && body != null && body.has("status")) {
      status = body.get("status").asInt(status);
      body = body.has("content") ? body.get("content") : body;
    }
    if (status >= 400) {
      AtlasErrorJson error = body == null ? null : readErrorJson(body);
      if (error == null) {
        error = new AtlasErrorJson(null, status, null, null, null);
      }
      throw new AtlasApiException(
          operation,
          status,
          error.errorCode(),
          error.detail(),
          error.reason(),
          error.parameters(),
          retryAfter(response.headers().get("Retry-After")));
    }
    return body;
  }

  private static JsonNode readError(ResponseBody errorBody) {
    if (errorBody == null) {
      return null;
    }
    try (errorBody) {
      String text = errorBody.string();
      return text.isBlank() ? null : JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  private static Duration retryAfter(String header) {
    if (header == null) {
      return null;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(header.trim()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The call's successful answer as {@code type}; a body of another shape is unreadable. */
  private <T> T execute(Call<JsonNode> call, Class<T> type) {
    String operation = call.request().method() + " " + call.request().url().encodedPath();
    JsonNode body = execute(call);
    try {
      return JSON.treeToValue(body, type);
    } catch (IOException | IllegalArgumentException e) {
      throw new UnreadableAnswer(
          operation,
          "not a " + type.getSimpleName() + ": " + e.getMessage().lines().findFirst().orElse(""),
          e);
    }
  }

  /** An error answer's body, or null when it is not Atlas's error document. */
  private static AtlasErrorJson readErrorJson(JsonNode body) {
    try {
      return JSON.treeToValue(body, AtlasErrorJson.class);
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
