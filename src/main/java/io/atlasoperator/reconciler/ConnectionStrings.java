package io.atlasoperator.reconciler;

import io.atlasoperator.domain.AuthType;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.Password;
import java.nio.charset.StandardCharsets;

/**
 * A connection string Atlas publishes, with the user's credentials and authentication options put
 * in, as MongoDB's connection string specification asks: the username and password percent-encoded
 * in the userinfo (every character but the unreserved ones, so that '@', ':', '/', '%' and '+'
 * survive any parser), and the options for users that authenticate elsewhere: authSource=$external
 * with authMechanism MONGODB-X509, MONGODB-AWS or MONGODB-OIDC, and no credentials (the
 * certificate, AWS identity or identity provider supplies them). LDAP users' strings carry neither
 * credentials nor a mechanism: MongoDB's drivers refuse a PLAIN string without its password (which
 * is LDAP's, not the operator's), so the application adds username, password, authMechanism=PLAIN
 * and authSource=$external itself.
 */
final class ConnectionStrings {

  private ConnectionStrings() {}

  /** {@code published} with the user's credentials; null stays null. */
  static String withCredentials(String published, DatabaseUser user, Password password) {
    if (published == null) {
      return null;
    }
    int scheme = published.indexOf("://");
    if (scheme < 0) {
      return published;
    }
    String userinfo = userinfo(user, password);
    String withUser =
        published.substring(0, scheme + 3)
            + (userinfo == null ? "" : userinfo + "@")
            + published.substring(scheme + 3);
    String mechanism = mechanism(user.authType());
    return mechanism == null
        ? withUser
        : withOption(withOption(withUser, "authSource", "%24external"), "authMechanism", mechanism);
  }

  private static String userinfo(DatabaseUser user, Password password) {
    return switch (user.authType()) {
      case SCRAM -> encode(user.username()) + (password == null ? "" : ":" + encode(password));
      default -> null;
    };
  }

  /** The authMechanism a string carries: none for SCRAM, nor for LDAP (see above). */
  static String mechanism(AuthType type) {
    return switch (type) {
      case SCRAM, LDAP_USER, LDAP_GROUP -> null;
      case X509_MANAGED, X509_CUSTOMER -> "MONGODB-X509";
      case AWS_IAM_USER, AWS_IAM_ROLE -> "MONGODB-AWS";
      case OIDC_USER, OIDC_IDP_GROUP -> "MONGODB-OIDC";
    };
  }

  private static String encode(Password password) {
    return encode(password.reveal());
  }

  /** Percent-encodes every byte but RFC 3986's unreserved characters. */
  static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  /**
   * The string with {@code name=value} set: replaced when the string has the option, otherwise
   * added to its options (after the path's '/', which a string without one gets).
   */
  static String withOption(String uri, String name, String value) {
    int query = uri.indexOf('?');
    String base = query < 0 ? uri : uri.substring(0, query);
    String options = query < 0 ? "" : uri.substring(query + 1);
    StringBuilder kept = new StringBuilder();
    for (String option : options.split("&")) {
      if (!option.isEmpty() && !option.regionMatches(true, 0, name + "=", 0, name.length() + 1)) {
        kept.append(kept.length() == 0 ? "" : "&").append(option);
      }
    }
    kept.append(kept.length() == 0 ? "" : "&").append(name).append('=').append(value);
    int hosts = base.indexOf("://") + 3;
    if (base.indexOf('/', hosts) < 0) {
      base = base + "/";
    }
    return base + "?" + kept;
  }
}
