package io.atlasoperator.atlas;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** One page of a list response: results, the total when asked for, and paging links. */
@JsonIgnoreProperties(ignoreUnknown = true)
record AtlasPageJson(
    List<AtlasUserJson> results, Integer totalCount, List<AtlasUserJson.LinkJson> links) {}
