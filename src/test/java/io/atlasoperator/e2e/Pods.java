package io.atlasoperator.e2e;

import com.github.dockerjava.api.model.Capability;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The operator and the emulator as containers of their real images, the operator set up the way a
 * pod is: the service account's token, CA and namespace at the in-cluster paths, {@code
 * KUBERNETES_SERVICE_HOST/PORT}, the downward API's POD_NAME and POD_NAMESPACE, non-root on a
 * read-only root filesystem with a memory limit. Containers share the host's network, where the
 * tests' kube-apiserver listens on loopback.
 */
final class Pods {

  static final String TAG = System.getProperty("atlas.image.tag", "0.1.0-SNAPSHOT");
  static final String OPERATOR_IMAGE = "atlas-operator:" + TAG;
  static final String EMULATOR_IMAGE = "atlas-emulator:" + TAG;
  static final String SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

  private Pods() {}

  /**
   * Stops the test, loudly, when there is no Docker engine or the images were not built: the
   * README's test command provides both (scripts/docker-engine.sh, scripts/build-images.sh).
   */
  static void requireEngineAndImages(String suite) {
    String missing = null;
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      missing = "no Docker engine is reachable";
    } else {
      for (String image : new String[] {OPERATOR_IMAGE, EMULATOR_IMAGE}) {
        try {
          DockerClientFactory.instance().client().inspectImageCmd(image).exec();
        } catch (RuntimeException e) {
          missing = "image " + image + " is not built";
        }
      }
    }
    if (missing != null) {
      System.err.println(
          suite
              + " NOT RUN: "
              + missing
              + ". Run ./scripts/test.sh (it starts an engine and builds the images), or"
              + " scripts/docker-engine.sh start && scripts/build-images.sh first.");
      org.junit.jupiter.api.Assumptions.abort(suite + ": " + missing);
    }
  }

  /** The emulator image, serving projects for one key on {@code port}, logging requests. */
  @SuppressWarnings("resource")
  static GenericContainer<?> emulator(
      int port, String publicKey, String privateKey, String... projects) {
    List<String> command =
        new ArrayList<>(
            List.of("--port", Integer.toString(port), "--api-key", publicKey + ":" + privateKey));
    for (String project : projects) {
      command.add("--project");
      command.add(project);
      // What the samples' scopes name (operator/samples/scoped-user.yaml).
      command.add("--cluster");
      command.add(project + ":analytics-cluster");
      command.add("--federated-database");
      command.add(project + ":sales-lake");
    }
    command.add("--log-requests");
    return new GenericContainer<>(DockerImageName.parse(EMULATOR_IMAGE))
        .withImagePullPolicy(image -> false) // built here, by scripts/build-images.sh
        .withNetworkMode("host")
        .withCommand(command.toArray(String[]::new))
        .withCreateContainerCmdModifier(c -> c.getHostConfig().withReadonlyRootfs(true))
        .waitingFor(Wait.forLogMessage(".*Atlas emulator listening.*", 1));
  }

  /**
   * The operator image as pod {@code name} of the chart's service account in {@code namespace},
   * with the token the API server issued for it, and {@code env} on top.
   */
  @SuppressWarnings("resource")
  static GenericContainer<?> operator(
      KubernetesClient admin,
      String namespace,
      String serviceAccount,
      String name,
      int httpPort,
      Map<String, String> env)
      throws IOException {
    Path mount = serviceAccountFiles(admin, namespace, serviceAccount);
    URI api = URI.create(admin.getMasterUrl().toString());
    return new GenericContainer<>(DockerImageName.parse(OPERATOR_IMAGE))
        .withImagePullPolicy(image -> false) // built here, by scripts/build-images.sh
        .withNetworkMode("host")
        .withFileSystemBind(mount.toString(), SERVICE_ACCOUNT_DIR, BindMode.READ_ONLY)
        .withEnv("KUBERNETES_SERVICE_HOST", api.getHost())
        .withEnv("KUBERNETES_SERVICE_PORT", Integer.toString(api.getPort()))
        .withEnv("POD_NAME", name)
        .withEnv("POD_NAMESPACE", namespace)
        .withEnv("HOSTNAME", name)
        .withEnv("ATLAS_OPERATOR_HTTP_PORT", Integer.toString(httpPort))
        .withEnv(env)
        .withTmpFs(Map.of("/tmp", "rw,size=16m"))
        .withCreateContainerCmdModifier(
            c ->
                c.getHostConfig()
                    .withReadonlyRootfs(true)
                    .withMemory(512L * 1024 * 1024)
                    .withCapDrop(Capability.ALL)
                    .withSecurityOpts(List.of("no-new-privileges")))
        .waitingFor(Wait.forLogMessage(".*Probes and metrics on port.*", 1))
        .withStartupTimeout(Duration.ofSeconds(90));
  }

  /** token, ca.crt and namespace, as the kubelet mounts them, in a directory of their own. */
  private static Path serviceAccountFiles(
      KubernetesClient admin, String namespace, String serviceAccount) throws IOException {
    String token =
        admin
            .serviceAccounts()
            .inNamespace(namespace)
            .withName(serviceAccount)
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    Path dir =
        Files.createTempDirectory(
            "serviceaccount",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    String caData = admin.getConfiguration().getCaCertData();
    byte[] ca =
        caData != null
            ? Base64.getDecoder().decode(caData)
            : Files.readAllBytes(Path.of(admin.getConfiguration().getCaCertFile()));
    Files.writeString(dir.resolve("token"), token);
    Files.write(dir.resolve("ca.crt"), ca);
    Files.writeString(dir.resolve("namespace"), namespace);
    for (String file : new String[] {"token", "ca.crt", "namespace"}) {
      Files.setPosixFilePermissions(
          dir.resolve(file), PosixFilePermissions.fromString("rw-r--r--"));
    }
    dir.toFile().deleteOnExit();
    return dir;
  }

  /**
   * The successful writes (POST, PATCH, DELETE) to a project the emulator container logged, as
   * "METHOD PATH STATUS".
   */
  static List<String> writes(GenericContainer<?> emulator, String project) {
    return emulator
        .getLogs()
        .lines()
        .filter(l -> l.startsWith("request ") && !l.startsWith("request GET "))
        .filter(l -> l.contains("/groups/" + project + "/"))
        .map(l -> l.substring("request ".length()))
        .filter(l -> l.matches(".* 2[0-9][0-9]$"))
        .toList();
  }
}
