package io.atlasoperator.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.atlasoperator.crd.AtlasDatabaseUser;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Helm chart, linted and rendered by the Helm that helm-java bundles. */
class HelmChartTest {

  static final Path CHART = Path.of("helm", "atlas-operator");
  static final KubernetesSerialization YAML = new KubernetesSerialization();

  static List<HasMetadata> parse(String yaml) {
    return java.util.Arrays.stream(yaml.split("(?m)^---$"))
        .filter(doc -> doc.contains("kind:"))
        .map(doc -> (HasMetadata) YAML.unmarshal(doc))
        .toList();
  }

  static <T> T only(List<HasMetadata> resources, Class<T> type) {
    return resources.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }

  /** The container's env set to a value (not from the downward API). */
  static Map<String, String> env(Deployment deployment) {
    return container(deployment).getEnv().stream()
        .filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  /** The container's env taken from the pod's own fields: name to fieldPath. */
  static Map<String, String> downwardEnv(Deployment deployment) {
    return container(deployment).getEnv().stream()
        .filter(e -> e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null)
        .collect(
            Collectors.toMap(EnvVar::getName, e -> e.getValueFrom().getFieldRef().getFieldPath()));
  }

  static Container container(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  static List<HasMetadata> render(String namespace, String... keysAndValues) {
    TemplateCommand template =
        new Helm(CHART).template().withName("atlas").withNamespace(namespace);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      template = template.set(keysAndValues[i], keysAndValues[i + 1]);
    }
    return parse(template.call());
  }

  static <T> java.util.stream.Collector<T, ?, T> onlyElement() {
    return Collectors.collectingAndThen(
        Collectors.toList(),
        list -> {
          assertThat(list).hasSize(1);
          return list.get(0);
        });
  }

  /** The one rendered resource of a kind the model does not know (the Prometheus Operator's). */
  static GenericKubernetesResource ofKind(List<HasMetadata> resources, String kind) {
    return all(resources, GenericKubernetesResource.class).stream()
        .filter(r -> r.getKind().equals(kind))
        .collect(onlyElement());
  }

  static <T> List<T> all(List<HasMetadata> resources, Class<T> type) {
    return resources.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void chartPassesStrictLint() {
    LintResult result = new Helm(CHART).lint().strict().call();

    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void defaultsRenderTheOperatorWithItsDefaultCredentialsInTheReleaseNamespace() {
    List<HasMetadata> resources =
        parse(new Helm(CHART).template().withName("atlas").withNamespace("atlas-system").call());

    assertThat(resources)
        .extracting(HasMetadata::getKind)
        .containsExactlyInAnyOrder(
            "ServiceAccount",
            "ClusterRole",
            "ClusterRole",
            "ClusterRole",
            "ClusterRoleBinding",
            "Role",
            "RoleBinding",
            "Service",
            "Deployment");
    Deployment deployment = only(resources, Deployment.class);
    assertThat(deployment.getMetadata().getNamespace()).isEqualTo("atlas-system");
    assertThat(env(deployment))
        .containsEntry("ATLAS_OPERATOR_DEFAULT_CREDENTIALS", "atlas-system/atlas-credentials")
        .containsEntry("ATLAS_OPERATOR_WATCH_NAMESPACES", "")
        .containsEntry("ATLAS_BASE_URL", "https://cloud.mongodb.com/");
    var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("atlas-operator:0.1.0-SNAPSHOT");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
  }

  @Test
  void valuesReachTheOperatorsSettings() {
    Deployment deployment =
        only(
            parse(
                new Helm(CHART)
                    .template()
                    .withName("atlas")
                    .withNamespace("ops")
                    .set("watchNamespaces[0]", "team-a")
                    .set("watchNamespaces[1]", "team-b")
                    .set("defaultCredentialsSecret", "")
                    .set("atlasBaseUrl", "http://atlas-emulator:8090/")
                    .set("allowInsecureHttp", "true")
                    .set("allowAdoption", "false")
                    .set("defaultCredentialsPolicy[0].namespaces[0]", "team-*")
                    .set("defaultCredentialsPolicy[0].projects[0]", "5356823b3794dee37132bb7b")
                    .set("defaultCredentialsPolicy[0].roles[0]", "read")
                    .set("resyncInterval", "30s")
                    .set("image.tag", "1.2.3")
                    .call()),
            Deployment.class);

    assertThat(env(deployment))
        .doesNotContainKey("ATLAS_OPERATOR_DEFAULT_CREDENTIALS")
        .containsEntry("ATLAS_OPERATOR_WATCH_NAMESPACES", "team-a,team-b")
        .containsEntry("ATLAS_BASE_URL", "http://atlas-emulator:8090/")
        .containsEntry("ATLAS_OPERATOR_RESYNC_INTERVAL", "30s")
        .containsEntry("ATLAS_OPERATOR_ALLOW_INSECURE_HTTP", "true")
        .containsEntry("ATLAS_OPERATOR_ALLOW_ADOPTION", "false");
    io.atlasoperator.config.CredentialsPolicy policy =
        io.atlasoperator.config.CredentialsPolicy.parse(
            env(deployment).get("ATLAS_OPERATOR_DEFAULT_CREDENTIALS_POLICY"));
    assertThat(policy.denial("team-x", "5356823b3794dee37132bb7b", List.of("read"))).isEmpty();
    assertThat(policy.denial("other", "5356823b3794dee37132bb7b", List.of("read"))).isPresent();
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("atlas-operator:1.2.3");
  }

  @Test
  void chartGrantsExactlyTheRbacOfThePlainManifests() throws Exception {
    ClusterRole chart =
        all(render("ops"), ClusterRole.class).stream()
            .filter(r -> r.getMetadata().getName().equals("atlas-atlas-operator"))
            .collect(onlyElement());
    ClusterRole plain =
        only(parse(Files.readString(Path.of("operator", "rbac.yaml"))), ClusterRole.class);

    assertThat(chart.getRules()).isEqualTo(plain.getRules());
  }

  @Test
  void peopleWithEditOrViewInANamespaceMayWriteOrReadAtlasDatabaseUsersThereButNoSecret() {
    Map<String, ClusterRole> roles =
        all(render("ops"), ClusterRole.class).stream()
            .collect(Collectors.toMap(r -> r.getMetadata().getName(), r -> r));

    assertThat(roles.get("atlas-atlas-operator-edit").getMetadata().getLabels())
        .containsEntry("rbac.authorization.k8s.io/aggregate-to-admin", "true")
        .containsEntry("rbac.authorization.k8s.io/aggregate-to-edit", "true")
        .doesNotContainKey("rbac.authorization.k8s.io/aggregate-to-view");
    assertThat(roles.get("atlas-atlas-operator-view").getMetadata().getLabels())
        .containsEntry("rbac.authorization.k8s.io/aggregate-to-view", "true")
        .doesNotContainKey("rbac.authorization.k8s.io/aggregate-to-edit");
    assertThat(roles.get("atlas-atlas-operator-view").getRules())
        .allSatisfy(rule -> assertThat(rule.getVerbs()).containsOnly("get", "list", "watch"));
    assertThat(
            List.of(roles.get("atlas-atlas-operator-edit"), roles.get("atlas-atlas-operator-view")))
        .flatExtracting(ClusterRole::getRules)
        .allSatisfy(rule -> assertThat(rule.getApiGroups()).containsOnly("atlasoperator.io"));
    assertThat(render("ops", "userRoles.aggregate", "false"))
        .filteredOn(r -> r instanceof ClusterRole)
        .extracting(r -> r.getMetadata().getName())
        .containsExactly("atlas-atlas-operator");
  }

  @Test
  void chartCarriesTheGeneratedCrd() throws Exception {
    assertThat(Files.readString(CHART.resolve("crds/atlasdatabaseusers.atlasoperator.io.yaml")))
        .isEqualTo(Files.readString(Path.of("crds/atlasdatabaseusers.atlasoperator.io.yaml")));
  }

  @Test
  void wrongValuesAreRefusedByTheChartsSchemaWithTheReason() {
    for (String[] wrong :
        new String[][] {
          {"allowInsecureHttp", "yes-please"},
          {"defaultCredentialsPolicy[0].namespaces[0]", "Team A"},
          {"defaultCredentialsPolicy[0].projects[0]", "not-a-project-id"},
          {"atlasApi", "v3"},
          {"rateLimit", "100 per minute"},
          {"resyncInterval", "soon"},
        }) {
      var call =
          new Helm(CHART).template().withName("atlas").withNamespace("ops").set(wrong[0], wrong[1]);
      assertThatThrownBy(call::call)
          .as(wrong[0])
          .hasMessageContaining("values don't meet the specifications of the schema");
    }
  }

  @Test
  void listedNamespacesGetNamespacedRolesAndNothingClusterWide() {
    List<HasMetadata> resources =
        render(
            "atlas-system",
            "watchNamespaces[0]",
            "team-a",
            "watchNamespaces[1]",
            "team-b",
            "userRoles.aggregate",
            "false");

    assertThat(render("atlas-system", "watchNamespaces[0]", "team-a"))
        .as("by default only the roles for people, bound to no one, are cluster-wide")
        .filteredOn(r -> r.getMetadata().getNamespace() == null)
        .extracting(r -> r.getKind() + " " + r.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "ClusterRole atlas-atlas-operator-edit", "ClusterRole atlas-atlas-operator-view");
    assertThat(resources)
        .extracting(r -> r.getKind() + " " + r.getMetadata().getNamespace())
        .containsExactlyInAnyOrder(
            "ServiceAccount atlas-system",
            "Role team-a",
            "RoleBinding team-a",
            "Role team-b",
            "RoleBinding team-b",
            "Role atlas-system",
            "RoleBinding atlas-system",
            "Role atlas-system",
            "RoleBinding atlas-system",
            "Service atlas-system",
            "Deployment atlas-system");
    Role credentials =
        all(resources, Role.class).stream()
            .filter(r -> r.getMetadata().getName().equals("atlas-atlas-operator-credentials"))
            .findFirst()
            .orElseThrow();
    assertThat(credentials.getRules())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getResources()).containsExactly("secrets");
              assertThat(rule.getVerbs()).containsExactly("get", "list", "watch");
            });
  }

  @Test
  void aCaBundleFromAConfigMapIsMountedAndNamedToTheOperator() {
    Deployment deployment =
        only(
            parse(
                new Helm(CHART)
                    .template()
                    .withName("atlas")
                    .withNamespace("ops")
                    .set("atlasCaBundle.configMap", "corporate-proxy-ca")
                    .call()),
            Deployment.class);

    assertThat(env(deployment))
        .containsEntry("ATLAS_OPERATOR_CA_BUNDLE", "/etc/atlas-operator/ca/ca.crt");
    var pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getVolumes())
        .filteredOn(v -> v.getName().equals("atlas-ca-bundle"))
        .singleElement()
        .satisfies(v -> assertThat(v.getConfigMap().getName()).isEqualTo("corporate-proxy-ca"));
    assertThat(pod.getContainers().get(0).getVolumeMounts())
        .filteredOn(m -> m.getName().equals("atlas-ca-bundle"))
        .singleElement()
        .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/etc/atlas-operator/ca"));
  }

  @Test
  void theOperatorIsProbedAndScrapedOnItsNamedHttpPort() {
    List<HasMetadata> resources = render("ops");
    Deployment deployment = only(resources, Deployment.class);
    Container container = container(deployment);

    assertThat(container.getPorts())
        .singleElement()
        .satisfies(
            port -> {
              assertThat(port.getName()).isEqualTo("http");
              assertThat(port.getContainerPort()).isEqualTo(8080);
            });
    assertThat(env(deployment)).containsEntry("ATLAS_OPERATOR_HTTP_PORT", "8080");
    assertThat(
            Map.of(
                "startup", container.getStartupProbe(),
                "liveness", container.getLivenessProbe(),
                "readiness", container.getReadinessProbe()))
        .allSatisfy(
            (kind, probe) -> {
              assertThat(probe).as(kind).isNotNull();
              assertThat(probe.getHttpGet().getPort().getStrVal()).as(kind).isEqualTo("http");
            });
    assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/startupz");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/livez");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");

    Service metrics = only(resources, Service.class);
    assertThat(metrics.getMetadata().getNamespace()).isEqualTo("ops");
    assertThat(metrics.getSpec().getPorts())
        .singleElement()
        .satisfies(
            port -> {
              assertThat(port.getName()).isEqualTo("http");
              assertThat(port.getPort()).isEqualTo(8080);
              assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
            });
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(metrics.getSpec().getSelector());
  }

  @Test
  void leaderElectionIsOnByDefaultWithLeaseRightsInTheReleaseNamespaceOnly() {
    List<HasMetadata> resources = render("ops", "watchNamespaces[0]", "team-a");
    Deployment deployment = only(resources, Deployment.class);

    assertThat(env(deployment)).containsEntry("ATLAS_OPERATOR_LEADER_ELECTION", "true");
    assertThat(downwardEnv(deployment))
        .containsEntry("POD_NAMESPACE", "metadata.namespace")
        .containsEntry("POD_NAME", "metadata.name");
    Role leases =
        all(resources, Role.class).stream()
            .filter(
                role -> role.getRules().stream().anyMatch(r -> r.getResources().contains("leases")))
            .collect(onlyElement());
    assertThat(leases.getMetadata().getNamespace()).isEqualTo("ops");
    assertThat(leases.getRules())
        .extracting(
            r ->
                r.getApiGroups()
                    + " "
                    + r.getResources()
                    + " "
                    + r.getResourceNames()
                    + " "
                    + r.getVerbs())
        .containsExactly(
            "[coordination.k8s.io] [leases] [] [create]",
            "[coordination.k8s.io] [leases] [atlas-operator] [get, update, patch]");
    RoleBinding binding =
        all(resources, RoleBinding.class).stream()
            .filter(b -> b.getRoleRef().getName().equals(leases.getMetadata().getName()))
            .collect(onlyElement());
    assertThat(binding.getMetadata().getNamespace()).isEqualTo("ops");
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(s -> assertThat(s.getName()).isEqualTo("atlas-operator"));
    assertThat(all(resources, Role.class))
        .filteredOn(role -> !role.equals(leases))
        .flatExtracting(Role::getRules)
        .flatExtracting(r -> r.getApiGroups())
        .doesNotContain("coordination.k8s.io");

    List<HasMetadata> off = render("ops", "leaderElection.enabled", "false");
    assertThat(env(only(off, Deployment.class)))
        .containsEntry("ATLAS_OPERATOR_LEADER_ELECTION", "false");
    assertThat(off).extracting(HasMetadata::getKind).doesNotContain("Role", "RoleBinding");
  }

  @Test
  void twoReplicasOrMoreGetAPodDisruptionBudgetAndNeedLeaderElection() {
    assertThat(render("ops"))
        .extracting(HasMetadata::getKind)
        .doesNotContain("PodDisruptionBudget");
    assertThat(only(render("ops"), Deployment.class).getSpec().getReplicas()).isEqualTo(1);

    List<HasMetadata> three = render("ops", "replicaCount", "3");
    Deployment deployment = only(three, Deployment.class);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
    PodDisruptionBudget budget = only(three, PodDisruptionBudget.class);
    assertThat(budget.getMetadata().getNamespace()).isEqualTo("ops");
    assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
    assertThat(render("ops", "replicaCount", "2"))
        .extracting(HasMetadata::getKind)
        .contains("PodDisruptionBudget");

    assertThatThrownBy(() -> render("ops", "replicaCount", "2", "leaderElection.enabled", "false"))
        .hasMessageContaining("replicaCount 2 needs leaderElection.enabled=true");
  }

  @Test
  void aServiceMonitorOnlyWhenAskedFor() {
    assertThat(render("ops")).extracting(HasMetadata::getKind).doesNotContain("ServiceMonitor");

    List<HasMetadata> resources =
        render(
            "ops",
            "metrics.serviceMonitor.enabled",
            "true",
            "metrics.serviceMonitor.interval",
            "15s",
            "metrics.serviceMonitor.labels.release",
            "prometheus");
    GenericKubernetesResource monitor = ofKind(resources, "ServiceMonitor");
    assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.getMetadata().getNamespace()).isEqualTo("ops");
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
    Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");
    assertThat(only(resources, Service.class).getMetadata().getLabels())
        .containsAllEntriesOf(selector);
    assertThat(selector).containsEntry("app.kubernetes.io/component", "metrics");
    List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
    assertThat(endpoints)
        .singleElement()
        .satisfies(
            endpoint ->
                assertThat(endpoint)
                    .containsEntry("port", "http")
                    .containsEntry("path", "/metrics")
                    .containsEntry("interval", "15s"));
  }

  @Test
  void theShippedAlertsAndDashboardOnlyWhenAskedForAsTheyAreInTheChartsFiles() throws Exception {
    assertThat(render("ops"))
        .extracting(HasMetadata::getKind)
        .doesNotContain("PrometheusRule", "ConfigMap");

    List<HasMetadata> resources =
        render(
            "ops",
            "metrics.prometheusRule.enabled",
            "true",
            "metrics.prometheusRule.labels.release",
            "prometheus",
            "metrics.grafanaDashboard.enabled",
            "true",
            "metrics.grafanaDashboard.namespace",
            "monitoring");
    GenericKubernetesResource rule = ofKind(resources, "PrometheusRule");
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    assertThat(rule.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(rule.getMetadata().getNamespace()).isEqualTo("ops");
    assertThat(rule.getMetadata().getLabels()).containsEntry("release", "prometheus");
    com.fasterxml.jackson.databind.JsonNode spec = json.valueToTree(rule.get("spec"));
    assertThat(spec)
        .as("the rules as files/alerts.yaml has them, {{ $labels.reason }} left to Prometheus")
        .isEqualTo(
            new com.fasterxml.jackson.databind.ObjectMapper(
                    new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(CHART.resolve("files/alerts.yaml").toFile()));
    ConfigMap dashboard = only(resources, ConfigMap.class);
    assertThat(dashboard.getMetadata().getNamespace()).isEqualTo("monitoring");
    assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(json.readTree(dashboard.getData().get("atlas-operator.json")))
        .isEqualTo(json.readTree(CHART.resolve("files/grafana-dashboard.json").toFile()));
  }

  @Test
  void thePodGoesWhereTheValuesSayWithThePullSecretsLabelsAndAnnotationsGiven() {
    PodSpec defaults = only(render("ops"), Deployment.class).getSpec().getTemplate().getSpec();
    Deployment deployment =
        only(
            render(
                "ops",
                "imagePullSecrets[0].name",
                "registry-credentials",
                "nodeSelector.kubernetes\\.io/os",
                "linux",
                "tolerations[0].key",
                "dedicated",
                "tolerations[0].operator",
                "Equal",
                "tolerations[0].value",
                "platform",
                "tolerations[0].effect",
                "NoSchedule",
                "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                    + ".nodeSelectorTerms[0].matchExpressions[0].key",
                "kubernetes.io/arch",
                "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                    + ".nodeSelectorTerms[0].matchExpressions[0].operator",
                "In",
                "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                    + ".nodeSelectorTerms[0].matchExpressions[0].values[0]",
                "amd64",
                "priorityClassName",
                "platform-critical",
                "podLabels.team",
                "platform",
                "podAnnotations.example\\.com/owner",
                "platform-team"),
            Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();

    assertThat(defaults.getImagePullSecrets()).isEmpty();
    assertThat(defaults.getNodeSelector()).isEmpty();
    assertThat(defaults.getTolerations()).isEmpty();
    assertThat(defaults.getAffinity()).isNull();
    assertThat(pod.getImagePullSecrets())
        .extracting(io.fabric8.kubernetes.api.model.LocalObjectReference::getName)
        .containsExactly("registry-credentials");
    assertThat(pod.getNodeSelector()).containsExactly(Map.entry("kubernetes.io/os", "linux"));
    assertThat(pod.getTolerations())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.getKey()).isEqualTo("dedicated");
              assertThat(t.getOperator()).isEqualTo("Equal");
              assertThat(t.getValue()).isEqualTo("platform");
              assertThat(t.getEffect()).isEqualTo("NoSchedule");
            });
    assertThat(
            pod.getAffinity()
                .getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms()
                .get(0)
                .getMatchExpressions()
                .get(0)
                .getValues())
        .containsExactly("amd64");
    assertThat(pod.getPriorityClassName()).isEqualTo("platform-critical");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("team", "platform")
        .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("example.com/owner", "platform-team");
    assertThatThrownBy(() -> render("ops", "podLabels.app\\.kubernetes\\.io/name", "other"))
        .as("the selector's labels stay the chart's")
        .hasMessageContaining("podLabels");
  }

  @Test
  void thePodRunsAsNonRootOnAReadOnlyRootFilesystemWithAMemoryLimit() {
    Deployment deployment = only(render("ops"), Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container container = container(deployment);

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    SecurityContext security = container.getSecurityContext();
    assertThat(security.getRunAsNonRoot()).isTrue();
    assertThat(security.getRunAsUser()).isEqualTo(65532L);
    assertThat(security.getReadOnlyRootFilesystem()).isTrue();
    assertThat(security.getAllowPrivilegeEscalation()).isFalse();
    assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getVolumes())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.getName()).isEqualTo("tmp");
              assertThat(v.getEmptyDir()).isNotNull();
            });
    assertThat(container.getVolumeMounts())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.getName()).isEqualTo("tmp");
              assertThat(m.getMountPath()).isEqualTo("/tmp");
            });
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(30L);
    assertThat(container.getResources().getLimits()).containsKey("memory");
  }

  @Test
  void logFormatAndImageValuesReachTheContainer() {
    assertThat(env(only(render("ops"), Deployment.class)))
        .containsEntry("ATLAS_OPERATOR_LOG_FORMAT", "text");

    Deployment deployment =
        only(
            render(
                "ops",
                "logFormat",
                "json",
                "image.repository",
                "registry.example.com/platform/atlas-operator",
                "image.tag",
                "1.4.0",
                "image.pullPolicy",
                "Always",
                "resources.limits.memory",
                "1Gi"),
            Deployment.class);

    assertThat(env(deployment)).containsEntry("ATLAS_OPERATOR_LOG_FORMAT", "json");
    assertThat(container(deployment).getImage())
        .isEqualTo("registry.example.com/platform/atlas-operator:1.4.0");
    assertThat(container(deployment).getImagePullPolicy()).isEqualTo("Always");
    assertThat(container(deployment).getResources().getLimits().get("memory").toString())
        .isEqualTo("1Gi");
  }

  @Test
  void wrongNewValuesAreRefusedWithAMessageNamingTheValueAndTheRule() {
    // Helm's own schema messages (gojsonschema, in the Helm helm-java bundles).
    for (String[] wrong :
        new String[][] {
          {"replicaCount", "0", "replicaCount: Must be greater than or equal to 1"},
          {"replicaCount", "two", "replicaCount: Invalid type. Expected: integer, given: string"},
          {
            "logFormat",
            "xml",
            "logFormat: logFormat must be one of the following: \"text\", \"json\""
          },
          {
            "leaderElection.enabled",
            "yes",
            "leaderElection.enabled: Invalid type. Expected: boolean, given: string"
          },
          {
            "metrics.serviceMonitor.enabled",
            "maybe",
            "metrics.serviceMonitor.enabled: Invalid type. Expected: boolean, given: string"
          },
          {
            "metrics.serviceMonitor.interval",
            "often",
            "metrics.serviceMonitor.interval: Does not match pattern"
          },
          {"resources.limits.memory", "null", "resources.limits: memory is required"},
          {
            "image.pullPolicy",
            "Sometimes",
            "image.pullPolicy: image.pullPolicy must be one of the following"
          },
        }) {
      assertThatThrownBy(() -> render("ops", wrong[0], wrong[1]))
          .as("%s=%s", wrong[0], wrong[1])
          .hasMessageContaining("values don't meet the specifications of the schema")
          .hasMessageContaining(wrong[2]);
    }
  }

  @Test
  void notesGiveTheNextStepsForTheValuesInstalled() {
    String defaults =
        new Helm(CHART)
            .install()
            .withName("atlas")
            .withNamespace("atlas-system")
            .clientOnly()
            .dryRun()
            .call()
            .getOutput();

    assertThat(defaults)
        .contains("kubectl -n atlas-system create secret generic atlas-credentials")
        .contains("needs no label")
        .contains("kubectl get adbu");
    AtlasDatabaseUser sample = YAML.unmarshal(sampleIn(defaults), AtlasDatabaseUser.class);
    assertThat(sample.getSpec().getUsername()).isEqualTo("orders-app");
    assertThat(sample.getSpec().getPasswordSecretRef().getName()).isEqualTo("orders-app-password");
    assertThat(sample.getSpec().getCredentialsSecretRef()).isNull();

    String ownKeys =
        new Helm(CHART)
            .install()
            .withName("atlas")
            .withNamespace("atlas-system")
            .set("defaultCredentialsSecret", "")
            .set("watchNamespaces[0]", "team-a")
            .clientOnly()
            .dryRun()
            .call()
            .getOutput();

    assertThat(ownKeys)
        .doesNotContain("kubectl -n atlas-system create secret")
        .contains(
            "kubectl -n team-a label secret atlas-credentials atlas.mongodb.com/type=credentials")
        .contains("kubectl -n team-a get adbu");
    assertThat(
            YAML.unmarshal(sampleIn(ownKeys), AtlasDatabaseUser.class)
                .getSpec()
                .getCredentialsSecretRef()
                .getName())
        .isEqualTo("atlas-credentials");
  }

  /** The AtlasDatabaseUser that NOTES.txt pipes to kubectl apply. */
  static String sampleIn(String notes) {
    java.util.regex.Matcher sample =
        java.util.regex.Pattern.compile("(?s)<<'YAML'\n(.*?)\nYAML\n").matcher(notes);
    assertThat(sample.find()).as(notes).isTrue();
    return sample.group(1);
  }
}
