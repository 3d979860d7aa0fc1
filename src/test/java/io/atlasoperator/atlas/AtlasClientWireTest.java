package io.atlasoperator.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.atlasoperator.domain.ApiKey;
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
}
