package dev.athenaws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.lambda.FakeSecretsManager.Answer;
import dev.athenaws.lambda.FakeSecretsManager.Seen;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * {@link SecretsManagerReader} on the wire, against a Secrets Manager stand-in: the request it
 * sends (target, body, SigV4 scope) and how it reads the answers, errors included.
 */
class SecretsManagerReaderWireTest {
  static final String ARN =
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:athena-ws/resume-AbCdEf";
  static final AwsSessionCredentials SESSION =
      AwsSessionCredentials.create("AKIDSECRETSTEST", "wJalrXUtnFEMI/K7MDENG", "session-token-1");
  private static final Instant AT = Instant.parse("2026-03-04T05:06:07Z");
  private static final String VALUE = "0123456789abcdef0123456789abcdef-resume";

  private final FakeSecretsManager server = new FakeSecretsManager();

  FakeSecretsManager server() {
    return server;
  }

  SecretsManagerReaderWireTest() throws IOException {}

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void sendsOneSignedGetSecretValueAndReturnsTheSecretString() throws Exception {
    server.answer(Answer.secret(ARN, VALUE));

    String value;
    try (SecretsManagerReader reader = reader(server.uri())) {
      value = reader.secretString(ARN);
    }

    assertThat(value).isEqualTo(VALUE);
    assertThat(server.seen()).hasSize(1);
    Seen request = server.last();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/");
    assertThat(request.header("x-amz-target")).isEqualTo("secretsmanager.GetSecretValue");
    assertThat(request.header("content-type")).isEqualTo("application/x-amz-json-1.1");
    assertThat(new ObjectMapper().readTree(request.body()))
        .isEqualTo(new ObjectMapper().createObjectNode().put("SecretId", ARN));
    assertThat(request.header("x-amz-date")).isEqualTo("20260304T050607Z");
    assertThat(request.header("x-amz-security-token")).isEqualTo("session-token-1");
    assertThat(request.header("authorization"))
        .startsWith(
            "AWS4-HMAC-SHA256 Credential=AKIDSECRETSTEST/20260304/eu-west-1/secretsmanager/aws4_request, SignedHeaders=")
        .matches(".*SignedHeaders=[^,]*x-amz-target[^,]*,.*")
        .matches(".*SignedHeaders=[^,]*x-amz-security-token[^,]*,.*")
        .matches(".*, Signature=[0-9a-f]{64}");
  }

  @ParameterizedTest(name = "{1} -> {2}")
  @CsvSource({
    "400, ResourceNotFoundException, ResourceNotFoundException",
    "400, com.amazonaws.secretsmanager#DecryptionFailure, DecryptionFailure",
    "400, AccessDeniedException:http://internal.amazon.com/coral/, AccessDeniedException",
    "500, InternalServiceError, InternalServiceError"
  })
  void anAwsErrorBecomesItsCode(int status, String type, String code) throws IOException {
    server.answer(Answer.error(status, type, "Secrets Manager can't find the specified secret."));

    try (SecretsManagerReader reader = reader(server.uri())) {
      assertThatThrownBy(() -> reader.secretString(ARN))
          .isInstanceOfSatisfying(
              SecretUnavailableException.class, e -> assertThat(e.code()).isEqualTo(code))
          .hasMessageContaining(code)
          .hasMessageContaining("HTTP " + status);
    }
  }

  @Test
  void theErrorTypeHeaderWins() throws IOException {
    server.answer(
        new Answer(
            400,
            Map.of("X-Amzn-ErrorType", "AccessDeniedException:http://x/"),
            "{\"message\":\"not authorized\"}"));

    try (SecretsManagerReader reader = reader(server.uri())) {
      assertThatThrownBy(() -> reader.secretString(ARN))
          .isInstanceOfSatisfying(
              SecretUnavailableException.class,
              e -> assertThat(e.code()).isEqualTo("AccessDeniedException"))
          .hasMessageContaining("not authorized");
    }
  }

  @Test
  void aBinarySecretIsRefused() throws IOException {
    server.answer(
        new Answer(200, Map.of(), "{\"ARN\":\"" + ARN + "\",\"SecretBinary\":\"AAECAw==\"}"));

    try (SecretsManagerReader reader = reader(server.uri())) {
      assertThatThrownBy(() -> reader.secretString(ARN))
          .isInstanceOfSatisfying(
              SecretUnavailableException.class,
              e -> assertThat(e.code()).isEqualTo("NoSecretString"));
    }
  }

  @Test
  void anUnreachableEndpointIsAnIoFailure() throws IOException {
    URI closed = server.uri();
    server.close();

    try (SecretsManagerReader reader = reader(closed)) {
      assertThatThrownBy(() -> reader.secretString(ARN))
          .isInstanceOfSatisfying(
              SecretUnavailableException.class, e -> assertThat(e.code()).isEqualTo("IOException"));
    }
  }

  @Test
  void theServiceEndpointVariableRedirectsTheReader() {
    try (SecretsManagerReader reader =
        SecretsManagerReader.fromEnvironment(
            Map.of(
                "AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:1",
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", server.uri().toString()))) {
      assertThat(reader.endpoint()).isEqualTo(server.uri());
    }
    try (SecretsManagerReader reader =
        SecretsManagerReader.fromEnvironment(Map.of("AWS_REGION", "eu-west-1"))) {
      assertThat(reader.endpoint())
          .isEqualTo(URI.create("https://secretsmanager.eu-west-1.amazonaws.com"));
    }
  }

  static SecretsManagerReader reader(URI endpoint) {
    return new SecretsManagerReader(
        UrlConnectionHttpClient.create(),
        StaticCredentialsProvider.create(SESSION),
        Region.EU_WEST_1,
        endpoint,
        Clock.fixed(AT, ZoneOffset.UTC));
  }
}
