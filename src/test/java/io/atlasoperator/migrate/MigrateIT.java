package io.atlasoperator.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atlasoperator.emulator.JournalEntry;
import io.atlasoperator.testing.OperatorEnvironment;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * migrate end to end: Atlas users as AKO and Terraform left them, migrate --apply's output applied
 * to a real API server, and the operator adopting every user with one PATCH (its owner label and
 * the password), roles, scopes and labels kept.
 */
class MigrateIT {

  @RegisterExtension
  static final OperatorEnvironment ENV = new OperatorEnvironment(Duration.ofSeconds(60));

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OWNER_LABEL = "atlasoperator.io/owner";

  @TempDir Path dir;

  @Test
  void usersOfAkoAndTerraformAreAdoptedKeepingRolesScopesAndLabels() throws IOException {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    // The clusters the users' scopes name, and the users as AKO and Terraform left them in Atlas.
    ENV.atlas().addCluster(project, "shop-cluster").addCluster(project, "analytics");
    ENV.atlas().createBehindTheBack(project, scram("orders-app", "orders", "shop-cluster", "team"));
    ENV.atlas().createBehindTheBack(project, scram("etl", "warehouse", "analytics", "cost"));
    ObjectNode cert = user("CN=reports,O=Example", "$external", "reports");
    cert.put("x509Type", "MANAGED");
    ENV.atlas().createBehindTheBack(project, cert);
    ObjectNode role = user("arn:aws:iam::123456789012:role/etl", "$external", "lambda");
    role.put("awsIAMType", "ROLE");
    ENV.atlas().createBehindTheBack(project, role);
    Map<String, JsonNode> before = new HashMap<>();
    for (JsonNode stored : ENV.atlas().storedUsers(project)) {
      before.put(stored.get("username").asText(), stored);
    }
    // What AKO's users had in the cluster: its API key Secret and the user's password Secret.
    ENV.secret(
        ns,
        "atlas-key",
        Map.of(
            "publicApiKey", OperatorEnvironment.PUBLIC_KEY,
            "privateApiKey", OperatorEnvironment.PRIVATE_KEY,
            "orgId", "66b1e4c2f3a1b20d5c8e9000"));
    ENV.password(ns, "orders-app-password", "old-pass-123");
    // AKO's connection Secret for orders-app on shop-cluster, which an application reads.
    ENV.client()
        .resource(
            new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata()
                .withNamespace(ns)
                .withName("shop-team-shop-cluster-orders-app")
                .addToLabels("atlas.mongodb.com/type", "credentials")
                .addToLabels("atlas.mongodb.com/project-id", project)
                .addToLabels("atlas.mongodb.com/cluster-name", "shop-cluster")
                .endMetadata()
                .addToStringData("username", "orders-app")
                .addToStringData("password", "old-pass-123")
                .build())
        .create();
    Path ako = write("ako.yaml", akoManifest(ns, project));
    Path state = write("state.json", terraformState(project));

    Path out = dir.resolve("out");
    MigrateRun run =
        MigrateRun.of(
            "--apply",
            "--out",
            out.toString(),
            "--namespace",
            ns,
            "--credentials-secret",
            "atlas-key",
            ako.toString(),
            state.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.err())
        .contains("- Secret " + ns + "/etl-atlas-password, key password")
        .contains(
            "connection Secrets: MongoDB's operator's shop-team-CLUSTER-USERNAME Secrets are taken"
                + " over under the same names");

    List<String> names = new ArrayList<>();
    for (Path file : yamlFiles(out.resolve("secrets"))) {
      for (HasMetadata resource : load(file)) {
        Secret secret = (Secret) resource;
        assertThat(secret.getStringData()).containsEntry("password", "");
        secret.getStringData().put("password", "filled-in-s3cret");
        ENV.client().resource(secret).create();
      }
    }
    for (Path file : yamlFiles(out)) {
      for (HasMetadata resource : load(file)) {
        ENV.client().resource(resource).create();
        names.add(resource.getMetadata().getName());
      }
    }

    assertThat(names)
        .containsExactlyInAnyOrder(
            "orders-app", "etl", "cn-reports-o-example", "arn-aws-iam-123456789012-role-etl");
    for (String name : names) {
      ENV.awaitReady(ns, name, "True", "Adopted");
    }
    assertThat(ENV.atlasWrites(project))
        .extracting(JournalEntry::method)
        .containsExactly("PATCH", "PATCH", "PATCH", "PATCH");
    for (JsonNode after : ENV.atlas().storedUsers(project)) {
      JsonNode was = before.get(after.get("username").asText());
      assertThat(after.get("roles")).isEqualTo(was.get("roles"));
      // No scopes and an empty list are the same in Atlas: access to every deployment.
      assertThat(scopes(after)).isEqualTo(scopes(was));
      assertThat(withoutOwner(after.get("labels"))).isEqualTo(was.get("labels"));
      assertThat(after.get("labels").toString()).contains(OWNER_LABEL);
    }
    assertThat(ENV.atlas().lastWrite(project, "admin", "orders-app").orElseThrow().get("password"))
        .hasToString("\"old-pass-123\"");
    assertThat(ENV.atlas().lastWrite(project, "admin", "etl").orElseThrow().get("password"))
        .hasToString("\"filled-in-s3cret\"");
    JsonNode certWrite =
        ENV.atlas().lastWrite(project, "$external", "CN=reports,O=Example").orElseThrow();
    assertThat(certWrite.has("password")).isFalse();
    // The application's Secret kept its name and is now this operator's, with its strings.
    Secret taken =
        ENV.client().secrets().inNamespace(ns).withName("shop-team-shop-cluster-orders-app").get();
    assertThat(taken.getMetadata().getLabels())
        .containsEntry("atlasoperator.io/connection-secret", "true")
        .doesNotContainKey("atlas.mongodb.com/type");
    assertThat(taken.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(r -> assertThat(r.getName()).isEqualTo("orders-app"));
    assertThat(
            new String(
                java.util.Base64.getDecoder()
                    .decode(taken.getData().get("connectionStringStandardSrv")),
                java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("mongodb+srv://orders-app:old-pass-123@shop-cluster.");
  }

  @Test
  void byDefaultItsOutputIsADryRunThatSaysWhatItWouldDoAndWritesNothing() throws IOException {
    String ns = ENV.newNamespace();
    String project = ENV.newProject();
    ENV.atlas().addCluster(project, "shop-cluster").addCluster(project, "analytics");
    ENV.atlas().createBehindTheBack(project, scram("orders-app", "orders", "shop-cluster", "team"));
    ENV.secret(
        ns,
        "atlas-key",
        Map.of(
            "publicApiKey", OperatorEnvironment.PUBLIC_KEY,
            "privateApiKey", OperatorEnvironment.PRIVATE_KEY));
    ENV.password(ns, "orders-app-password", "old-pass-123");
    Path ako = write("ako-dry.yaml", akoManifest(ns, project));
    Path out = dir.resolve("out-dry");

    MigrateRun run = MigrateRun.of("--out", out.toString(), ako.toString());
    assertThat(run.status()).as(run.err()).isZero();
    for (Path file : yamlFiles(out)) {
      for (HasMetadata resource : load(file)) {
        assertThat(resource.getMetadata().getAnnotations())
            .containsEntry("atlasoperator.io/dry-run", "true");
        ENV.client().resource(resource).create();
      }
    }

    io.atlasoperator.crd.AtlasDatabaseUser dry =
        ENV.awaitCondition(ns, "orders-app", "Held", "True", "DryRun");
    assertThat(ENV.condition(dry, "Held").orElseThrow().getMessage())
        .isEqualTo(
            "Dry run (annotation atlasoperator.io/dry-run: true): would take over the existing"
                + " user orders-app in project "
                + project
                + " and update it to the spec; nothing was written to Atlas");
    assertThat(ENV.atlasWrites(project)).isEmpty();
  }

  private static ObjectNode user(String username, String databaseName, String labelValue) {
    ObjectNode user = JSON.createObjectNode();
    user.put("databaseName", databaseName).put("username", username);
    user.putArray("roles")
        .addObject()
        .put("databaseName", "admin")
        .put("roleName", "readAnyDatabase");
    user.putArray("labels").addObject().put("key", "team").put("value", labelValue);
    return user;
  }

  private static ObjectNode scram(String username, String db, String cluster, String label) {
    ObjectNode user = JSON.createObjectNode();
    user.put("databaseName", "admin").put("username", username).put("password", "old-pass-123");
    var roles = user.putArray("roles");
    roles.addObject().put("databaseName", db).put("roleName", "readWrite");
    roles
        .addObject()
        .put("databaseName", "catalog")
        .put("roleName", "read")
        .put("collectionName", "products");
    user.putArray("scopes").addObject().put("name", cluster).put("type", "CLUSTER");
    user.putArray("labels").addObject().put("key", label).put("value", username);
    return user;
  }

  private static JsonNode scopes(JsonNode user) {
    return user.path("scopes").isMissingNode() ? JSON.createArrayNode() : user.get("scopes");
  }

  private static JsonNode withoutOwner(JsonNode labels) {
    var kept = JSON.createArrayNode();
    labels.forEach(
        l -> {
          if (!l.get("key").asText().equals(OWNER_LABEL)) {
            kept.add(l);
          }
        });
    return kept;
  }

  private static String akoManifest(String ns, String project) {
    return """
        apiVersion: atlas.mongodb.com/v1
        kind: AtlasProject
        metadata:
          name: shop
          namespace: %1$s
        spec:
          name: Shop Team
        status:
          id: %2$s
        ---
        apiVersion: atlas.mongodb.com/v1
        kind: AtlasDatabaseUser
        metadata:
          name: orders
          namespace: %1$s
          annotations:
            mongodb.com/atlas-resource-policy: keep
        spec:
          projectRef:
            name: shop
          connectionSecret:
            name: atlas-key
          username: orders-app
          passwordSecretRef:
            name: orders-app-password
          roles:
            - roleName: readWrite
              databaseName: orders
            - roleName: read
              databaseName: catalog
              collectionName: products
          scopes:
            - name: shop-cluster
              type: CLUSTER
          labels:
            - key: team
              value: orders-app
        """
        .formatted(ns, project);
  }

  private static String terraformState(String project) {
    String etl =
        """
        {"address": "module.data.mongodbatlas_database_user.etl", "mode": "managed",
         "type": "mongodbatlas_database_user", "name": "etl",
         "values": {"project_id": "%s", "username": "etl", "auth_database_name": "admin",
           "password": "state-s3cret", "x509_type": "NONE", "aws_iam_type": "NONE",
           "ldap_auth_type": "NONE", "oidc_auth_type": "NONE", "description": null,
           "roles": [{"role_name": "readWrite", "database_name": "warehouse", "collection_name": null},
                     {"role_name": "read", "database_name": "catalog", "collection_name": "products"}],
           "scopes": [{"name": "analytics", "type": "CLUSTER"}],
           "labels": [{"key": "cost", "value": "etl"}]}}
        """
            .formatted(project);
    String cert =
        """
        {"address": "mongodbatlas_database_user.reports", "mode": "managed",
         "type": "mongodbatlas_database_user", "name": "reports",
         "values": {"project_id": "%s", "username": "CN=reports,O=Example",
           "auth_database_name": "$external", "x509_type": "MANAGED", "password": null,
           "roles": [{"role_name": "readAnyDatabase", "database_name": "admin"}],
           "scopes": [], "labels": [{"key": "team", "value": "reports"}]}},
        {"address": "mongodbatlas_database_user.lambda", "mode": "managed",
         "type": "mongodbatlas_database_user", "name": "lambda",
         "values": {"project_id": "%s", "username": "arn:aws:iam::123456789012:role/etl",
           "auth_database_name": "$external", "aws_iam_type": "ROLE",
           "roles": [{"role_name": "readAnyDatabase", "database_name": "admin"}],
           "labels": [{"key": "team", "value": "lambda"}]}}
        """
            .formatted(project, project);
    return """
        {"format_version": "1.0", "terraform_version": "1.9.5", "values": {"root_module": {
          "resources": [%s],
          "child_modules": [{"address": "module.data", "resources": [%s]}]}}}
        """
        .formatted(cert, etl);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static List<Path> yamlFiles(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  private static List<HasMetadata> load(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return ENV.client().load(in).items();
    }
  }
}
