package dev.athenaws.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.lambda.FakeSecretsManager.Answer;
import dev.athenaws.lambda.FakeSecretsManager.Seen;
import dev.athenaws.testing.SdkSignedHeaders;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.endpoints.SecretsManagerEndpointParams;
import software.amazon.awssdk.services.secretsmanager.endpoints.SecretsManagerEndpointProvider;

/**
 * {@link SecretsManagerReader} signs and addresses GetSecretValue exactly as the SDK's {@link
 * SecretsManagerClient} does: the same Authorization header for the same instant, request and
 * session credentials; the same endpoint on AWS in every partition; the same endpoint property.
 */
class SecretsManagerReaderMatchesSdkTest {
  private static final DateTimeFormatter AMZ_DATE = SdkSignedHeaders.AMZ_DATE;
  private static final Set<String> OURS =
      Set.of(
          "content-length",
          "content-type",
          "host",
          "x-amz-date",
          "x-amz-security-token",
          "x-amz-target");
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(SecretsManagerReaderWireTest.SESSION);
  private static final String ARN = SecretsManagerReaderWireTest.ARN;

  @Test
  void getSecretValueCarriesTheSameSignatureAsTheSdkClient() throws Exception {
    try (FakeSecretsManager server = new FakeSecretsManager();
        SecretsManagerClient sdk =
            SecretsManagerClient.builder()
                .endpointOverride(server.uri())
                .region(Region.EU_WEST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
      server.answer(Answer.secret(ARN, "x".repeat(40))).answer(Answer.secret(ARN, "x".repeat(40)));
      sdk.getSecretValue(b -> b.secretId(ARN));
      Seen theirs = server.last();
      Instant at = Instant.from(AMZ_DATE.parse(theirs.header("x-amz-date")));
      try (SecretsManagerReader ours =
          new SecretsManagerReader(
              UrlConnectionHttpClient.create(),
              CREDENTIALS,
              Region.EU_WEST_1,
              server.uri(),
              Clock.fixed(at, ZoneOffset.UTC),
              sdkOnly(theirs))) {
        ours.secretString(ARN);
      }
      Seen mine = server.last();
      assertThat(mine.body()).isEqualTo(theirs.body());
      assertThat(mine.header("x-amz-target")).isEqualTo(theirs.header("x-amz-target"));
      assertThat(mine.header("content-type")).isEqualTo(theirs.header("content-type"));
      assertThat(mine.header("authorization")).isEqualTo(theirs.header("authorization"));
    }
  }

  @ParameterizedTest(name = "endpoint in {0}")
  @ValueSource(
      strings = {"us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1", "ap-southeast-4"})
  void theAwsEndpointIsTheSdksEndpointRules(String region) throws Exception {
    URI theirs =
        SecretsManagerEndpointProvider.defaultProvider()
            .resolveEndpoint(
                SecretsManagerEndpointParams.builder().region(Region.of(region)).build())
            .get()
            .url();

    assertThat(SecretsManagerReader.awsEndpoint(Region.of(region))).isEqualTo(theirs);
  }

  /** The system property SecretsManagerReader reads is the one the SDK client reads. */
  @Test
  void theEndpointPropertyIsTheSdksOwn() throws Exception {
    try (FakeSecretsManager server = new FakeSecretsManager()) {
      server.answer(Answer.secret(ARN, "x".repeat(40))).answer(Answer.secret(ARN, "x".repeat(40)));
      System.setProperty("aws.endpointUrlSecretsManager", server.uri().toString());
      try (SecretsManagerClient sdk =
              SecretsManagerClient.builder()
                  .region(Region.EU_WEST_1)
                  .credentialsProvider(CREDENTIALS)
                  .httpClient(UrlConnectionHttpClient.create())
                  .build();
          SecretsManagerReader ours =
              SecretsManagerReader.fromEnvironment(Map.of("AWS_REGION", "eu-west-1"))) {
        sdk.getSecretValue(b -> b.secretId(ARN));
        assertThat(ours.endpoint()).isEqualTo(server.uri());
      } finally {
        System.clearProperty("aws.endpointUrlSecretsManager");
      }
      assertThat(server.seen()).hasSize(1);
    }
  }

  /**
   * The headers the SDK client signs that SecretsManagerReader does not send: its bookkeeping
   * ({@code amz-sdk-invocation-id}, {@code amz-sdk-request}) and, over the plain-HTTP endpoint of
   * this test, {@code x-amz-content-sha256} (the hash of the same body, which SigV4 signs either
   * way). They are given to the reader so that both sign the same header set.
   */
  private static Map<String, String> sdkOnly(Seen theirs) {
    Map<String, String> extra =
        SdkSignedHeaders.notIn(theirs.header("authorization"), OURS, theirs::header);
    assertThat(extra.keySet())
        .allMatch(n -> n.startsWith("amz-sdk-") || n.equals("x-amz-content-sha256"));
    return extra;
  }
}
