package io.atlasoperator.crd;

/** Whether the user authenticates with the credentials of an AWS IAM user or role. */
public enum AwsIamType {
  NONE,
  USER,
  ROLE
}
