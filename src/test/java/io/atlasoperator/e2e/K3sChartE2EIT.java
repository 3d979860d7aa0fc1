package io.atlasoperator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.testing.LocalKubeApiServer;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The chart installed into a real K3s cluster, with the real images, two replicas and leader
 * election; the emulator runs there as a Deployment. It needs the K3s image, which only a machine
 * that reaches a registry can pull: elsewhere it says so (NOT RUN) and stops.
 */
class K3sChartE2EIT {

  static final String K3S_IMAGE = System.getProperty("k3s.image", "rancher/k3s:v1.31.4-k3s1");
  static final String PROJECT = "5356823b3794dee37132bb7b";

  @Test
  void theChartRunsTwoReplicasInK3sAndTheSamplesReachReady() throws Exception {
    Pods.requireEngineAndImages("K3sChartE2EIT");
    requireK3sImage();
    Path images = Files.createTempFile("atlas-images", ".tar");
    try (var save =
        DockerClientFactory.instance()
            .client()
            .saveImagesCmd()
            .withImage("atlas-operator", Pods.TAG)
            .withImage("atlas-emulator", Pods.TAG)
            .exec()) {
      Files.copy(save, images, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    try (K3sContainer k3s = new K3sContainer(DockerImageName.parse(K3S_IMAGE))) {
      k3s.start();
      k3s.copyFileToContainer(MountableFile.forHostPath(images), "/tmp/images.tar");
      assertThat(k3s.execInContainer("ctr", "images", "import", "/tmp/images.tar").getExitCode())
          .isZero();
      String kubeconfig = k3s.getKubeConfigYaml();
      try (KubernetesClient client =
          new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build()) {
        client.namespaces().resource(namespace("atlas-system")).create();
        emulator(client);
        client
            .secrets()
            .inNamespace("atlas-system")
            .resource(
                new io.fabric8.kubernetes.api.model.SecretBuilder()
                    .withNewMetadata()
                    .withName("atlas-credentials")
                    .endMetadata()
                    .withStringData(
                        Map.of("publicApiKey", "k3s-public", "privateApiKey", "k3s-private"))
                    .build())
            .create();
        new Helm(Path.of("helm", "atlas-operator"))
            .install()
            .withName("atlas")
            .withNamespace("atlas-system")
            .set("replicaCount", "2")
            .set("image.pullPolicy", "Never")
            .set("image.tag", Pods.TAG)
            .set("atlasBaseUrl", "http://atlas-emulator.atlas-system.svc:8090/")
            .set("allowInsecureHttp", "true")
            .withKubeConfigContents(kubeconfig)
            .call();
        client
            .apps()
            .deployments()
            .inNamespace("atlas-system")
            .withName("atlas-atlas-operator")
            .waitUntilCondition(
                d ->
                    d.getStatus() != null
                        && Integer.valueOf(2).equals(d.getStatus().getReadyReplicas()),
                3,
                TimeUnit.MINUTES);
        client.namespaces().resource(namespace("shop")).create();
        client
            .load(Files.newInputStream(Path.of("operator", "samples", "basic-scram-user.yaml")))
            .inNamespace("shop")
            .create();
        await()
            .atMost(Duration.ofMinutes(2))
            .until(
                () ->
                    LocalKubeApiServer.ready(
                        client
                            .resources(AtlasDatabaseUser.class)
                            .inNamespace("shop")
                            .withName("orders-app")
                            .get()));
        assertThat(
                client
                    .leases()
                    .inNamespace("atlas-system")
                    .withName("atlas-operator")
                    .get()
                    .getSpec()
                    .getHolderIdentity())
            .startsWith("atlas-atlas-operator-");
      }
    } finally {
      Files.deleteIfExists(images);
    }
  }

  private static void requireK3sImage() {
    try {
      DockerClientFactory.instance()
          .client()
          .pullImageCmd(K3S_IMAGE)
          .start()
          .awaitCompletion(120, TimeUnit.SECONDS);
      DockerClientFactory.instance().client().inspectImageCmd(K3S_IMAGE).exec();
    } catch (Exception e) {
      System.err.println(
          "K3sChartE2EIT NOT RUN: the K3s image "
              + K3S_IMAGE
              + " cannot be pulled ("
              + e.getClass().getSimpleName()
              + "): no image registry is reachable from this machine. ContainersE2EIT covers the"
              + " images, RBAC, probes and leader election against a real kube-apiserver instead;"
              + " run this suite where Docker Hub (or -Dk3s.image=<a mirror>) is reachable.");
      Assumptions.abort("K3s image " + K3S_IMAGE + " cannot be pulled here");
    }
  }

  private static io.fabric8.kubernetes.api.model.Namespace namespace(String name) {
    return new io.fabric8.kubernetes.api.model.NamespaceBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .build();
  }

  private static void emulator(KubernetesClient client) {
    Map<String, String> labels = Map.of("app", "atlas-emulator");
    client
        .apps()
        .deployments()
        .inNamespace("atlas-system")
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("atlas-emulator")
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .withMatchLabels(labels)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("emulator")
                .withImage(Pods.EMULATOR_IMAGE)
                .withImagePullPolicy("Never")
                .withArgs(
                    List.of(
                        "--host",
                        "0.0.0.0",
                        "--port",
                        "8090",
                        "--api-key",
                        "k3s-public:k3s-private",
                        "--project",
                        PROJECT))
                .addNewPort()
                .withContainerPort(8090)
                .endPort()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    client
        .services()
        .inNamespace("atlas-system")
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("atlas-emulator")
                .endMetadata()
                .withNewSpec()
                .withSelector(labels)
                .addNewPort()
                .withPort(8090)
                .withTargetPort(new IntOrString(8090))
                .endPort()
                .endSpec()
                .build())
        .create();
  }
}
