package io.atlasoperator.reconciler;

import static io.atlasoperator.testing.OperatorEnvironment.scramUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atlasoperator.config.CredentialsPolicy;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.Role;
import io.atlasoperator.crd.SecretRef;
import io.atlasoperator.testing.OperatorEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may manage which Atlas user: the default credentials' policy (namespaces, projects, roles)
 * and the operator-wide switch that forbids taking over existing users.
 */
class TenancyIT {

  static final String ALLOWED_PROJECT = "00000000000000000000a11d";
  static final String OTHER_PROJECT = "00000000000000000000b0b0";

  @RegisterExtension
  static final OperatorEnvironment ENV =
      new OperatorEnvironment(
          Duration.ofSeconds(5),
          config ->
              config
                  .allowAdoption(false)
                  .defaultCredentialsPolicy(
                      CredentialsPolicy.of(
                          List.of(
                              new CredentialsPolicy.Rule(
                                  List.of("team-*"), List.of(ALLOWED_PROJECT), null),
                              new CredentialsPolicy.Rule(
                                  List.of("readers"), List.of("*"), List.of("read"))))));

  @Test
  void aNamespaceOutsideThePolicyIsStalledBeforeAnyAtlasCall() {
    String project = ENV.newProject();
    String ns = "intruder";
    ENV.namespace(ns);
    ENV.password(ns, "admin-password", "s3cret-value");
    AtlasDatabaseUser resource = scramUser(ns, "admin", project, "admin");
    resource
        .getSpec()
        .setRoles(new java.util.ArrayList<>(List.of(new Role("atlasAdmin", "admin", null))));
    ENV.create(resource);

    AtlasDatabaseUser denied = ENV.awaitReady(ns, "admin", "False", "PolicyDenied");

    assertThat(ENV.condition(denied, "Stalled").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(ENV.condition(denied, "Ready").orElseThrow().getMessage())
        .contains("namespace intruder may not use the operator's default Atlas credentials")
        .contains("spec.credentialsSecretRef");
    assertThat(ENV.atlasCalls(project, e -> true)).isEmpty();
  }

  @Test
  void policyAllowsItsNamespacesProjectsAndRolesOnly() {
    ENV.atlas().addProject(ALLOWED_PROJECT).addProject(OTHER_PROJECT);
    for (String ns : List.of("team-orders", "readers")) {
      ENV.namespace(ns);
      ENV.password(ns, "ok-password", "s3cret-value");
      ENV.password(ns, "elsewhere-password", "s3cret-value");
    }
    ENV.create(scramUser("team-orders", "ok", ALLOWED_PROJECT, "team-orders-app"));
    ENV.create(scramUser("team-orders", "elsewhere", OTHER_PROJECT, "team-orders-app"));
    AtlasDatabaseUser reader = scramUser("readers", "ok", OTHER_PROJECT, "reader");
    reader.getSpec().setRoles(new java.util.ArrayList<>(List.of(new Role("read", "sales", null))));
    ENV.create(reader);
    ENV.create(scramUser("readers", "elsewhere", OTHER_PROJECT, "writer"));

    ENV.awaitReady("team-orders", "ok", "True", "Created");
    ENV.awaitReady("readers", "ok", "True", "Created");
    assertThat(
            ENV.condition(
                    ENV.awaitReady("team-orders", "elsewhere", "False", "PolicyDenied"), "Ready")
                .orElseThrow()
                .getMessage())
        .contains("for project " + OTHER_PROJECT);
    assertThat(
            ENV.condition(ENV.awaitReady("readers", "elsewhere", "False", "PolicyDenied"), "Ready")
                .orElseThrow()
                .getMessage())
        .contains("may grant only the roles [read]", "not readWrite");
    assertThat(ENV.atlas().storedUser(OTHER_PROJECT, "admin", "writer")).isEmpty();
  }

  @Test
  void aResourceWithItsOwnCredentialsIsNotSubjectToTheDefaultsPolicy() {
    String project = "00000000000000000000c0de";
    ENV.atlas().addApiKey("own-public", "own-private-key").addProject(project, "own-public");
    String ns = ENV.newNamespace();
    ENV.secret(
        ns, "own-keys", Map.of("publicApiKey", "own-public", "privateApiKey", "own-private-key"));
    ENV.password(ns, "own-password", "s3cret-value");
    AtlasDatabaseUser resource = scramUser(ns, "own", project, "own");
    resource.getSpec().setCredentialsSecretRef(new SecretRef("own-keys"));
    ENV.create(resource);

    ENV.awaitReady(ns, "own", "True", "Created");
  }

  @Test
  void anOperatorThatForbidsAdoptionNeverTakesOverEvenWhenAsked() {
    ENV.atlas().addProject(ALLOWED_PROJECT);
    ObjectNode existing = new ObjectMapper().createObjectNode();
    existing
        .put("databaseName", "admin")
        .put("username", "break-glass")
        .put("password", "old-pass-123");
    existing
        .putArray("roles")
        .addObject()
        .put("databaseName", "admin")
        .put("roleName", "atlasAdmin");
    ENV.atlas().createBehindTheBack(ALLOWED_PROJECT, existing);
    String ns = "team-hijack";
    ENV.namespace(ns);
    ENV.password(ns, "bg-password", "s3cret-value");
    AtlasDatabaseUser resource = scramUser(ns, "bg", ALLOWED_PROJECT, "break-glass");
    resource.getSpec().setAdoptExisting(true);
    ENV.create(resource);

    AtlasDatabaseUser refused = ENV.awaitReady(ns, "bg", "False", "AdoptionNotAllowed");

    assertThat(ENV.condition(refused, "Ready").orElseThrow().getMessage())
        .contains("ATLAS_OPERATOR_ALLOW_ADOPTION=false");
    assertThat(ENV.atlasWrites(ALLOWED_PROJECT)).isEmpty();
  }
}
