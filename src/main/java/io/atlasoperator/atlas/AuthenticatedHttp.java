package io.atlasoperator.atlas;

import com.burgstaller.okhttp.AuthenticationCacheInterceptor;
import com.burgstaller.okhttp.CachingAuthenticatorDecorator;
import com.burgstaller.okhttp.digest.CachingAuthenticator;
import com.burgstaller.okhttp.digest.Credentials;
import com.burgstaller.okhttp.digest.DigestAuthenticator;
import io.atlasoperator.domain.ApiKey;
import io.atlasoperator.domain.AtlasCredentials;
import io.atlasoperator.domain.ServiceAccount;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Authenticator;
import okhttp3.OkHttpClient;

/**
 * The HTTP client of one set of credentials: timeouts, no silent resends, the API's media types,
 * and authentication, HTTP Digest for an API key or a Bearer token for a Service Account.
 */
final class AuthenticatedHttp {

  private AuthenticatedHttp() {}

  static OkHttpClient create(
      OkHttpClient shared, AtlasClientConfig config, AtlasCredentials credentials) {
    OkHttpClient.Builder http =
        shared
            .newBuilder()
            .connectTimeout(config.connectTimeout())
            .readTimeout(config.readTimeout())
            // No silent resend of a request whose connection failed: a POST that reached Atlas
            // would be sent twice unseen. The caller sees the failure, logs it and decides.
            .retryOnConnectionFailure(false)
            // Nor a redirect: it would resend a body with a password, perhaps to http://.
            .followRedirects(false)
            .followSslRedirects(false)
            .addInterceptor(new MediaTypes(config));
    if (credentials instanceof ApiKey key) {
      Map<String, CachingAuthenticator> authCache = new ConcurrentHashMap<>();
      DigestAuthenticator digest =
          new DigestAuthenticator(new Credentials(key.publicKey(), key.privateKey()));
      http.authenticator(
              answerWithoutChallenge(new CachingAuthenticatorDecorator(digest, authCache)))
          .addInterceptor(new AuthenticationCacheInterceptor(authCache));
    } else {
      OkHttpClient plain = http.build();
      http.addInterceptor(
          new ServiceAccountTokens(
              plain, config.baseUrl(), (ServiceAccount) credentials, Clock.systemUTC()));
    }
    return http.addInterceptor(AuthenticatedHttp::readAgainOnAClosedConnection).build();
  }

  /**
   * A GET sent on a pooled connection the server had just closed fails without an answer
   * ("unexpected end of stream"); being a read, it is sent once more on a new connection. Writes
   * are never resent: one that reached Atlas would be made twice unseen.
   */
  private static okhttp3.Response readAgainOnAClosedConnection(okhttp3.Interceptor.Chain chain)
      throws java.io.IOException {
    try {
      return chain.proceed(chain.request());
    } catch (java.io.InterruptedIOException e) {
      throw e; // a timeout: Atlas may be slow, not gone; the caller decides
    } catch (java.io.IOException e) {
      if (!"GET".equals(chain.request().method())) {
        throw e;
      }
      return chain.proceed(chain.request());
    }
  }

  /**
   * A 401 without a Digest challenge is an answer about an authenticated key (NOT_IN_GROUP: no
   * access to the project), not a request to authenticate: hand it to the caller as it is.
   */
  private static Authenticator answerWithoutChallenge(Authenticator digest) {
    return (route, response) ->
        response.headers("WWW-Authenticate").stream()
                .anyMatch(h -> h.regionMatches(true, 0, "Digest", 0, 6))
            ? digest.authenticate(route, response)
            : null;
  }
}
