package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.crd.ConnectionSecrets;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.Deployment;
import io.atlasoperator.domain.Password;
import io.atlasoperator.status.Reason;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each connection Secret of a resource holds: its name from the name template, its keys from
 * the key templates (or the keys MongoDB's operator writes), its labels and annotations. Pure: the
 * same inputs give the same Secrets, so a Secret is written only when what it should hold changed.
 */
final class ConnectionSecretTemplates {

  static final String DEFAULT_NAME = "{resource}-{cluster}";

  /** The label that marks a Secret as a connection Secret: the operator watches these only. */
  static final String LABEL = "atlasoperator.io/connection-secret";

  /** MongoDB's operator's label for the project, which its consumers select on. */
  static final String PROJECT_LABEL = "atlas.mongodb.com/project-id";

  static final String CLUSTER_ANNOTATION = "atlasoperator.io/cluster";

  /** The keys MongoDB's operator writes (its connectionsecret package), in its order. */
  static final Map<String, String> DEFAULT_KEYS = defaultKeys();

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)\\}");

  /** A DNS-1123 subdomain, which a Secret's name must be. */
  private static final Pattern SECRET_NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** One Secret as it should be. */
  record Rendered(
      String name,
      String cluster,
      Map<String, String> data,
      Map<String, String> labels,
      Map<String, String> annotations) {

    /** Never the data: it holds the password. */
    @Override
    public String toString() {
      return "Rendered[" + name + " for cluster " + cluster + ", keys " + data.keySet() + "]";
    }
  }

  private ConnectionSecretTemplates() {}

  private static Map<String, String> defaultKeys() {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("username", "{username}");
    keys.put("password", "{password}");
    keys.put("connectionStringStandard", "{connectionStringStandard}");
    keys.put("connectionStringStandardSrv", "{connectionStringStandardSrv}");
    keys.put("connectionStringPrivate", "{connectionStringPrivate}");
    keys.put("connectionStringPrivateSrv", "{connectionStringPrivateSrv}");
    return java.util.Collections.unmodifiableMap(keys); // in MongoDB's operator's order
  }

  /** True unless the spec turns connection Secrets off. */
  static boolean enabled(AtlasDatabaseUser resource) {
    ConnectionSecrets spec = resource.getSpec().getConnectionSecrets();
    return spec == null || !Boolean.FALSE.equals(spec.getEnabled());
  }

  /**
   * The Secrets for the clusters {@code reached}, by name. Fails with {@link
   * Reason#SecretNameInvalid} when a name is not a valid Secret name or two clusters share one.
   */
  static Map<String, Rendered> render(
      AtlasDatabaseUser resource, DatabaseUser user, Password password, List<Deployment> reached)
      throws AtlasUserFailure {
    ConnectionSecrets spec = resource.getSpec().getConnectionSecrets();
    String nameTemplate =
        spec == null || spec.getName() == null || spec.getName().isBlank()
            ? DEFAULT_NAME
            : spec.getName();
    Map<String, String> keys = new LinkedHashMap<>();
    if (spec == null || spec.getKeys() == null || spec.getKeys().isEmpty()) {
      keys.putAll(DEFAULT_KEYS);
    } else {
      spec.getKeys().forEach(k -> keys.put(k.getName(), k.getValue()));
    }
    Map<String, Rendered> secrets = new LinkedHashMap<>();
    for (Deployment cluster : reached) {
      String name = name(nameTemplate, resource, user, cluster);
      if (name.length() > 253 || !SECRET_NAME.matcher(name).matches()) {
        throw new AtlasUserFailure(
            Reason.SecretNameInvalid,
            "spec.connectionSecrets.name "
                + nameTemplate
                + " gives "
                + name
                + " for cluster "
                + cluster.name()
                + ", which is not a valid Secret name (at most 253 lowercase letters, digits, '-'"
                + " and '.', starting and ending with a letter or digit); no connection Secret"
                + " was written");
      }
      Rendered clash = secrets.get(name);
      if (clash != null) {
        throw new AtlasUserFailure(
            Reason.SecretNameInvalid,
            "spec.connectionSecrets.name "
                + nameTemplate
                + " gives one name, "
                + name
                + ", to clusters "
                + clash.cluster()
                + " and "
                + cluster.name()
                + "; put {cluster} in it. No connection Secret was written");
      }
      secrets.put(name, secret(name, spec, keys, resource, user, password, cluster));
    }
    return secrets;
  }

  private static Rendered secret(
      String name,
      ConnectionSecrets spec,
      Map<String, String> keys,
      AtlasDatabaseUser resource,
      DatabaseUser user,
      Password password,
      Deployment cluster) {
    Map<String, String> values = values(user, password, cluster);
    // The default keys leave out the password of a user that has none; chosen keys are all kept.
    boolean chosen = spec != null && spec.getKeys() != null && !spec.getKeys().isEmpty();
    Map<String, String> data = new LinkedHashMap<>();
    keys.forEach(
        (key, template) -> {
          if (chosen || !key.equals("password") || password != null) {
            data.put(key, substitute(template, values::get));
          }
        });
    Map<String, String> labels = new LinkedHashMap<>();
    if (spec != null && spec.getLabels() != null) {
      labels.putAll(spec.getLabels());
    }
    labels.put(LABEL, "true");
    labels.put(PROJECT_LABEL, user.projectId());
    Map<String, String> annotations = new LinkedHashMap<>();
    if (spec != null && spec.getAnnotations() != null) {
      annotations.putAll(spec.getAnnotations());
    }
    annotations.put(CLUSTER_ANNOTATION, cluster.name());
    annotations.put(Ownership.LABEL, Ownership.ownerOf(resource));
    return new Rendered(name, cluster.name(), data, labels, annotations);
  }

  /** What each value placeholder stands for; an absent connection string is "". */
  private static Map<String, String> values(
      DatabaseUser user, Password password, Deployment cluster) {
    Deployment.ConnectionStrings strings = cluster.strings();
    Deployment.PrivateEndpoint endpoint =
        strings.privateEndpoints().isEmpty() ? null : strings.privateEndpoints().get(0);
    String privateString =
        strings.privateString() != null
            ? strings.privateString()
            : endpoint == null ? null : endpoint.standard();
    String privateSrv =
        strings.privateSrv() != null
            ? strings.privateSrv()
            : endpoint == null ? null : endpoint.srv();
    Map<String, String> values = new LinkedHashMap<>();
    values.put("username", user.username());
    values.put("password", password == null ? "" : password.reveal());
    values.put("connectionStringStandard", with(strings.standard(), user, password));
    values.put("connectionStringStandardSrv", with(strings.standardSrv(), user, password));
    values.put("connectionStringPrivate", with(privateString, user, password));
    values.put("connectionStringPrivateSrv", with(privateSrv, user, password));
    values.put(
        "connectionStringPrivateShard",
        with(endpoint == null ? null : endpoint.srvShardOptimized(), user, password));
    values.put("cluster", cluster.name());
    values.put("project", user.projectId());
    return values;
  }

  private static String with(String published, DatabaseUser user, Password password) {
    String full = ConnectionStrings.withCredentials(published, user, password);
    return full == null ? "" : full;
  }

  private static String name(
      String template, AtlasDatabaseUser resource, DatabaseUser user, Deployment cluster) {
    Map<String, String> values =
        Map.of(
            "resource", resource.getMetadata().getName(),
            "namespace", resource.getMetadata().getNamespace(),
            "cluster", cluster.name(),
            "project", user.projectId(),
            "username", user.username());
    return substitute(template, p -> normalise(values.get(p)));
  }

  /** Lowercased, and every character a Secret name cannot hold made '-'. */
  static String normalise(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
  }

  private static String substitute(
      String template, java.util.function.Function<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.apply(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
