package io.atlasoperator.domain;

/** A key-value tag on a user. */
public record UserLabel(String key, String value) {}
