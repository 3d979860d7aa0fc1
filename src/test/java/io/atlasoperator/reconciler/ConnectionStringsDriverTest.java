package io.atlasoperator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.AuthenticationMechanism;
import com.mongodb.ConnectionString;
import io.atlasoperator.domain.AuthType;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.Password;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The connection strings of the connection Secrets, read back by MongoDB's own Java driver ({@code
 * com.mongodb.ConnectionString}): the credentials and options an application gets are what the
 * driver understands, whatever characters the username and password hold.
 */
class ConnectionStringsDriverTest {

  static final String STANDARD =
      "mongodb://cluster0-shard-00-00.abcde.mongodb.net:27017,"
          + "cluster0-shard-00-01.abcde.mongodb.net:27017/?ssl=true&authSource=admin"
          + "&replicaSet=atlas-xyz-shard-0";
  static final String SRV = "mongodb+srv://cluster0.abcde.mongodb.net";

  static DatabaseUser user(String username, AuthType type) {
    return new DatabaseUser(
        "5356823b3794dee37132bb7b",
        type.isExternal() ? DatabaseUser.EXTERNAL : DatabaseUser.ADMIN,
        username,
        List.of(),
        List.of(),
        List.of(),
        null,
        type,
        null);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain-password",
        "p@ss:w/rd?#[]",
        "per%cent+plus space",
        "ünïcødé-пароль-密码",
        "a&b=c;d,e'f\"g"
      })
  void aScramUsersPasswordSurvivesAnyCharacter(String secret) {
    DatabaseUser user = user("app:user@shop", AuthType.SCRAM);
    for (String published : List.of(STANDARD, SRV)) {
      ConnectionString parsed =
          new ConnectionString(
              ConnectionStrings.withCredentials(published, user, new Password(secret)));

      assertThat(parsed.getUsername()).isEqualTo("app:user@shop");
      assertThat(new String(parsed.getPassword())).isEqualTo(secret);
      assertThat(parsed.getCredential().getSource()).isEqualTo("admin");
      assertThat(parsed.getCredential().getAuthenticationMechanism()).isNull();
    }
    ConnectionString standard =
        new ConnectionString(
            ConnectionStrings.withCredentials(STANDARD, user, new Password(secret)));
    assertThat(standard.getHosts()).hasSize(2);
    assertThat(standard.getRequiredReplicaSetName()).isEqualTo("atlas-xyz-shard-0");
    assertThat(standard.getSslEnabled()).isTrue();
  }

  @Test
  void usersThatAuthenticateElsewhereGetTheirMechanismOnExternal() {
    assertMechanism(
        user("CN=app,OU=shop", AuthType.X509_CUSTOMER), AuthenticationMechanism.MONGODB_X509);
    assertMechanism(
        user("arn:aws:iam::123456789012:role/app", AuthType.AWS_IAM_ROLE),
        AuthenticationMechanism.MONGODB_AWS);
    assertMechanism(user("5f1b/app", AuthType.OIDC_USER), AuthenticationMechanism.MONGODB_OIDC);

    // The driver refuses PLAIN without a password, which is LDAP's: the string has neither, and
    // stays one the driver reads.
    ConnectionString ldap =
        new ConnectionString(
            ConnectionStrings.withCredentials(
                STANDARD, user("uid=app,ou=people", AuthType.LDAP_USER), null));
    assertThat(ldap.getCredential()).isNull();
    assertThat(ldap.getHosts()).hasSize(2);
  }

  private static void assertMechanism(DatabaseUser user, AuthenticationMechanism mechanism) {
    for (String published : List.of(STANDARD, SRV)) {
      ConnectionString parsed =
          new ConnectionString(ConnectionStrings.withCredentials(published, user, null));
      assertThat(parsed.getUsername()).as("no credentials in the string").isNull();
      assertThat(parsed.getCredential().getAuthenticationMechanism()).isEqualTo(mechanism);
      assertThat(parsed.getCredential().getSource()).isEqualTo("$external");
    }
  }
}
