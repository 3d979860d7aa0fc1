package io.atlasoperator.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.atlasoperator.domain.ApiKey;
import io.atlasoperator.domain.AtlasFailure;
import io.atlasoperator.domain.Password;
import io.atlasoperator.domain.UserKey;
import io.atlasoperator.domain.UserRole;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What the client sends and tolerates on the wire, against a plain HTTP server. */
class AtlasClientWireTest {

  @Test
  void unknownResponseFieldsAreIgnoredAndTheUserAgentNamesTheOperator() throws Exception {
    AtomicReference<String> userAgent = new AtomicReference<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          userAgent.set(exchange.getRequestHeaders().getFirst("User-Agent"));
          byte[] body =
              """
              {"databaseName": "admin", "groupId": "5356823b3794dee37132bb7b",
               "roles": [{"databaseName": "admin", "roleName": "readAnyDatabase",
                          "futureRoleField": true}],
               "username": "ellen", "futureAtlasField": {"nested": [1, 2]}}"""
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      AtlasClient client =
          AtlasClient.create(
              AtlasClientConfig.defaults()
                  .withBaseUrl("http://127.0.0.1:" + server.getAddress().getPort()),
              new ApiKey("public", "private-placeholder"));

      var user = client.get(new UserKey("5356823b3794dee37132bb7b", "admin", "ellen"));

      assertThat(user)
          .hasValueSatisfying(
              u ->
                  assertThat(u.roles())
                      .containsExactly(new UserRole("readAnyDatabase", "admin", null)));
      assertThat(userAgent.get()).isEqualTo("atlas-operator/" + AtlasClientConfig.VERSION);
      assertThat(AtlasClientConfig.VERSION).matches("\\d+\\.\\d+\\.\\d+.*");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aSuccessfulAnswerThatIsNotAUserIsUnreadableNotAnOutage() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          // A proxy's login page, answered with 200, for the create; a JSON array for the get.
          boolean create = exchange.getRequestMethod().equals("POST");
          byte[] body =
              (create ? "<html><body>Sign in to the proxy</body></html>" : "[1, 2]")
                  .getBytes(StandardCharsets.UTF_8);
          exchange
              .getResponseHeaders()
              .set("Content-Type", create ? "text/html" : "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try (AtlasUsersClient atlas =
        new AtlasUsersClient(
            AtlasClientConfig.defaults()
                .withBaseUrl("http://127.0.0.1:" + server.getAddress().getPort()),
            CallBudget.DEFAULT,
            java.util.Optional.empty(),
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry())) {
      ApiKey key = new ApiKey("public", "private-placeholder");
      UserKey ellen = new UserKey("5356823b3794dee37132bb7b", "admin", "ellen");

      AtlasFailure create =
          catchThrowableOfType(
              AtlasFailure.class,
              () ->
                  atlas.create(
                      key,
                      io.atlasoperator.testing.TestUsers.user("ellen").build(),
                      new Password("s3cret-pass")));
      AtlasFailure get = catchThrowableOfType(AtlasFailure.class, () -> atlas.get(key, ellen));

      assertThat(create.kind()).isEqualTo(AtlasFailure.Kind.UNREADABLE);
      assertThat(create.mayHaveRun()).as("the create may have happened").isTrue();
      assertThat(create.getMessage())
          .startsWith("Atlas, or a proxy in front of it, answered POST /api/atlas/v2/groups/")
          .contains("with a body this operator cannot read (not JSON: ");
      assertThat(create.call()).endsWith("status=2xx (a body it cannot read)");
      assertThat(get.kind()).isEqualTo(AtlasFailure.Kind.UNREADABLE);
      assertThat(get.getMessage()).contains("(not a AtlasUserJson: ");
    } finally {
      server.stop(0);
    }
  }
}
