package dev.athenaws.local.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.internal.s3.DownloadLink;
import dev.athenaws.internal.s3.ObjectReader;
import dev.athenaws.internal.s3.ObjectUnavailableException;
import dev.athenaws.internal.s3.S3Location;
import dev.athenaws.internal.s3.SignedS3;
import dev.athenaws.local.LocalOptions;
import dev.athenaws.local.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An emulator result object read over HTTP from a started stack through SignedS3 (whole, ranged and
 * conditional, 404, presigned link, expired link), and the same object through the AWS SDK's
 * S3Client, a client nobody here wrote.
 */
class SignedS3LocalTest {
  static LocalStack stack;
  static S3Client sdk;
  static SignedS3 s3;
  static S3Location result;
  static byte[] bytes;

  @BeforeAll
  static void start() throws Exception {
    stack =
        LocalStack.start(LocalOptions.parse("--port", "0", "--events", "0", "--mode", "inline"));
    sdk = S3EndpointTest.client(stack.httpUri());
    s3 = signed(Clock.systemUTC());
    result = S3Location.parse(runQuery()).orElseThrow();
    bytes = sdk.getObjectAsBytes(b -> b.bucket(result.bucket()).key(result.key())).asByteArray();
    assertThat(bytes.length).isGreaterThan(100);
  }

  @AfterAll
  static void stop() {
    s3.close();
    sdk.close();
    stack.close();
  }

  static SignedS3 signed(Clock clock) {
    return SignedS3.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .credentials(StaticCredentialsProvider.create(S3EndpointTest.CREDENTIALS))
        .region(Region.US_EAST_1)
        .endpointOverride(stack.httpUri())
        .clock(clock)
        .build();
  }

  private static String runQuery() throws InterruptedException {
    try (AthenaClient athena =
        AthenaClient.builder()
            .endpointOverride(stack.httpUri())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(S3EndpointTest.CREDENTIALS))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      String id =
          athena
              .startQueryExecution(
                  b ->
                      b.queryString(
                          "SELECT x, 'row ' || CAST(x AS varchar) AS s FROM range(50) t(x)"))
              .queryExecutionId();
      for (int i = 0; i < 5000; i++) {
        var q = athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution();
        if (q.status().state() == QueryExecutionState.SUCCEEDED) {
          return q.resultConfiguration().outputLocation();
        }
        assertThat(q.status().state())
            .isIn(QueryExecutionState.QUEUED, QueryExecutionState.RUNNING);
        Thread.onSpinWait();
      }
      throw new AssertionError("query " + id + " did not finish");
    }
  }

  @Test
  void theWholeObjectIsWhatS3ClientReads() throws IOException {
    ObjectReader.Opened whole = s3.open(result, 0, null);
    assertThat(whole.body().readAllBytes()).isEqualTo(bytes);
    assertThat(whole.length()).isEqualTo(bytes.length);
    String sdkEtag = sdk.headObject(b -> b.bucket(result.bucket()).key(result.key())).eTag();
    assertThat(whole.etag()).isEqualTo(sdkEtag);
  }

  @Test
  void aConditionalRangedReopenReadsTheRestOfTheSameVersion() throws IOException {
    String etag = s3.open(result, 0, null).etag();
    ObjectReader.Opened rest = s3.open(result, 40, etag);
    assertThat(rest.body().readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, 40, bytes.length));
    assertThat(rest.length()).isEqualTo(bytes.length);
    assertThat(s3.open(result, bytes.length, etag).body().read()).isEqualTo(-1);
    assertThatThrownBy(() -> s3.open(result, 40, "\"another-version\""))
        .isInstanceOfSatisfying(
            ObjectUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(ObjectUnavailableException.Reason.CHANGED));
    assertThatThrownBy(
            () ->
                sdk.getObject(
                    b -> b.bucket(result.bucket()).key(result.key()).ifMatch("\"another\"")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
  }

  @Test
  void aMissingObjectIsNotFound() {
    assertThatThrownBy(() -> s3.open(new S3Location(result.bucket(), "results/none.csv"), 0, null))
        .isInstanceOfSatisfying(
            ObjectUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(ObjectUnavailableException.Reason.NOT_FOUND));
    assertThatThrownBy(
            () -> s3.link(new S3Location("no-such-bucket", "k.csv"), Duration.ofMinutes(1)))
        .isInstanceOf(ObjectUnavailableException.class);
  }

  @Test
  void aPresignedLinkServesTheObjectUntilItExpires() throws Exception {
    DownloadLink link = s3.link(result, Duration.ofMinutes(15));
    assertThat(link.bytes()).isEqualTo(bytes.length);
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<byte[]> got = http.send(get(link.url()), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.body()).isEqualTo(bytes);

    // Signed an hour ago for one minute: expired, refused with S3's 403.
    try (SignedS3 past =
        signed(Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC))) {
      URI expired = past.link(result, Duration.ofMinutes(1)).url();
      HttpResponse<String> refused = http.send(get(expired), HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("<Code>AccessDenied</Code>", "Request has expired");
    }
  }

  private static HttpRequest get(URI url) {
    return HttpRequest.newBuilder(url).GET().build();
  }
}
