package io.atlasoperator.domain;

import java.util.Objects;

/** A database user's password. Its toString never shows it, so it cannot leak into logs. */
public final class Password {

  private final String value;

  public Password(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** The password itself, for the one place that sends it to Atlas. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Password p && p.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "Password[redacted]";
  }
}
