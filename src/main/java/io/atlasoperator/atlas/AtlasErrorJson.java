package io.atlasoperator.atlas;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** Atlas's error body. */
@JsonIgnoreProperties(ignoreUnknown = true)
record AtlasErrorJson(
    String detail, Integer error, String errorCode, List<String> parameters, String reason) {}
