package dev.athenaws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.lambda.FakeSecretsManager.Answer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The resume-token secrets from the environment: as values, or read from Secrets Manager at init
 * when named by ARN ({@code RESUME_TOKEN_SECRET_ARN}, {@code RESUME_TOKEN_PREVIOUS_SECRET_ARN}).
 */
class SessionConfigTest {
  private static final String ARN = SecretsManagerReaderWireTest.ARN;
  private static final String OLD_ARN =
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:athena-ws/resume-old-XyZ123";
  private static final String VALUE = "current-secret-0123456789abcdef0123456789";
  private static final String OLD_VALUE = "previous-secret-0123456789abcdef012345678";
  private static final List<String> PROPERTIES = List.of("aws.accessKeyId", "aws.secretAccessKey");

  @AfterEach
  void clear() {
    PROPERTIES.forEach(System::clearProperty);
  }

  private static SessionConfig from(Map<String, String> env) {
    return SessionConfig.from(new EnvReader(env));
  }

  @Test
  void aPlainValueIsUsedAsItIs() {
    SessionConfig c = from(Map.of("RESUME_TOKEN_SECRET", VALUE));

    assertThat(c.fromSecretsManager()).isFalse();
    assertThat(c.secret()).isEqualTo(VALUE.getBytes(StandardCharsets.UTF_8));
    assertThat(c.resolve(id -> "never read")).isSameAs(c);
  }

  @Test
  void aValueAndAnArnForTheSameSecretFailNamingBoth() {
    assertThatThrownBy(
            () -> from(Map.of("RESUME_TOKEN_SECRET", VALUE, "RESUME_TOKEN_SECRET_ARN", ARN)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("RESUME_TOKEN_SECRET and RESUME_TOKEN_SECRET_ARN are both set")
        .hasMessageNotContaining(VALUE);
    assertThatThrownBy(
            () ->
                from(
                    Map.of(
                        "RESUME_TOKEN_SECRET_ARN", ARN,
                        "RESUME_TOKEN_PREVIOUS_SECRET", OLD_VALUE,
                        "RESUME_TOKEN_PREVIOUS_SECRET_ARN", OLD_ARN)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "RESUME_TOKEN_PREVIOUS_SECRET and RESUME_TOKEN_PREVIOUS_SECRET_ARN are both set");
  }

  @Test
  void anArnThatIsNoSecretArnFails() {
    assertThatThrownBy(() -> from(Map.of("RESUME_TOKEN_SECRET_ARN", "athena-ws/resume")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("RESUME_TOKEN_SECRET_ARN is invalid");
  }

  @Test
  void aPreviousSecretNeedsACurrentOne() {
    assertThatThrownBy(() -> from(Map.of("RESUME_TOKEN_PREVIOUS_SECRET_ARN", OLD_ARN)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("RESUME_TOKEN_PREVIOUS_SECRET_ARN is set without");
  }

  @Test
  void secretsNamedByArnAreReadOnceEach() {
    SessionConfig c =
        from(Map.of("RESUME_TOKEN_SECRET_ARN", ARN, "RESUME_TOKEN_PREVIOUS_SECRET_ARN", OLD_ARN));
    assertThat(c.fromSecretsManager()).isTrue();
    assertThat(c.secret()).isNull();
    List<String> read = new java.util.ArrayList<>();
    Map<String, String> store = Map.of(ARN, VALUE, OLD_ARN, OLD_VALUE);

    SessionConfig resolved =
        c.resolve(
            id -> {
              read.add(id);
              return store.get(id);
            });

    assertThat(read).containsExactly(ARN, OLD_ARN);
    assertThat(resolved.fromSecretsManager()).isFalse();
    assertThat(resolved.secret()).isEqualTo(VALUE.getBytes(StandardCharsets.UTF_8));
    assertThat(resolved.previous()).isEqualTo(OLD_VALUE.getBytes(StandardCharsets.UTF_8));
    assertThat(resolved.ttl()).isEqualTo(c.ttl());
  }

  @Test
  void frontDoorIsNotConfiguredBeforeTheSecretsAreRead() {
    SessionConfig c = from(Map.of("RESUME_TOKEN_SECRET_ARN", ARN));

    assertThatThrownBy(() -> c.applyTo(dev.athenaws.AthenaWs.builder()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aSecretThatCannotBeReadFailsNamingTheVariableAndTheAwsCode() {
    SessionConfig c = from(Map.of("RESUME_TOKEN_SECRET_ARN", ARN));

    assertThatThrownBy(
            () ->
                c.resolve(
                    id -> {
                      throw new SecretUnavailableException(
                          "AccessDeniedException", "HTTP 400 not authorized", null);
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("RESUME_TOKEN_SECRET_ARN")
        .hasMessageContaining("AccessDeniedException");
  }

  @Test
  void aShortSecretFromSecretsManagerFailsWithoutShowingIt() {
    SessionConfig c = from(Map.of("RESUME_TOKEN_SECRET_ARN", ARN));

    assertThatThrownBy(() -> c.resolve(id -> "short-value-x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("RESUME_TOKEN_SECRET_ARN is invalid")
        .hasMessageNotContaining("short-value-x");
  }

  /** The Lambda wiring reads the secret at init over the wire, with the function's settings. */
  @Test
  void theLambdaWiringReadsTheSecretFromSecretsManagerAtInit() throws IOException {
    try (FakeSecretsManager sm = new FakeSecretsManager()) {
      sm.answer(Answer.secret(ARN, VALUE));
      try (Wiring wiring = Wiring.fromEnvironment(environment(sm))) {
        assertThat(wiring.config.sessions().secret())
            .isEqualTo(VALUE.getBytes(StandardCharsets.UTF_8));
      }
      assertThat(sm.seen()).hasSize(1);
      assertThat(sm.last().body()).contains(ARN);
      assertThat(sm.last().header("authorization")).contains("/eu-west-1/secretsmanager/");
    }
  }

  @Test
  void theLambdaWiringFailsItsInitWhenTheSecretIsMissing() throws IOException {
    try (FakeSecretsManager sm = new FakeSecretsManager()) {
      sm.answer(
          Answer.error(
              400,
              "ResourceNotFoundException",
              "Secrets Manager can't find the specified secret."));

      assertThatThrownBy(() -> Wiring.fromEnvironment(environment(sm)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("RESUME_TOKEN_SECRET_ARN")
          .hasMessageContaining("ResourceNotFoundException");
    }
  }

  private static Map<String, String> environment(FakeSecretsManager sm) {
    System.setProperty("aws.accessKeyId", "AKIDFAKE");
    System.setProperty("aws.secretAccessKey", "fake-secret");
    Map<String, String> env = new HashMap<>();
    env.put("AWS_REGION", "eu-west-1");
    env.put("WEBSOCKET_ENDPOINT", "http://127.0.0.1:9/dev");
    env.put("QUERY_CATALOG", "classpath:catalogs/test-catalog.json");
    env.put("RESULT_FETCH", "api");
    env.put("RESUME_TOKEN_SECRET_ARN", ARN);
    env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", sm.uri().toString());
    return env;
  }
}
