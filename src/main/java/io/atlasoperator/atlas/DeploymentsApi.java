package io.atlasoperator.atlas;

import com.fasterxml.jackson.databind.JsonNode;
import retrofit2.Call;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.Path;
import retrofit2.http.Query;

/**
 * The v2 operations that tell what a project holds besides its users (paths: Atlas's v2 OpenAPI
 * specification, mongodb/atlas-sdk-go {@code openapi/atlas-api-transformed.yaml}): listClusters,
 * getClusterStatus, listFlexClusters, listFederatedDatabases and listStreamInstances. They are read
 * on v2 even when the users are written on v1.0, which has no flex clusters. Each operation is
 * asked for in the version named in {@link DeploymentsClient}.
 */
interface DeploymentsApi {

  String GROUP = "api/atlas/v2/groups/{groupId}";

  @GET(GROUP + "/clusters")
  Call<JsonNode> clusters(
      @Path(value = "groupId", encoded = true) String groupId,
      @Header("Accept") String accept,
      @Query("pageNum") int pageNum,
      @Query("itemsPerPage") int itemsPerPage);

  @GET(GROUP + "/clusters/{clusterName}/status")
  Call<JsonNode> clusterStatus(
      @Path(value = "groupId", encoded = true) String groupId,
      @Path(value = "clusterName", encoded = true) String clusterName,
      @Header("Accept") String accept);

  @GET(GROUP + "/flexClusters")
  Call<JsonNode> flexClusters(
      @Path(value = "groupId", encoded = true) String groupId,
      @Header("Accept") String accept,
      @Query("pageNum") int pageNum,
      @Query("itemsPerPage") int itemsPerPage);

  @GET(GROUP + "/dataFederation")
  Call<JsonNode> federatedDatabases(
      @Path(value = "groupId", encoded = true) String groupId, @Header("Accept") String accept);

  @GET(GROUP + "/streams")
  Call<JsonNode> streamInstances(
      @Path(value = "groupId", encoded = true) String groupId,
      @Header("Accept") String accept,
      @Query("pageNum") int pageNum,
      @Query("itemsPerPage") int itemsPerPage);
}
