package io.atlasoperator.atlas;

import com.fasterxml.jackson.databind.JsonNode;
import io.atlasoperator.domain.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import retrofit2.Call;

/**
 * A project's clusters, flex clusters, federated database instances and stream instances, and a
 * cluster's change status, read through an {@link AtlasClient}'s connection, credentials and
 * budget, and turned into the operator's own types here. Fields and versions: Atlas's v2 OpenAPI
 * specification (mongodb/atlas-sdk-go {@code openapi/atlas-api-transformed.yaml}): {@code
 * ClusterDescription20240805.connectionStrings} ({@code ClusterConnectionStrings}: standard,
 * standardSrv, private, privateSrv, privateEndpoint[]), {@code stateName}, {@code paused}; {@code
 * FlexClusterDescription20241113.connectionStrings} (standard, standardSrv); {@code
 * ClusterStatus.changeStatus} (PENDING, APPLIED).
 */
final class DeploymentsClient {

  static final String CLUSTERS = "application/vnd.atlas.2024-08-05+json";
  static final String FLEX_CLUSTERS = "application/vnd.atlas.2024-11-13+json";
  static final String CLUSTER_STATUS = "application/vnd.atlas.2023-01-01+json";
  static final String FEDERATED_DATABASES = "application/vnd.atlas.2023-01-01+json";
  static final String STREAMS = "application/vnd.atlas.2023-02-01+json";

  private static final int PAGE = 500;

  private final AtlasClient client;
  private final DeploymentsApi api;

  DeploymentsClient(AtlasClient client) {
    this.client = client;
    this.api = client.operations(DeploymentsApi.class);
  }

  List<Deployment> deployments(String projectId) {
    String group = PathSegment.encode(projectId);
    Map<String, Deployment> found = new LinkedHashMap<>();
    for (JsonNode cluster : all(page -> api.clusters(group, CLUSTERS, page, PAGE))) {
      Deployment d = deployment(cluster, false);
      found.put(d.name(), d);
    }
    // listClusters may also answer a flex cluster created through createCluster (Atlas's spec,
    // listClusters): the flex list's entry is the one kept.
    for (JsonNode flex : all(page -> api.flexClusters(group, FLEX_CLUSTERS, page, PAGE))) {
      Deployment d = deployment(flex, true);
      found.put(d.name(), d);
    }
    return List.copyOf(found.values());
  }

  boolean changesApplied(String projectId, String cluster) {
    JsonNode status =
        call(
            api.clusterStatus(
                PathSegment.encode(projectId), PathSegment.encode(cluster), CLUSTER_STATUS));
    return "APPLIED".equals(status.path("changeStatus").asText());
  }

  Set<String> federatedDatabases(String projectId) {
    JsonNode answer =
        call(api.federatedDatabases(PathSegment.encode(projectId), FEDERATED_DATABASES));
    // listFederatedDatabases answers a plain array; an envelope-style page is read too.
    return names(answer.isArray() ? answer : answer.path("results"));
  }

  Set<String> streamInstances(String projectId) {
    String group = PathSegment.encode(projectId);
    return names(all(page -> api.streamInstances(group, STREAMS, page, PAGE)));
  }

  /** The call's answer; an empty one is not an answer the operator can read. */
  private JsonNode call(Call<JsonNode> call) {
    JsonNode body = client.execute(call);
    if (body == null) {
      throw new UnreadableAnswer(
          call.request().method() + " " + call.request().url().encodedPath(),
          "an empty body",
          null);
    }
    return body;
  }

  private static Set<String> names(Iterable<JsonNode> items) {
    Set<String> names = new LinkedHashSet<>();
    items.forEach(i -> names.add(i.path("name").asText()));
    return names;
  }

  /** Every item of a paginated list. */
  private List<JsonNode> all(IntFunction<Call<JsonNode>> page) {
    List<JsonNode> items = new ArrayList<>();
    for (int n = 1; ; n++) {
      JsonNode answer = call(page.apply(n));
      JsonNode results = answer.path("results");
      results.forEach(items::add);
      long total = answer.path("totalCount").asLong(-1);
      boolean more =
          total >= 0
              ? (long) n * PAGE < total
              : results.size() == PAGE; // no count: a full page may have a next one
      if (!more || results.isEmpty()) {
        return items;
      }
    }
  }

  private static Deployment deployment(JsonNode json, boolean flex) {
    JsonNode strings = json.path("connectionStrings");
    List<Deployment.PrivateEndpoint> endpoints = new ArrayList<>();
    for (JsonNode endpoint : strings.path("privateEndpoint")) {
      endpoints.add(
          new Deployment.PrivateEndpoint(
              text(endpoint, "connectionString"),
              text(endpoint, "srvConnectionString"),
              text(endpoint, "srvShardOptimizedConnectionString")));
    }
    Deployment.ConnectionStrings published =
        new Deployment.ConnectionStrings(
            text(strings, "standard"),
            text(strings, "standardSrv"),
            text(strings, "private"),
            text(strings, "privateSrv"),
            endpoints);
    return new Deployment(json.path("name").asText(), flex, state(json, published), published);
  }

  /**
   * CREATING until Atlas publishes connection strings (stateName CREATING, or no strings yet),
   * DELETING when it says DELETING or DELETED, PAUSED when paused, otherwise OPERATIONAL (IDLE,
   * UPDATING, REPAIRING: a cluster serves while it is updated).
   */
  private static Deployment.State state(JsonNode json, Deployment.ConnectionStrings strings) {
    String name = json.path("stateName").asText().toUpperCase(Locale.ROOT);
    if (name.equals("DELETING") || name.equals("DELETED")) {
      return Deployment.State.DELETING;
    }
    if (name.equals("CREATING") || strings.isEmpty()) {
      return Deployment.State.CREATING;
    }
    return json.path("paused").asBoolean(false)
        ? Deployment.State.PAUSED
        : Deployment.State.OPERATIONAL;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
  }
}
