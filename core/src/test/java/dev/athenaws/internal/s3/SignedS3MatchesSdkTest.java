package dev.athenaws.internal.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.internal.s3.RecordingS3Server.Seen;
import dev.athenaws.testing.SdkSignedHeaders;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * SignedS3 signs exactly as the S3 SDK module does: the same Authorization header as {@link
 * S3Client}'s GetObject and the same presigned URL as {@link S3Presigner}, for the same instant and
 * static session credentials, keys with special characters included.
 */
class SignedS3MatchesSdkTest {
  private static final DateTimeFormatter AMZ_DATE = SdkSignedHeaders.AMZ_DATE;
  private static final Set<String> OURS =
      Set.of(
          "content-length",
          "host",
          "if-match",
          "range",
          "x-amz-content-sha256",
          "x-amz-date",
          "x-amz-meta-answer-by",
          "x-amz-security-token");
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(SignedS3WireTest.SESSION);

  @ParameterizedTest(name = "GetObject {0}")
  @ValueSource(strings = {"results/q1.csv", "a b/k=v+x/ünï.csv", "x~y_z-1.2/*'()!.csv"})
  void getObjectCarriesTheSameSignatureAsS3Client(String key) throws IOException {
    try (RecordingS3Server server = new RecordingS3Server();
        S3Client sdk =
            sdk(server)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build()) {
      sdk.getObject(b -> b.bucket("results").key(key).range("bytes=7-").ifMatch("\"e1\"")).close();
      Seen theirs = server.last();
      Instant at = Instant.from(AMZ_DATE.parse(theirs.header("x-amz-date")));
      try (SignedS3 ours = client(server.uri(), Region.US_EAST_1, at)) {
        ours.open(new S3Location("results", key), 7, "\"e1\"", sdkOnly(theirs)).body().close();
      }
      Seen mine = server.last();
      assertThat(mine.rawPath()).isEqualTo(theirs.rawPath());
      assertThat(mine.header("x-amz-content-sha256"))
          .isEqualTo(theirs.header("x-amz-content-sha256"));
      assertThat(mine.header("authorization")).isEqualTo(theirs.header("authorization"));
    }
  }

  @ParameterizedTest(name = "PutObject and HeadObject {0}")
  @ValueSource(strings = {"results/q1.csv.q1.cancel", "a b/ünï.csv.q-2.cancel-ack"})
  void markerWritesAndReadsCarryTheSameSignaturesAsS3Client(String key) throws IOException {
    try (RecordingS3Server server = new RecordingS3Server();
        S3Client sdk =
            sdk(server)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                // Over plain HTTP the SDK would stream the body aws-chunked; a marker is empty.
                .serviceConfiguration(c -> c.chunkedEncodingEnabled(false))
                .build()) {
      Map<String, String> meta = Map.of("answer-by", "1765000000000");
      sdk.putObject(b -> b.bucket("results").key(key).metadata(meta), RequestBody.empty());
      Seen theirs = server.last();
      Instant at = Instant.from(AMZ_DATE.parse(theirs.header("x-amz-date")));
      try (SignedS3 ours = client(server.uri(), Region.US_EAST_1, at)) {
        Map<String, String> extra = new java.util.HashMap<>(sdkOnly(theirs, "content-type"));
        ours.put(new S3Location("results", key), meta, extra);
      }
      Seen mine = server.last();
      assertThat(mine.method()).isEqualTo("PUT").isEqualTo(theirs.method());
      assertThat(mine.rawPath()).isEqualTo(theirs.rawPath());
      assertThat(mine.header("x-amz-meta-answer-by")).isEqualTo("1765000000000");
      assertThat(mine.header("authorization")).isEqualTo(theirs.header("authorization"));

      sdk.headObject(b -> b.bucket("results").key(key));
      theirs = server.last();
      at = Instant.from(AMZ_DATE.parse(theirs.header("x-amz-date")));
      try (SignedS3 ours = client(server.uri(), Region.US_EAST_1, at)) {
        ours.head(new S3Location("results", key), sdkOnly(theirs));
      }
      mine = server.last();
      assertThat(mine.method()).isEqualTo("HEAD").isEqualTo(theirs.method());
      assertThat(mine.header("authorization")).isEqualTo(theirs.header("authorization"));
    }
  }

  @ParameterizedTest(name = "presign s3://{1}/{2} in {0}")
  @CsvSource({
    "us-west-2, results, out/q1.csv",
    "eu-central-1, results, a b/k=v+x/ünï.csv",
    "cn-north-1, results, q.csv",
    "us-west-2, my.dotted.bucket, q.csv"
  })
  void presignedUrlsAreS3PresignersOnAws(String region, String bucket, String key)
      throws IOException {
    Region r = Region.of(region);
    try (S3Presigner presigner =
        S3Presigner.builder().region(r).credentialsProvider(CREDENTIALS).build()) {
      URI theirs = presign(presigner, bucket, key);
      try (SignedS3 ours = client(null, r, signedAt(theirs))) {
        assertThat(ours.presign(new S3Location(bucket, key), Duration.ofMinutes(15), 0).url())
            .isEqualTo(theirs);
      }
    }
  }

  @ParameterizedTest(name = "presign {0} at an endpoint override")
  @ValueSource(strings = {"results/q1.csv", "a b/k=v+x/ünï.csv"})
  void presignedUrlsAreS3PresignersAtAnEndpointOverride(String key) throws IOException {
    URI endpoint = URI.create("http://127.0.0.1:8080");
    try (S3Presigner presigner =
        S3Presigner.builder()
            .region(Region.US_EAST_1)
            .credentialsProvider(CREDENTIALS)
            .endpointOverride(endpoint)
            .serviceConfiguration(
                software.amazon.awssdk.services.s3.S3Configuration.builder()
                    .pathStyleAccessEnabled(true)
                    .build())
            .build()) {
      URI theirs = presign(presigner, "athena-ws-local", key);
      try (SignedS3 ours = client(endpoint, Region.US_EAST_1, signedAt(theirs))) {
        assertThat(
                ours.presign(new S3Location("athena-ws-local", key), Duration.ofMinutes(15), 0)
                    .url())
            .isEqualTo(theirs);
      }
    }
  }

  /**
   * The headers S3Client signs that SignedS3 does not send: its own bookkeeping ({@code
   * amz-sdk-invocation-id}, {@code amz-sdk-request}) and a checksum of the empty request body. They
   * are given to SignedS3 so that both sign the same header set (and, for PutObject, the content
   * type the SDK gives an empty body).
   */
  private static Map<String, String> sdkOnly(Seen theirs, String... alsoAllowed) {
    Map<String, String> extra =
        SdkSignedHeaders.notIn(theirs.header("authorization"), OURS, theirs::header);
    Set<String> allowed = Set.of(alsoAllowed);
    assertThat(extra.keySet())
        .allMatch(
            n ->
                n.startsWith("amz-sdk-") || n.startsWith("x-amz-checksum-") || allowed.contains(n));
    return extra;
  }

  private static URI presign(S3Presigner presigner, String bucket, String key) {
    try {
      return presigner
          .presignGetObject(
              p ->
                  p.signatureDuration(Duration.ofMinutes(15))
                      .getObjectRequest(g -> g.bucket(bucket).key(key)))
          .url()
          .toURI();
    } catch (java.net.URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  private static Instant signedAt(URI presigned) {
    Matcher m = Pattern.compile("X-Amz-Date=(\\d{8}T\\d{6}Z)").matcher(presigned.getRawQuery());
    assertThat(m.find()).isTrue();
    return Instant.from(AMZ_DATE.parse(m.group(1)));
  }

  /** The SDK's S3 client at the recording server, path style, with the same credentials. */
  private static software.amazon.awssdk.services.s3.S3ClientBuilder sdk(RecordingS3Server server) {
    return S3Client.builder()
        .endpointOverride(server.uri())
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create());
  }

  private static SignedS3 client(URI endpoint, Region region, Instant at) {
    return SignedS3.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .credentials(CREDENTIALS)
        .region(region)
        .endpointOverride(endpoint)
        .clock(Clock.fixed(at, ZoneOffset.UTC))
        .build();
  }
}
