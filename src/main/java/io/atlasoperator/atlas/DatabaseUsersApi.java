package io.atlasoperator.atlas;

import com.fasterxml.jackson.databind.JsonNode;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.PATCH;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Query;

/**
 * The Atlas Administration API databaseUsers resource, the same on v2 and v1.0 but for the {@code
 * version} path segment ({@link AtlasApi#pathSegment()}) and the media type, which {@link
 * AtlasClient} sets. Path segments arrive already percent-encoded ({@link PathSegment}); responses
 * are decoded by {@link AtlasClient}, which handles the envelope and errors in one place.
 */
interface DatabaseUsersApi {

  String USERS = "api/atlas/{version}/groups/{groupId}/databaseUsers";
  String USER = USERS + "/{databaseName}/{username}";

  @GET(USERS)
  Call<JsonNode> list(
      @Path(value = "version", encoded = true) String version,
      @Path(value = "groupId", encoded = true) String groupId,
      @Query("pageNum") int pageNum,
      @Query("itemsPerPage") int itemsPerPage,
      @Query("includeCount") boolean includeCount,
      @Query("envelope") Boolean envelope,
      @Query("pretty") Boolean pretty);

  @GET(USER)
  Call<JsonNode> get(
      @Path(value = "version", encoded = true) String version,
      @Path(value = "groupId", encoded = true) String groupId,
      @Path(value = "databaseName", encoded = true) String databaseName,
      @Path(value = "username", encoded = true) String username,
      @Query("envelope") Boolean envelope,
      @Query("pretty") Boolean pretty);

  @POST(USERS)
  Call<JsonNode> create(
      @Path(value = "version", encoded = true) String version,
      @Path(value = "groupId", encoded = true) String groupId,
      @Body AtlasUserJson user,
      @Query("envelope") Boolean envelope,
      @Query("pretty") Boolean pretty);

  @PATCH(USER)
  Call<JsonNode> update(
      @Path(value = "version", encoded = true) String version,
      @Path(value = "groupId", encoded = true) String groupId,
      @Path(value = "databaseName", encoded = true) String databaseName,
      @Path(value = "username", encoded = true) String username,
      @Body AtlasUserJson user,
      @Query("envelope") Boolean envelope,
      @Query("pretty") Boolean pretty);

  @DELETE(USER)
  Call<JsonNode> delete(
      @Path(value = "version", encoded = true) String version,
      @Path(value = "groupId", encoded = true) String groupId,
      @Path(value = "databaseName", encoded = true) String databaseName,
      @Path(value = "username", encoded = true) String username,
      @Query("envelope") Boolean envelope,
      @Query("pretty") Boolean pretty);
}
