package dev.athenaws.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.internal.aws.AwsHttp;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * Secrets Manager's {@code GetSecretValue}, hand-written: one SigV4-signed POST in the AWS JSON 1.1
 * protocol, signed by the SDK's own {@link AwsV4HttpSigner} and sent over the bundled HTTP client.
 * Why not the SDK's {@code secretsmanager} module: measured, it grows the shaded Lambda jar from
 * 11,816,753 to 12,633,828 bytes, over its 12 MiB (12,582,912) budget (docs/dependencies.md); the
 * call needs nothing the bundled SDK auth modules do not already have.
 *
 * <p>The request as the SDK's {@code SecretsManagerClient} sends it
 * (SecretsManagerReaderMatchesSdkTest compares the signatures): {@code POST /} to {@code
 * https://secretsmanager.<region>.<dnsSuffix>}, {@code Content-Type: application/x-amz-json-1.1},
 * {@code X-Amz-Target: secretsmanager.GetSecretValue}, body {@code {"SecretId": "<arn>"}} (Secrets
 * Manager API reference, GetSecretValue), signing name {@code secretsmanager}. The endpoint
 * override follows the SDK: {@code aws.endpointUrlSecretsManager}, {@code aws.endpointUrl}, {@code
 * AWS_ENDPOINT_URL_SECRETS_MANAGER}, {@code AWS_ENDPOINT_URL} (the names the SDK 2.59.1 {@code
 * DefaultSecretsManagerBaseClientBuilder} reads; {@link AwsHttp#endpointOverride}). An error's code
 * is the {@code X-Amzn-ErrorType} header or the body's {@code __type} (or {@code code}), less any
 * {@code namespace#} prefix and {@code :...} suffix (Smithy, "AWS JSON 1.1 protocol", operation
 * error serialization, https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html).
 *
 * <p>Thread-safety: thread-safe (one request per call). Exceptions: {@link #secretString} throws
 * {@link SecretUnavailableException}; {@link #fromEnvironment} as {@link AwsHttp} says.
 */
final class SecretsManagerReader implements SecretSource, AutoCloseable {
  static final String TARGET = "secretsmanager.GetSecretValue";
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SdkHttpClient http;
  private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
  private final Region region;
  private final URI endpoint;
  private final Clock clock;
  private final Map<String, String> extraHeaders;

  SecretsManagerReader(
      SdkHttpClient http,
      IdentityProvider<? extends AwsCredentialsIdentity> credentials,
      Region region,
      URI endpointOverride,
      Clock clock) {
    this(http, credentials, region, endpointOverride, clock, Map.of());
  }

  /** As the other, with more headers signed and sent (tests compare with the SDK's). */
  SecretsManagerReader(
      SdkHttpClient http,
      IdentityProvider<? extends AwsCredentialsIdentity> credentials,
      Region region,
      URI endpointOverride,
      Clock clock,
      Map<String, String> extraHeaders) {
    this.http = Objects.requireNonNull(http, "http");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.region = Objects.requireNonNull(region, "region");
    this.endpoint = endpointOverride != null ? endpointOverride : awsEndpoint(region);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.extraHeaders = Map.copyOf(extraHeaders);
  }

  /**
   * The function's own: its credentials (the default chain), region and endpoint settings.
   *
   * @param env the environment variables
   * @throws IllegalStateException when no HTTP client or region is found
   * @throws IllegalArgumentException when an endpoint setting is not an http(s) URL
   */
  static SecretsManagerReader fromEnvironment(Map<String, String> env) {
    return new SecretsManagerReader(
        AwsHttp.httpClientFromClassPath(),
        DefaultCredentialsProvider.builder().build(),
        AwsHttp.region(env::get),
        AwsHttp.endpointOverride(
                "aws.endpointUrlSecretsManager",
                "AWS_ENDPOINT_URL_SECRETS_MANAGER",
                System::getProperty,
                env::get)
            .orElse(null),
        Clock.systemUTC());
  }

  /**
   * {@code https://secretsmanager.<region>.<dnsSuffix>}, as the SDK's endpoint rules resolve it.
   */
  static URI awsEndpoint(Region region) {
    return URI.create(
        "https://secretsmanager." + region.id() + "." + PartitionMetadata.of(region).dnsSuffix());
  }

  URI endpoint() {
    return endpoint;
  }

  @Override
  public String secretString(String secretId) throws SecretUnavailableException {
    Objects.requireNonNull(secretId, "secretId");
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(Map.of("SecretId", secretId));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    AwsCredentialsIdentity identity;
    try {
      identity = AwsHttp.currentCredentials(credentials);
    } catch (RuntimeException e) {
      throw new SecretUnavailableException("NoCredentials", e.getMessage(), e);
    }
    SdkHttpRequest.Builder request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(endpoint.resolve("/"))
            .putHeader("Content-Type", CONTENT_TYPE)
            .putHeader("X-Amz-Target", TARGET)
            .putHeader("Content-Length", Integer.toString(body.length));
    extraHeaders.forEach(request::putHeader);
    ContentStreamProvider payload = ContentStreamProvider.fromByteArrayUnsafe(body);
    SdkHttpRequest signed =
        SIGNER
            .sign(
                r ->
                    r.identity(identity)
                        .request(request.build())
                        .payload(payload)
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "secretsmanager")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                        .putProperty(HttpSigner.SIGNING_CLOCK, clock))
            .request();
    try {
      HttpExecuteResponse response = AwsHttp.send(http, signed, payload);
      return SecretsManagerResponses.secretString(response);
    } catch (IOException e) {
      throw new SecretUnavailableException("IOException", e.toString(), e);
    }
  }

  /** Closes the HTTP client. */
  @Override
  public void close() {
    http.close();
  }
}
