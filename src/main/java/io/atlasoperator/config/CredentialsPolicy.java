package io.atlasoperator.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Who may use the operator's default credentials: which namespaces, for which Atlas projects, and
 * optionally granting which roles. A resource that names its own credentialsSecretRef is not
 * subject to it (its namespace holds its own API key). Without any rule every namespace may use the
 * default credentials for every project the key reaches.
 *
 * <p>Set as JSON, for example {@code [{"namespaces": ["team-a", "team-b-*"], "projects":
 * ["5356823b3794dee37132bb7b"], "roles": ["read", "readWrite"]}]}: a namespace entry ending in
 * {@code *} matches by prefix, a project entry {@code *} matches every project, and without {@code
 * roles} any role may be granted.
 */
public final class CredentialsPolicy {

  /** One rule: these namespaces may use the default credentials for these projects. */
  public record Rule(List<String> namespaces, List<String> projects, List<String> roles) {

    public Rule {
      namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
      projects = projects == null ? List.of() : List.copyOf(projects);
      roles = roles == null ? null : List.copyOf(roles);
      if (namespaces.isEmpty() || projects.isEmpty()) {
        throw new IllegalArgumentException(
            "each default credentials policy rule needs namespaces and projects");
      }
    }

    boolean covers(String namespace, String projectId) {
      return namespaces.stream().anyMatch(n -> matches(n, namespace))
          && projects.stream().anyMatch(p -> p.equals("*") || p.equals(projectId));
    }

    private static boolean matches(String pattern, String value) {
      return pattern.endsWith("*")
          ? value.startsWith(pattern.substring(0, pattern.length() - 1))
          : pattern.equals(value);
    }
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private final List<Rule> rules;

  private CredentialsPolicy(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** No rule: every namespace, every project, every role. */
  public static CredentialsPolicy allowAll() {
    return new CredentialsPolicy(List.of());
  }

  public static CredentialsPolicy of(List<Rule> rules) {
    return new CredentialsPolicy(rules);
  }

  /** Reads the JSON form; an empty text is {@link #allowAll()}. */
  public static CredentialsPolicy parse(String json) {
    if (json == null || json.isBlank()) {
      return allowAll();
    }
    try {
      return new CredentialsPolicy(List.of(JSON.readValue(json, Rule[].class)));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "the default credentials policy is not a JSON list of {namespaces, projects, roles}: "
              + e.getOriginalMessage());
    }
  }

  public boolean restricts() {
    return !rules.isEmpty();
  }

  public List<Rule> rules() {
    return rules;
  }

  /**
   * Why a resource in {@code namespace} may not use the default credentials for {@code projectId}
   * granting {@code roles}, or empty when it may.
   */
  public Optional<String> denial(String namespace, String projectId, Collection<String> roles) {
    if (rules.isEmpty()) {
      return Optional.empty();
    }
    List<Rule> covering = rules.stream().filter(r -> r.covers(namespace, projectId)).toList();
    if (covering.isEmpty()) {
      return Optional.of(
          "namespace "
              + namespace
              + " may not use the operator's default Atlas credentials for project "
              + projectId
              + " (default credentials policy); name a Secret with this namespace's own API key"
              + " in spec.credentialsSecretRef, or ask the operator's administrators to allow it");
    }
    if (covering.stream().anyMatch(r -> r.roles() == null || r.roles().containsAll(roles))) {
      return Optional.empty();
    }
    List<String> allowed =
        covering.stream()
            .filter(r -> r.roles() != null)
            .flatMap(r -> r.roles().stream())
            .distinct()
            .sorted()
            .toList();
    return Optional.of(
        "namespace "
            + namespace
            + " may grant only the roles "
            + allowed
            + " in project "
            + projectId
            + " with the operator's default Atlas credentials (default credentials policy); not "
            + roles.stream()
                .filter(r -> !allowed.contains(r))
                .sorted()
                .collect(Collectors.joining(", ")));
  }
}
