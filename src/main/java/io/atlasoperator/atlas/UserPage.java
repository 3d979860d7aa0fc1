package io.atlasoperator.atlas;

import io.atlasoperator.domain.DatabaseUser;
import java.util.List;

/** One page of a project's users, with the project's total when Atlas counted it. */
public record UserPage(List<DatabaseUser> users, Integer totalCount, boolean hasNext) {}
