package dev.athenaws.local.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.local.LocalOptions;
import dev.athenaws.local.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The stack's S3 endpoint through the real SDK S3 client, path-style, at the stack's one URL. */
class S3EndpointTest {
  static final String BUCKET = LocalStack.RESULTS_BUCKET;
  static final byte[] CONTENT =
      "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);
  static final AwsBasicCredentials CREDENTIALS = AwsBasicCredentials.create("local", "local");
  static LocalStack stack;
  static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    stack =
        LocalStack.start(LocalOptions.parse("--port", "0", "--events", "0", "--mode", "inline"));
    s3 = client(stack.httpUri());
    stack.objects().put(BUCKET, "fixtures/alphabet.txt", "text/plain", CONTENT);
  }

  @AfterAll
  static void stop() {
    s3.close();
    stack.close();
  }

  static S3Client client(URI endpoint) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Test
  void putObjectStoresTheBodyAndUserMetadataThatGetAndHeadReturn() {
    // The SDK's defaults: over plain HTTP the body goes aws-chunked with a trailing checksum.
    s3.putObject(
        b ->
            b.bucket(BUCKET)
                .key("marks/q1.csv.q1.cancel")
                .metadata(java.util.Map.of("answer-by", "1765000000000")),
        software.amazon.awssdk.core.sync.RequestBody.fromBytes(CONTENT));
    ResponseBytes<GetObjectResponse> got =
        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("marks/q1.csv.q1.cancel"));
    assertThat(got.asByteArray()).isEqualTo(CONTENT);
    assertThat(got.response().metadata()).containsEntry("answer-by", "1765000000000");
    HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("marks/q1.csv.q1.cancel"));
    assertThat(head.metadata())
        .containsExactlyEntriesOf(java.util.Map.of("answer-by", "1765000000000"));
    assertThat(head.contentLength()).isEqualTo(CONTENT.length);

    s3.putObject(
        b -> b.bucket(BUCKET).key("marks/empty"),
        software.amazon.awssdk.core.sync.RequestBody.empty());
    assertThat(s3.headObject(b -> b.bucket(BUCKET).key("marks/empty")).contentLength()).isZero();
    assertThatThrownBy(
            () ->
                s3.putObject(
                    b -> b.bucket("no-such-bucket").key("k"),
                    software.amazon.awssdk.core.sync.RequestBody.empty()))
        .isInstanceOf(NoSuchBucketException.class);
  }

  @Test
  void getObjectReturnsTheWholeObject() {
    ResponseBytes<GetObjectResponse> got =
        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("fixtures/alphabet.txt"));
    assertThat(got.asByteArray()).isEqualTo(CONTENT);
    assertThat(got.response().contentLength()).isEqualTo(CONTENT.length);
    assertThat(got.response().contentType()).isEqualTo("text/plain");
  }

  @Test
  void aRangeGives206WithContentRange() {
    ResponseBytes<GetObjectResponse> got =
        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("fixtures/alphabet.txt").range("bytes=2-5"));
    assertThat(got.asUtf8String()).isEqualTo("2345");
    assertThat(got.response().contentRange()).isEqualTo("bytes 2-5/36");
    ResponseBytes<GetObjectResponse> tail =
        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("fixtures/alphabet.txt").range("bytes=30-"));
    assertThat(tail.asUtf8String()).isEqualTo("uvwxyz");
    assertThat(tail.response().contentRange()).isEqualTo("bytes 30-35/36");
  }

  @Test
  void aRangeFromBeyondTheEndIs416InvalidRange() {
    assertThatThrownBy(
            () ->
                s3.getObjectAsBytes(
                    b -> b.bucket(BUCKET).key("fixtures/alphabet.txt").range("bytes=36-")))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(416);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
            });
  }

  @Test
  void headObjectGivesLengthEtagAndLastModified() throws Exception {
    Instant before = Instant.now().minusSeconds(60);
    HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("fixtures/alphabet.txt"));
    String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(CONTENT));
    assertThat(head.contentLength()).isEqualTo(CONTENT.length);
    assertThat(head.eTag()).isEqualTo("\"" + md5 + "\"");
    assertThat(head.lastModified()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
  }

  @Test
  void aMissingKeyIsNoSuchKeyAndAMissingBucketNoSuchBucket() {
    assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("nope.csv")))
        .isInstanceOfSatisfying(
            NoSuchKeyException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("no-such-bucket").key("k")))
        .isInstanceOf(NoSuchBucketException.class);
  }

  @Test
  void aPresignedUrlWorksUntilItExpires() throws Exception {
    URI url;
    try (S3Presigner presigner =
        S3Presigner.builder()
            .endpointOverride(stack.httpUri())
            .serviceConfiguration(
                software.amazon.awssdk.services.s3.S3Configuration.builder()
                    .pathStyleAccessEnabled(true)
                    .build())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS))
            .build()) {
      url =
          presigner
              .presignGetObject(
                  p ->
                      p.signatureDuration(Duration.ofMinutes(15))
                          .getObjectRequest(g -> g.bucket(BUCKET).key("fixtures/alphabet.txt")))
              .url()
              .toURI();
    }
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> ok =
        http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo(new String(CONTENT, StandardCharsets.US_ASCII));

    // The same URL signed 16 minutes ago (signatures are not verified, X-Amz-Date is): expired.
    String signed = query(url, "X-Amz-Date");
    String earlier =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now().minus(Duration.ofMinutes(16)));
    URI expired =
        URI.create(url.toString().replace("X-Amz-Date=" + signed, "X-Amz-Date=" + earlier));
    HttpResponse<String> refused =
        http.send(HttpRequest.newBuilder(expired).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body())
        .contains("<Code>AccessDenied</Code>")
        .contains("<Message>Request has expired</Message>")
        .contains("<X-Amz-Expires>900</X-Amz-Expires>");
  }

  private static String query(URI url, String name) {
    for (String pair : url.getRawQuery().split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    throw new AssertionError(name + " missing from " + url);
  }
}
