package dev.athenaws.internal.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.internal.s3.RecordingS3Server.Answer;
import dev.athenaws.internal.s3.RecordingS3Server.Seen;
import dev.athenaws.retry.VirtualTime;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** Every request SignedS3 sends, checked at a JDK HttpServer, and what each answer means. */
class SignedS3WireTest {
  static final AwsSessionCredentials SESSION =
      AwsSessionCredentials.create("AKIDEXAMPLE", "secret", "the-session-token");
  private static final S3Location OBJECT = new S3Location("results", "out/q1.csv");
  private static final String AUTH =
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20210801/us-east-1/s3/aws4_request,"
          + " SignedHeaders=([a-z0-9-]+;)*x-amz-content-sha256;x-amz-date;x-amz-security-token,"
          + " Signature=[0-9a-f]{64}";

  private final VirtualTime time = new VirtualTime();
  private final RecordingS3Server server;
  private final SignedS3 s3;

  SignedS3WireTest() throws IOException {
    server = new RecordingS3Server();
    s3 = client(server.uri(), StaticCredentialsProvider.create(SESSION));
  }

  private SignedS3 client(URI endpoint, StaticCredentialsProvider credentials) {
    return SignedS3.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .credentials(credentials)
        .region(Region.US_EAST_1)
        .endpointOverride(endpoint)
        .clock(time)
        .build();
  }

  @AfterEach
  void stop() {
    s3.close();
    server.close();
  }

  @Test
  void aWholeObjectIsOneSignedPathStyleGetWithoutRangeOrCondition() throws IOException {
    server.answer(Answer.of(200, "a,b\n", "ETag", "\"e1\""));
    ObjectReader.Opened opened = s3.open(OBJECT, 0, null);
    assertThat(new String(opened.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a,b\n");
    assertThat(opened.etag()).isEqualTo("\"e1\"");
    assertThat(opened.length()).isEqualTo(4);
    Seen get = server.last();
    assertThat(get.method()).isEqualTo("GET");
    assertThat(get.rawPath()).isEqualTo("/results/out/q1.csv");
    assertThat(get.header("host")).isEqualTo(server.uri().getAuthority());
    assertThat(get.header("range")).isNull();
    assertThat(get.header("if-match")).isNull();
    assertThat(get.header("x-amz-date")).isEqualTo("20210801T000000Z");
    // Plain HTTP: the signer signs the empty body's hash (over HTTPS it sends UNSIGNED-PAYLOAD).
    assertThat(get.header("x-amz-content-sha256"))
        .isIn(
            "UNSIGNED-PAYLOAD", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(get.header("x-amz-security-token")).isEqualTo("the-session-token");
    assertThat(get.header("authorization")).matches(AUTH);
  }

  @Test
  void aResumeAsksForTheRestOfTheSameVersion() throws IOException {
    server.answer(Answer.of(206, "fghij", "ETag", "\"e1\"", "Content-Range", "bytes 5-9/10"));
    ObjectReader.Opened opened = s3.open(OBJECT, 5, "\"e1\"");
    assertThat(opened.body().readAllBytes()).hasSize(5);
    assertThat(opened.length()).isEqualTo(10);
    Seen get = server.last();
    assertThat(get.header("range")).isEqualTo("bytes=5-");
    assertThat(get.header("if-match")).isEqualTo("\"e1\"");
    assertThat(get.header("authorization")).matches(AUTH).contains("if-match;").contains("range;");
  }

  @ParameterizedTest(name = "key {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a b/c.csv|/results/a%20b/c.csv",
        "k=v/x+y.csv|/results/k%3Dv/x%2By.csv",
        "ünï/cödé.csv|/results/%C3%BCn%C3%AF/c%C3%B6d%C3%A9.csv",
        "a~b_c-d.e/f*g.csv|/results/a~b_c-d.e/f%2Ag.csv"
      })
  void keysAreEncodedOnceWithSlashesKept(String key, String path) throws IOException {
    s3.open(new S3Location("results", key), 0, null).body().close();
    assertThat(server.last().rawPath()).isEqualTo(path);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "403, AccessDenied, ACCESS_DENIED",
    "404, NoSuchKey, NOT_FOUND",
    "404, NoSuchBucket, NOT_FOUND",
    "412, PreconditionFailed, CHANGED"
  })
  void refusalsAreNotRetryable(int status, String code, ObjectUnavailableException.Reason reason) {
    server.answer(Answer.error(status, code));
    assertThatThrownBy(() -> s3.open(OBJECT, 3, "\"e1\""))
        .isInstanceOf(ObjectUnavailableException.class)
        .hasMessageContaining(code)
        .extracting(e -> ((ObjectUnavailableException) e).reason())
        .isEqualTo(reason);
  }

  @ParameterizedTest(name = "{0} {1} is retryable")
  @CsvSource({"500, InternalError", "503, SlowDown", "429, TooManyRequests", "400, ExpiredToken"})
  void transientFailuresAreIoExceptions(int status, String code) {
    server.answer(Answer.error(status, code));
    assertThatThrownBy(() -> s3.open(OBJECT, 0, null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(code);
  }

  @Test
  void aRangeFromTheEndReadsNothingButPastTheEndMeansAnotherObject() throws IOException {
    Answer end =
        new Answer(
            416,
            java.util.Map.of("Content-Range", "bytes */10"),
            "<Error><Code>InvalidRange</Code></Error>");
    server.answer(end, end);
    ObjectReader.Opened rest = s3.open(OBJECT, 10, "\"e1\"");
    assertThat(rest.body().read()).isEqualTo(-1);
    assertThat(rest.length()).isEqualTo(10);
    assertThatThrownBy(() -> s3.open(OBJECT, 12, "\"e1\""))
        .isInstanceOf(ObjectUnavailableException.class)
        .extracting(e -> ((ObjectUnavailableException) e).reason())
        .isEqualTo(ObjectUnavailableException.Reason.CHANGED);
  }

  @Test
  void aConnectionClosedWithoutAnAnswerIsAnIoException() throws IOException {
    try (ServerSocket dead = new ServerSocket(0)) {
      Thread closer =
          new Thread(
              () -> {
                try {
                  while (true) { // HttpURLConnection tries a GET twice
                    dead.accept().close();
                  }
                } catch (IOException ignored) {
                  // the socket is closed: test over
                }
              });
      closer.start();
      SignedS3 toDead =
          client(
              URI.create("http://127.0.0.1:" + dead.getLocalPort()),
              StaticCredentialsProvider.create(SESSION));
      assertThatThrownBy(() -> toDead.open(OBJECT, 0, null)).isInstanceOf(IOException.class);
      toDead.close();
    }
  }

  @Test
  void aLinkIsAHeadThenAPresignedGetForThatObjectOnly() throws IOException {
    server.answer(Answer.of(200, "", "Content-Length", "1234", "ETag", "\"e1\""));
    DownloadLink link = s3.link(OBJECT, Duration.ofMinutes(15));
    Seen head = server.last();
    assertThat(head.method()).isEqualTo("HEAD");
    assertThat(head.rawPath()).isEqualTo("/results/out/q1.csv");
    assertThat(head.header("authorization")).matches(AUTH);
    assertThat(link.bytes()).isEqualTo(1234);
    assertThat(link.expiresAt()).isEqualTo(time.instant().plus(Duration.ofMinutes(15)));
    URI url = link.url();
    assertThat(url.getRawPath()).isEqualTo("/results/out/q1.csv");
    assertThat(url.getRawQuery())
        .contains("X-Amz-Algorithm=AWS4-HMAC-SHA256")
        .contains("X-Amz-Date=20210801T000000Z")
        .contains("X-Amz-Expires=900")
        .contains("X-Amz-SignedHeaders=host")
        .contains("X-Amz-Security-Token=the-session-token")
        .contains("X-Amz-Credential=AKIDEXAMPLE%2F20210801%2Fus-east-1%2Fs3%2Faws4_request")
        .containsPattern("X-Amz-Signature=[0-9a-f]{64}");
    assertThat(link.toString()).doesNotContain("Signature").doesNotContain("X-Amz");
  }

  @Test
  void aLinkNeverOutlivesTheCredentialsThatSignedIt() throws IOException {
    Instant expiry = time.instant().plus(Duration.ofMinutes(5));
    AwsSessionCredentials expiring =
        AwsSessionCredentials.builder()
            .accessKeyId("AKIDEXAMPLE")
            .secretAccessKey("secret")
            .sessionToken("t")
            .expirationTime(expiry)
            .build();
    SignedS3 lambda = client(server.uri(), StaticCredentialsProvider.create(expiring));
    DownloadLink link = lambda.presign(OBJECT, Duration.ofMinutes(15), 1);
    assertThat(link.expiresAt()).isEqualTo(expiry);
    assertThat(link.url().getRawQuery()).contains("X-Amz-Expires=300");
  }

  @Test
  void aLinkForAMissingOrForbiddenObjectIsRefusedAndValidityIsBounded() {
    server.answer(Answer.of(404, ""), Answer.of(403, ""));
    assertThatThrownBy(() -> s3.link(OBJECT, Duration.ofMinutes(1)))
        .isInstanceOf(ObjectUnavailableException.class)
        .extracting(e -> ((ObjectUnavailableException) e).reason())
        .isEqualTo(ObjectUnavailableException.Reason.NOT_FOUND);
    assertThatThrownBy(() -> s3.link(OBJECT, Duration.ofMinutes(1)))
        .extracting(e -> ((ObjectUnavailableException) e).reason())
        .isEqualTo(ObjectUnavailableException.Reason.ACCESS_DENIED);
    assertThatThrownBy(() -> s3.link(OBJECT, Duration.ofDays(7).plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s3.link(OBJECT, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aMarkerIsAnEmptyPutWithMetadataAndItsHeadReadsTheMetadataBack() throws IOException {
    server.answer(
        Answer.of(200, ""),
        Answer.of(200, "", "x-amz-meta-answer-by", "1765000000000", "Content-Length", "0"),
        Answer.of(404, ""));
    s3.put(OBJECT, java.util.Map.of("answer-by", "1765000000000"));
    RecordingS3Server.Seen put = server.last();
    assertThat(put.method()).isEqualTo("PUT");
    assertThat(put.rawPath()).isEqualTo("/results/out/q1.csv");
    assertThat(put.header("x-amz-meta-answer-by")).isEqualTo("1765000000000");
    assertThat(put.header("content-length")).isEqualTo("0");
    assertThat(put.header("authorization"))
        .contains(
            "SignedHeaders=content-length;host;x-amz-content-sha256;x-amz-date;"
                + "x-amz-meta-answer-by;x-amz-security-token,");
    assertThat(put.header("x-amz-content-sha256")) // the empty body's SHA-256
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    assertThat(s3.head(OBJECT)).contains(java.util.Map.of("answer-by", "1765000000000"));
    assertThat(server.last().method()).isEqualTo("HEAD");
    assertThat(s3.head(OBJECT)).isEmpty(); // 404: no such marker
  }

  @Test
  void aMarkerRefusedIsNotRetryableAndA503Is() {
    server.answer(Answer.of(403, ""), Answer.error(403, "AccessDenied"), Answer.of(503, ""));
    assertThatThrownBy(() -> s3.head(OBJECT))
        .extracting(e -> ((ObjectUnavailableException) e).reason())
        .isEqualTo(ObjectUnavailableException.Reason.ACCESS_DENIED);
    assertThatThrownBy(() -> s3.put(OBJECT, java.util.Map.of()))
        .extracting(e -> ((ObjectUnavailableException) e).reason())
        .isEqualTo(ObjectUnavailableException.Reason.ACCESS_DENIED);
    assertThatThrownBy(() -> s3.head(OBJECT))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(ObjectUnavailableException.class);
  }
}
