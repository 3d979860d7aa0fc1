package io.atlasoperator.atlas;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * Names the operator (User-Agent) and the API version on every call to the Admin API: Accept is
 * {@link AtlasApi#mediaType()}, and so is the Content-Type of a body on v2, where Atlas picks the
 * resource version from the media type ({@code application/vnd.atlas.2023-01-01+json}). A call that
 * names its own Accept keeps it.
 */
final class MediaTypes implements Interceptor {

  private final AtlasClientConfig config;
  private final MediaType body;

  MediaTypes(AtlasClientConfig config) {
    this.config = config;
    this.body = MediaType.get(config.api().mediaType());
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Request.Builder named = request.newBuilder().header("User-Agent", config.userAgent());
    if (!request.url().encodedPath().contains("/api/atlas/")) {
      return chain.proceed(named.header("Accept", "application/json").build());
    }
    if (request.header("Accept") == null) {
      // An operation that names its own version (the deployment reads) keeps it.
      named.header("Accept", config.api().mediaType());
    }
    RequestBody original = request.body();
    if (original != null && config.api() == AtlasApi.V2) {
      named.method(request.method(), typed(original));
    }
    return chain.proceed(named.build());
  }

  private RequestBody typed(RequestBody original) {
    return new RequestBody() {
      @Override
      public MediaType contentType() {
        return body;
      }

      @Override
      public long contentLength() throws IOException {
        return original.contentLength();
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        original.writeTo(sink);
      }
    };
  }
}
