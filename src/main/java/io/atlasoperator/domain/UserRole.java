package io.atlasoperator.domain;

/** A role on a database, or on one collection of it when collectionName is not null. */
public record UserRole(String roleName, String databaseName, String collectionName) {}
