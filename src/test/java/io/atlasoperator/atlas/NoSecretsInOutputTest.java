package io.atlasoperator.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.atlasoperator.domain.ApiKey;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.Password;
import io.atlasoperator.domain.ServiceAccount;
import io.atlasoperator.emulator.AtlasEmulator;
import io.atlasoperator.emulator.Fault;
import io.atlasoperator.testing.TestUsers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Private keys and passwords never reach output: not in what the client or emulator print at the
 * most verbose log level, not in exception messages, not in toString.
 */
class NoSecretsInOutputTest {

  static final String PROJECT = "5356823b3794dee37132bb7b";
  static final String PRIVATE_KEY = "private-key-canary-7f3a";
  static final String PASSWORD = "password-canary-91c2";
  static final String CLIENT_SECRET = "client-secret-canary-2b7d";

  @Test
  void secretsNeverAppearInOutputOrErrors() throws Exception {
    Logger root = Logger.getLogger("");
    Level before = root.getLevel();
    ConsoleHandler verbose = new ConsoleHandler();
    verbose.setLevel(Level.ALL);
    root.setLevel(Level.ALL);
    root.addHandler(verbose);
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    StringBuilder errors = new StringBuilder();
    System.setOut(capture);
    System.setErr(capture);
    try (AtlasEmulator atlas =
        AtlasEmulator.builder()
            .apiKey("canary-public", PRIVATE_KEY)
            .serviceAccount("mdb_sa_id_canary", CLIENT_SECRET)
            .project(PROJECT)
            .start()) {
      atlas.onRequest(e -> System.out.println("request " + e + " " + e.query()));
      ApiKey key = new ApiKey("canary-public", PRIVATE_KEY);
      AtlasClient client =
          AtlasClient.create(AtlasClientConfig.defaults().withBaseUrl(atlas.baseUrl()), key);
      DatabaseUser user = TestUsers.user("canary").project(PROJECT).role("read", "app").build();
      client.create(user, new Password(PASSWORD));
      errors.append(catchThrowable(() -> client.create(user, new Password(PASSWORD))));
      atlas.inject(Fault.status(500).times(1));
      errors.append(catchThrowable(() -> client.update(user, new Password(PASSWORD))));
      atlas.inject(Fault.dropConnection());
      errors.append(catchThrowable(() -> client.update(user, new Password(PASSWORD))));
      errors.append(key).append(new Password(PASSWORD)).append(user);
      AtlasClient wrong =
          AtlasClient.create(
              AtlasClientConfig.defaults().withBaseUrl(atlas.baseUrl()),
              new ApiKey("canary-public", PRIVATE_KEY + "-wrong"));
      errors.append(catchThrowable(() -> wrong.listAll(PROJECT)));
      atlas.clearFaults();
      ServiceAccount account = new ServiceAccount("mdb_sa_id_canary", CLIENT_SECRET);
      AtlasClient bearer =
          AtlasClient.create(AtlasClientConfig.defaults().withBaseUrl(atlas.baseUrl()), account);
      bearer.listAll(PROJECT);
      atlas.revokeAllTokens();
      bearer.listAll(PROJECT);
      errors.append(account);
      AtlasClient wrongAccount =
          AtlasClient.create(
              AtlasClientConfig.defaults().withBaseUrl(atlas.baseUrl()),
              new ServiceAccount("mdb_sa_id_canary", CLIENT_SECRET + "-wrong"));
      errors.append(catchThrowable(() -> wrongAccount.listAll(PROJECT)));
    } finally {
      System.setOut(out);
      System.setErr(err);
      root.removeHandler(verbose);
      root.setLevel(before);
    }

    String everything = captured.toString(StandardCharsets.UTF_8) + errors;
    assertThat(errors.toString())
        .contains(
            "USER_ALREADY_EXISTS",
            "UNEXPECTED_ERROR",
            "No answer from Atlas",
            "USER_UNAUTHORIZED",
            "invalid_client");
    assertThat(everything)
        .doesNotContain(PRIVATE_KEY)
        .doesNotContain(PASSWORD)
        .doesNotContain(CLIENT_SECRET)
        .doesNotContain("Bearer ")
        .doesNotContain("access_token");
  }
}
