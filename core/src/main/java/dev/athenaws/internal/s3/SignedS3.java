package dev.athenaws.internal.s3;

import dev.athenaws.internal.aws.AwsHttp;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.Region;

/**
 * S3's {@code GetObject}, {@code HeadObject}, presigned {@code GetObject} URLs and the empty {@code
 * PutObject} of {@link MarkerObjects} without the S3 SDK module: plain HTTP requests signed with
 * SigV4 by the SDK's own {@link AwsV4HttpSigner} (the http-auth-aws module the Athena client
 * brings) and sent with an {@link SdkHttpClient}. It reads result objects ({@link ObjectReader}:
 * ranged and ETag-conditional for resumes) and makes download links ({@link DownloadLinks}:
 * HeadObject, then a presigned URL). Each call is one attempt: the callers retry {@link
 * IOException}s with backoff.
 *
 * <p>Signing as S3 wants it (S3 API reference, "Authenticating Requests (AWS Signature Version
 * 4)"): service {@code s3}, the path encoded once and not normalized, {@code x-amz-content-sha256}
 * sent and signed ({@code UNSIGNED-PAYLOAD} over HTTPS; over plain HTTP the SDK signer signs the
 * empty body's hash, as S3Client does), {@code x-amz-security-token} for session credentials
 * (Lambda's are); presigned URLs are query-string authentication with {@code X-Amz-Expires} (at
 * most 604800 s) and {@code UNSIGNED-PAYLOAD}. See docs/aws-behaviour.md, "Signing S3 requests".
 *
 * <p>Thread-safety: thread-safe when the HTTP client and credentials provider are (the SDK's are).
 *
 * <p>Exceptions: {@link #open} and {@link #link} throw as their interfaces say; {@link
 * #fromEnvironment} and the builder's {@link Builder#build} throw {@link IllegalStateException}
 * when something required is missing (no region, no HTTP client) and {@link
 * IllegalArgumentException} for a bad endpoint setting.
 */
public final class SignedS3 implements ObjectReader, DownloadLinks, MarkerObjects, AutoCloseable {
  /** The longest a presigned URL may be valid, 7 days (X-Amz-Expires at most 604800). */
  public static final Duration MAX_LINK_VALIDITY = Duration.ofSeconds(604_800);

  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

  private final SdkHttpClient http;
  private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
  private final Region region;
  private final URI endpointOverride;
  private final Clock clock;

  private SignedS3(Builder b) {
    this.http = Objects.requireNonNull(b.http, "httpClient");
    this.credentials = Objects.requireNonNull(b.credentials, "credentials");
    this.region = Objects.requireNonNull(b.region, "region");
    this.endpointOverride = b.endpointOverride;
    this.clock = b.clock;
  }

  /**
   * @return a builder; httpClient, credentials and region are required
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The client a Lambda function or service wants: the default credentials chain, the default
   * region chain, the endpoint from {@code aws.endpointUrlS3}, {@code aws.endpointUrl}, {@code
   * AWS_ENDPOINT_URL_S3} or {@code AWS_ENDPOINT_URL} (the SDK's order; path style then), and the
   * first HTTP client found with {@link java.util.ServiceLoader} (the Lambda jar bundles
   * url-connection-client).
   *
   * @return the client
   * @throws IllegalStateException when no HTTP client implementation is on the class path or no
   *     region is configured
   * @throws IllegalArgumentException when the endpoint setting is not an http(s) URL
   */
  public static SignedS3 fromEnvironment() {
    return fromEnvironment(System::getenv);
  }

  /**
   * As {@link #fromEnvironment()}, with the environment variables ({@code AWS_REGION}, {@code
   * AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL}) read from the given lookup, for a host whose
   * configuration is a map rather than the process environment; system properties ({@code
   * aws.region}, {@code aws.endpointUrlS3}, {@code aws.endpointUrl}) still come first, as in the
   * SDK, and the default region chain is the last resort.
   *
   * @param environment looks up an environment variable, null when unset
   * @return the client
   * @throws IllegalStateException as {@link #fromEnvironment()}
   * @throws IllegalArgumentException as {@link #fromEnvironment()}
   */
  public static SignedS3 fromEnvironment(UnaryOperator<String> environment) {
    return fromEnvironment(System::getProperty, environment);
  }

  /**
   * As {@link #fromEnvironment(UnaryOperator)}, with the system properties read from {@code
   * properties}: a host that builds the client later than it configures it (at first use) passes a
   * snapshot taken when it was configured.
   *
   * @param properties looks up a system property, null when unset
   * @param environment looks up an environment variable, null when unset
   * @return the client
   * @throws IllegalStateException as {@link #fromEnvironment()}
   * @throws IllegalArgumentException as {@link #fromEnvironment()}
   */
  public static SignedS3 fromEnvironment(
      UnaryOperator<String> properties, UnaryOperator<String> environment) {
    return builder()
        .httpClient(AwsHttp.httpClientFromClassPath())
        .credentials(DefaultCredentialsProvider.builder().build())
        .region(AwsHttp.region(properties, environment))
        .endpointOverride(S3Addresses.endpointFromEnvironment(properties, environment).orElse(null))
        .build();
  }

  @Override
  public Opened open(S3Location location, long fromByte, String ifMatch) throws IOException {
    return open(location, fromByte, ifMatch, Map.of());
  }

  /** As {@link #open}, with more headers signed and sent (tests compare with the SDK's). */
  Opened open(S3Location location, long fromByte, String ifMatch, Map<String, String> more)
      throws IOException {
    Objects.requireNonNull(location, "location");
    if (fromByte < 0) {
      throw new IllegalArgumentException("fromByte must be >= 0: " + fromByte);
    }
    SdkHttpRequest.Builder request = request(SdkHttpMethod.GET, location);
    if (fromByte > 0) {
      request.putHeader("Range", "bytes=" + fromByte + "-");
    }
    if (ifMatch != null) {
      request.putHeader("If-Match", ifMatch);
    }
    more.forEach(request::putHeader);
    HttpExecuteResponse response = send(sign(request.build(), currentCredentials(), null));
    return S3Responses.opened(response, location, fromByte);
  }

  @Override
  public DownloadLink link(S3Location location, Duration validFor) throws IOException {
    Objects.requireNonNull(location, "location");
    checkValidity(validFor);
    HttpExecuteResponse head =
        send(sign(request(SdkHttpMethod.HEAD, location).build(), currentCredentials(), null));
    long bytes = S3Responses.headLength(head, location);
    return presign(location, validFor, bytes);
  }

  @Override
  public void put(S3Location location, Map<String, String> metadata) throws IOException {
    put(location, metadata, Map.of());
  }

  /** As {@link #put}, with more headers signed and sent (tests compare with the SDK's). */
  void put(S3Location location, Map<String, String> metadata, Map<String, String> more)
      throws IOException {
    Objects.requireNonNull(location, "location");
    SdkHttpRequest.Builder request =
        request(SdkHttpMethod.PUT, location).putHeader("Content-Length", "0");
    metadata.forEach((name, value) -> request.putHeader(S3Responses.META + name, value));
    more.forEach(request::putHeader);
    ContentStreamProvider empty = ContentStreamProvider.fromByteArray(new byte[0]);
    AwsCredentialsIdentity identity = currentCredentials();
    SdkHttpRequest signed =
        SIGNER
            .sign(
                r ->
                    common(r.identity(identity).request(request.build()).payload(empty))
                        // The empty body's SHA-256, as S3Client signs a body it can hash.
                        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true))
            .request();
    HttpExecuteResponse response = AwsHttp.send(http, signed, empty);
    S3Responses.written(response, location);
  }

  @Override
  public Optional<Map<String, String>> head(S3Location location) throws IOException {
    return head(location, Map.of());
  }

  /** As {@link #head}, with more headers signed and sent (tests compare with the SDK's). */
  Optional<Map<String, String>> head(S3Location location, Map<String, String> more)
      throws IOException {
    Objects.requireNonNull(location, "location");
    SdkHttpRequest.Builder request = request(SdkHttpMethod.HEAD, location);
    more.forEach(request::putHeader);
    HttpExecuteResponse head = send(sign(request.build(), currentCredentials(), null));
    return S3Responses.metadata(head, location);
  }

  /**
   * The presigned GET URL alone (no HeadObject): valid for validFor, or until the credentials
   * expire when that is sooner (S3 refuses a presigned request once the credentials that signed it
   * have expired, whatever its X-Amz-Expires).
   */
  DownloadLink presign(S3Location location, Duration validFor, long bytes) throws IOException {
    checkValidity(validFor);
    AwsCredentialsIdentity identity = currentCredentials();
    Instant now = clock.instant();
    Duration valid = Duration.ofSeconds(validFor.getSeconds());
    Optional<Instant> credentialsExpire = identity.expirationTime();
    if (credentialsExpire.isPresent()) {
      Duration left = Duration.between(now, credentialsExpire.get());
      if (left.getSeconds() < 1) {
        throw new IOException("the credentials expire before a link could be used");
      }
      if (left.compareTo(valid) < 0) {
        valid = Duration.ofSeconds(left.getSeconds());
      }
    }
    SdkHttpRequest signed = sign(request(SdkHttpMethod.GET, location).build(), identity, valid);
    return new DownloadLink(signed.getUri(), now.plus(valid), bytes);
  }

  private static void checkValidity(Duration validFor) {
    if (validFor.getSeconds() < 1 || validFor.compareTo(MAX_LINK_VALIDITY) > 0) {
      throw new IllegalArgumentException("a link is valid for 1 s to 7 days: " + validFor);
    }
  }

  private SdkHttpRequest.Builder request(SdkHttpMethod method, S3Location location) {
    return SdkHttpRequest.builder()
        .method(method)
        .uri(S3Addresses.objectUri(location, region, endpointOverride));
  }

  private AwsCredentialsIdentity currentCredentials() {
    return AwsHttp.currentCredentials(credentials);
  }

  /** Signs with the Authorization header, or presigns (query string) when presignFor is given. */
  private SdkHttpRequest sign(
      SdkHttpRequest request, AwsCredentialsIdentity identity, Duration presignFor) {
    return SIGNER
        .sign(
            r -> {
              common(r.identity(identity).request(request))
                  .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false);
              if (presignFor != null) {
                r.putProperty(
                        AwsV4FamilyHttpSigner.AUTH_LOCATION,
                        AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                    .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, presignFor);
              }
            })
        .request();
  }

  /** The signing properties every S3 request shares. */
  private SignRequest.Builder<AwsCredentialsIdentity> common(
      SignRequest.Builder<AwsCredentialsIdentity> r) {
    return r.putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
        .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
        .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
        .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
        .putProperty(HttpSigner.SIGNING_CLOCK, clock);
  }

  private HttpExecuteResponse send(SdkHttpRequest signed) throws IOException {
    return AwsHttp.send(http, signed, null);
  }

  /** Closes the HTTP client. */
  @Override
  public void close() {
    http.close();
  }

  /**
   * Builds a {@link SignedS3}.
   *
   * <p>Thread-safety: not thread-safe.
   *
   * <p>Exceptions: {@link #build} throws {@link NullPointerException} when httpClient, credentials
   * or region is missing.
   */
  public static final class Builder {
    private SdkHttpClient http;
    private IdentityProvider<? extends AwsCredentialsIdentity> credentials;
    private Region region;
    private URI endpointOverride;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * @param client sends the requests (closed by {@link SignedS3#close})
     * @return this builder
     */
    public Builder httpClient(SdkHttpClient client) {
      this.http = client;
      return this;
    }

    /**
     * @param provider the credentials; an {@code AwsCredentialsProvider} is one
     * @return this builder
     */
    public Builder credentials(IdentityProvider<? extends AwsCredentialsIdentity> provider) {
      this.credentials = provider;
      return this;
    }

    /**
     * @param region the buckets' region (signing scope and host)
     * @return this builder
     */
    public Builder region(Region region) {
      this.region = region;
      return this;
    }

    /**
     * @param endpoint an S3-compatible endpoint (path style is used), null for AWS's
     * @return this builder
     */
    public Builder endpointOverride(URI endpoint) {
      this.endpointOverride = endpoint;
      return this;
    }

    /**
     * @param clock the time requests are signed at and links expire from (default: system UTC)
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @return the client
     */
    public SignedS3 build() {
      return new SignedS3(this);
    }
  }
}
