package io.atlasoperator.crd;

/** The characters a generated password is drawn from. */
public enum PasswordCharacters {
  /**
   * Upper- and lowercase letters and digits (62 characters): safe unquoted in URLs, shells and
   * configuration files. About 5.95 bits per character, 190 bits for the default 32.
   */
  Alphanumeric,
  /**
   * Letters, digits and the symbols !#$%&()*+,-./:;<=>?@[]^_{|}~ (90 characters), for policies that
   * ask for symbols. The connection strings the operator writes percent-encode them.
   */
  AlphanumericAndSymbols
}
