package io.atlasoperator.reconciler;

import static io.atlasoperator.testing.OperatorEnvironment.scramUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.atlasoperator.atlas.AtlasApi;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.Role;
import io.atlasoperator.crd.SecretRef;
import io.atlasoperator.emulator.JournalEntry;
import io.atlasoperator.testing.OperatorEnvironment;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The legacy v1.0 API (ATLAS_OPERATOR_ATLAS_API=v1.0), with an API key and with a Service Account,
 * through a whole lifecycle on a real API server: the other operator tests run on v2, the default.
 * Both APIs serve one Atlas, so a user created on one is the same user on the other.
 */
class AtlasApiAndAuthIT {

  static final String CLIENT_ID = "mdb_sa_id_65f0a1b2c3d4e5f601234567";
  static final String CLIENT_SECRET = "mdb_sa_sk_placeholder-not-a-real-secret";

  @RegisterExtension
  static final OperatorEnvironment ENV =
      new OperatorEnvironment(Duration.ofSeconds(5), c -> c.atlasApi(AtlasApi.V1_0));

  @Test
  void anApiKeyOnV1CreatesUpdatesAndDeletesItsUserOverV1Paths() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.password(ns, "legacy-password", "s3cret-value");
    ENV.create(scramUser(ns, "legacy", project, "legacy-app"));
    ENV.awaitReady(ns, "legacy", "True", "Created");

    ENV.edit(ns, "legacy", spec -> spec.getRoles().add(new Role("read", "catalog", null)));
    ENV.awaitReady(ns, "legacy", "True", "Updated");
    ENV.client().resource(ENV.get(ns, "legacy")).delete();
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ENV.get(ns, "legacy") == null);

    assertThat(ENV.atlasWrites(project))
        .extracting(JournalEntry::method)
        .containsExactly("POST", "PATCH", "DELETE");
    // The users over v1.0; the project's clusters over v2, which alone has flex clusters.
    assertThat(ENV.atlasCalls(project, e -> e.path().contains("/databaseUsers")))
        .extracting(JournalEntry::path)
        .isNotEmpty()
        .allMatch(path -> path.startsWith("/api/atlas/v1.0/groups/" + project + "/databaseUsers"));
    assertThat(ENV.atlasCalls(project, e -> !e.path().contains("/databaseUsers")))
        .extracting(JournalEntry::path)
        .containsOnly(
            "/api/atlas/v2/groups/" + project + "/clusters",
            "/api/atlas/v2/groups/" + project + "/flexClusters");
    assertThat(ENV.atlas().storedUser(project, "admin", "legacy-app")).isEmpty();
  }

  @Test
  void aServiceAccountSecretInMongoDbOperatorsFormIsUsedWithOneTokenForManyCalls() {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.atlas().addServiceAccount(CLIENT_ID, CLIENT_SECRET).addProject(project, CLIENT_ID);
    ENV.secret(
        ns,
        "atlas-sa",
        Map.of(
            "orgId",
            "65f0a1b2c3d4e5f600000001",
            "clientId",
            CLIENT_ID,
            "clientSecret",
            CLIENT_SECRET));
    for (String name : new String[] {"sa-one", "sa-two"}) {
      ENV.password(ns, name + "-password", "s3cret-value");
      AtlasDatabaseUser resource = scramUser(ns, name, project, name);
      resource.getSpec().setCredentialsSecretRef(new SecretRef("atlas-sa"));
      ENV.create(resource);
    }
    ENV.awaitReady(ns, "sa-one", "True", "Created");
    ENV.awaitReady(ns, "sa-two", "True", "Created");
    ENV.edit(ns, "sa-one", spec -> spec.getRoles().add(new Role("read", "catalog", null)));
    ENV.awaitReady(ns, "sa-one", "True", "Updated");

    assertThat(ENV.atlasWrites(project))
        .hasSize(3)
        .allSatisfy(e -> assertThat(e.publicKey()).isEqualTo(CLIENT_ID));
    assertThat(ENV.atlas().countRequests(e -> e.path().equals("/api/oauth/token")))
        .as("one token serves every call within its lifetime")
        .isEqualTo(1);
  }
}
