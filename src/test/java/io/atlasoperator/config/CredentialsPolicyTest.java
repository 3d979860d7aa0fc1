package io.atlasoperator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsPolicyTest {

  static final String PROJECT = "5356823b3794dee37132bb7b";

  @Test
  void withoutRulesEveryNamespaceProjectAndRoleIsAllowed() {
    assertThat(CredentialsPolicy.parse("").denial("any", PROJECT, List.of("atlasAdmin"))).isEmpty();
    assertThat(CredentialsPolicy.parse(null).restricts()).isFalse();
  }

  @Test
  void rulesMatchNamespacesByNameOrPrefixAndProjectsByIdOrStar() {
    CredentialsPolicy policy =
        CredentialsPolicy.parse(
            "[{\"namespaces\": [\"team-*\", \"payments\"], \"projects\": [\""
                + PROJECT
                + "\"]},"
                + " {\"namespaces\": [\"analytics\"], \"projects\": [\"*\"],"
                + " \"roles\": [\"read\", \"readAnyDatabase\"]}]");

    assertThat(policy.denial("team-orders", PROJECT, List.of("atlasAdmin"))).isEmpty();
    assertThat(policy.denial("payments", PROJECT, List.of("readWrite"))).isEmpty();
    assertThat(policy.denial("payments", "000000000000000000000001", List.of("read")))
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .contains("namespace payments may not use", "000000000000000000000001"));
    assertThat(policy.denial("teamx", PROJECT, List.of("read"))).isPresent();
    assertThat(policy.denial("analytics", "000000000000000000000001", List.of("read"))).isEmpty();
    assertThat(policy.denial("analytics", PROJECT, List.of("read", "atlasAdmin")))
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .contains(
                        "may grant only the roles [read, readAnyDatabase]", "not atlasAdmin"));
  }

  @Test
  void aMalformedPolicyIsRefusedAtStartWithTheReason() {
    assertThatThrownBy(() -> CredentialsPolicy.parse("{\"namespaces\": \"a\"}"))
        .hasMessageContaining("not a JSON list");
    assertThatThrownBy(() -> CredentialsPolicy.parse("[{\"namespaces\": [\"a\"]}]"))
        .hasMessageContaining("needs namespaces and projects");
    assertThatThrownBy(
            () -> CredentialsPolicy.parse("[{\"namespace\": [\"a\"], \"projects\": [\"*\"]}]"))
        .hasMessageContaining("not a JSON list");
    assertThatThrownBy(
            () ->
                OperatorConfig.from(
                    Map.of("ATLAS_OPERATOR_DEFAULT_CREDENTIALS_POLICY", "nope"), new String[0]))
        .hasMessageContaining("default credentials policy");
  }
}
