package io.atlasoperator.atlas;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A database user as the Atlas databaseUsers resource writes and reads it: every response element
 * of the API reference. Unknown fields are ignored, so new Atlas fields do not break the client.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
record AtlasUserJson(
    String databaseName,
    String deleteAfterDate,
    String groupId,
    List<LabelJson> labels,
    String ldapAuthType,
    String x509Type,
    @JsonProperty("awsIAMType") String awsIAMType,
    String oidcAuthType,
    List<LinkJson> links,
    List<RoleJson> roles,
    List<ScopeJson> scopes,
    String username,
    String password,
    String description) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RoleJson(String roleName, String databaseName, String collectionName) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ScopeJson(String name, String type) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record LabelJson(String key, String value) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record LinkJson(String href, String rel) {}
}
