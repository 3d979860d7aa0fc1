package io.atlasoperator.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.assertj.core.util.diff.DiffUtils;
import org.junit.jupiter.api.Test;

/**
 * operator/ (for {@code kubectl apply -k operator/}) is the chart's default render, written out by
 * hand. This compares the two on what decides how the operator runs and what it may do: the
 * Deployment's pod and container (image without its tag, env, ports, probes, resources, security
 * context, volumes), the RBAC rules and whom they are bound to, and the Services' ports. Names and
 * labels differ (the chart prefixes the release name) and are left out.
 */
class PlainManifestsMatchChartTest {

  static final Path PLAIN = Path.of("operator");

  /** The plain manifests' namespace; the chart is rendered into it. */
  static final String NAMESPACE = "atlas-operator";

  @Test
  void plainManifestsMatchTheChartsDefaultRender() throws IOException {
    String drift = drift(chartDefaults(), plainManifests());

    if (!drift.isEmpty()) {
      fail(drift);
    }
  }

  @Test
  void aDriftIsReportedAsADiffOfThePartThatDrifted() throws IOException {
    List<HasMetadata> plain = plainManifests();
    Container container =
        HelmChartTest.only(plain, Deployment.class)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    container.getEnv().stream()
        .filter(e -> e.getName().equals("ATLAS_OPERATOR_LOG_FORMAT"))
        .forEach(e -> e.setValue("json"));
    container.setReadinessProbe(null);

    String drift = drift(chartDefaults(), plain);

    assertThat(drift)
        .contains("operator/ has drifted from the chart's default render")
        .contains("--- chart")
        .contains("+++ operator/")
        .containsPattern("(?m)^-\\s+value: \"?text\"?$")
        .containsPattern("(?m)^\\+\\s+value: \"?json\"?$")
        .containsPattern("(?m)^-\\s+readinessProbe:$")
        .containsPattern("(?m)^-\\s+path: \"?/readyz\"?$");
  }

  /** The chart rendered with its default values into {@link #NAMESPACE}. */
  static List<HasMetadata> chartDefaults() {
    return HelmChartTest.parse(
        new Helm(HelmChartTest.CHART).template().withName("atlas").withNamespace(NAMESPACE).call());
  }

  /** The files operator/kustomization.yaml lists; its directories (../crds) are left out. */
  static List<HasMetadata> plainManifests() throws IOException {
    Map<?, ?> kustomization =
        HelmChartTest.YAML.unmarshal(
            Files.readString(PLAIN.resolve("kustomization.yaml")), Map.class);
    List<HasMetadata> resources = new ArrayList<>();
    for (Object entry : (List<?>) kustomization.get("resources")) {
      Path file = PLAIN.resolve(entry.toString());
      if (Files.isRegularFile(file)) {
        resources.addAll(HelmChartTest.parse(Files.readString(file)));
      }
    }
    return resources;
  }

  /**
   * Empty when both describe the same operator; else a unified diff of the two views, the chart's
   * lines marked -, operator/'s +.
   */
  static String drift(List<HasMetadata> chart, List<HasMetadata> plain) {
    List<String> expected = view(chart).lines().toList();
    List<String> actual = view(plain).lines().toList();
    if (expected.equals(actual)) {
      return "";
    }
    List<String> diff =
        DiffUtils.generateUnifiedDiff(
            "chart (helm template -n " + NAMESPACE + ", default values)",
            "operator/",
            expected,
            DiffUtils.diff(expected, actual),
            4);
    return "operator/ has drifted from the chart's default render (helm/atlas-operator). Change"
        + " operator/ (or the chart) so that they agree again; - lines are the chart's, + lines"
        + " operator/'s:\n"
        + String.join("\n", diff);
  }

  /** What is compared, as YAML: lists sorted, names and labels left out. */
  static String view(List<HasMetadata> resources) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put(
        "kinds",
        resources.stream()
            .map(HasMetadata::getKind)
            .filter(kind -> !kind.equals("Namespace"))
            .sorted()
            .toList());

    Deployment deployment = HelmChartTest.only(resources, Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Map<String, Object> deploymentView = new LinkedHashMap<>();
    deploymentView.put("namespace", deployment.getMetadata().getNamespace());
    deploymentView.put("replicas", deployment.getSpec().getReplicas());
    deploymentView.put("serviceAccountName", pod.getServiceAccountName());
    deploymentView.put("terminationGracePeriodSeconds", pod.getTerminationGracePeriodSeconds());
    deploymentView.put("podSecurityContext", pod.getSecurityContext());
    deploymentView.put("volumes", sorted(pod.getVolumes(), Volume::getName));
    deploymentView.put(
        "containers",
        pod.getContainers().stream().map(PlainManifestsMatchChartTest::comparable).toList());
    view.put("deployment", deploymentView);

    view.put(
        "clusterRoles",
        sorted(
            resources.stream()
                .filter(ClusterRole.class::isInstance)
                .map(ClusterRole.class::cast)
                .map(
                    role ->
                        rbac(
                            null,
                            role.getRules(),
                            subjects(
                                resources,
                                ClusterRoleBinding.class,
                                ClusterRoleBinding::getRoleRef,
                                ClusterRoleBinding::getSubjects,
                                role)))
                .toList(),
            HelmChartTest.YAML::asYaml));
    view.put(
        "roles",
        sorted(
            resources.stream()
                .filter(Role.class::isInstance)
                .map(Role.class::cast)
                .map(
                    role ->
                        rbac(
                            role.getMetadata().getNamespace(),
                            role.getRules(),
                            subjects(
                                resources,
                                RoleBinding.class,
                                RoleBinding::getRoleRef,
                                RoleBinding::getSubjects,
                                role)))
                .toList(),
            HelmChartTest.YAML::asYaml));

    Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
    view.put(
        "services",
        sorted(
            resources.stream()
                .filter(Service.class::isInstance)
                .map(Service.class::cast)
                .map(
                    service -> {
                      Map<String, Object> serviceView = new LinkedHashMap<>();
                      serviceView.put("namespace", service.getMetadata().getNamespace());
                      serviceView.put("type", service.getSpec().getType());
                      serviceView.put(
                          "selectsTheOperatorsPods",
                          podLabels
                              .entrySet()
                              .containsAll(service.getSpec().getSelector().entrySet()));
                      serviceView.put(
                          "ports", sorted(service.getSpec().getPorts(), ServicePort::getName));
                      return serviceView;
                    })
                .toList(),
            HelmChartTest.YAML::asYaml));
    return HelmChartTest.YAML.asYaml(view);
  }

  /** The container, its image without the tag, its lists sorted by name. */
  static Container comparable(Container container) {
    return new ContainerBuilder(container)
        .withImage(container.getImage().replaceFirst(":[^:/]+$", ""))
        .withEnv(sorted(container.getEnv(), EnvVar::getName))
        .withPorts(sorted(container.getPorts(), ContainerPort::getName))
        .withVolumeMounts(sorted(container.getVolumeMounts(), VolumeMount::getName))
        .build();
  }

  static Map<String, Object> rbac(
      String namespace, List<PolicyRule> rules, List<Subject> subjects) {
    Map<String, Object> view = new LinkedHashMap<>();
    if (namespace != null) {
      view.put("namespace", namespace);
    }
    view.put("rules", rules);
    view.put("boundTo", subjects);
    return view;
  }

  /** Whom the bindings of this kind that name {@code role} bind it to. */
  static <B extends HasMetadata> List<Subject> subjects(
      List<HasMetadata> resources,
      Class<B> bindingType,
      Function<B, RoleRef> roleRef,
      Function<B, List<Subject>> subjects,
      HasMetadata role) {
    return resources.stream()
        .filter(bindingType::isInstance)
        .map(bindingType::cast)
        .filter(
            binding ->
                Objects.equals(
                    binding.getMetadata().getNamespace(), role.getMetadata().getNamespace()))
        .filter(binding -> roleRef.apply(binding).getKind().equals(role.getKind()))
        .filter(binding -> roleRef.apply(binding).getName().equals(role.getMetadata().getName()))
        .flatMap(binding -> subjects.apply(binding).stream())
        .sorted(Comparator.comparing(HelmChartTest.YAML::asYaml))
        .toList();
  }

  static <T> List<T> sorted(List<T> items, Function<T, String> key) {
    return Stream.ofNullable(items)
        .flatMap(List::stream)
        .sorted(Comparator.comparing(key, Comparator.nullsFirst(Comparator.naturalOrder())))
        .toList();
  }
}
