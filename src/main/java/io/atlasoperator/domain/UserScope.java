package io.atlasoperator.domain;

/** A cluster or data lake (type CLUSTER or DATA_LAKE) the user is limited to. */
public record UserScope(String name, String type) {}
