package dev.athenaws.internal.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

class LazyS3Test {
  private static final S3Location OBJECT = new S3Location("results", "q1.csv");

  @Test
  void aClientThatCannotBeCreatedIsRefusedAtOnceForReadsAndLinksAndNotTriedAgain() {
    AtomicInteger attempts = new AtomicInteger();
    LazyS3 s3 =
        new LazyS3(
            () -> {
              attempts.incrementAndGet();
              throw new IllegalStateException("no AWS region configured");
            });

    assertThatThrownBy(() -> s3.open(OBJECT, 0, null))
        .isInstanceOfSatisfying(
            ObjectUnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(ObjectUnavailableException.Reason.NO_CLIENT))
        .hasMessageContaining("no AWS region configured");
    assertThatThrownBy(() -> s3.link(OBJECT, Duration.ofMinutes(1)))
        .isInstanceOf(ObjectUnavailableException.class);
    assertThat(attempts).hasValue(1);
  }

  @Test
  void theClientIsCreatedOnceAtTheFirstUseAndServesLinks() throws IOException {
    AtomicInteger created = new AtomicInteger();
    LazyS3 s3 =
        new LazyS3(
            () -> {
              created.incrementAndGet();
              return SignedS3.builder()
                  .httpClient(UrlConnectionHttpClient.create())
                  .credentials(
                      StaticCredentialsProvider.create(AwsBasicCredentials.create("AK", "SK")))
                  .region(Region.EU_WEST_1)
                  .endpointOverride(URI.create("http://127.0.0.1:9"))
                  .build();
            });
    assertThat(created).hasValue(0);

    // Nothing listens on port 9: the HEAD fails as an IOException, after the client was made.
    assertThatThrownBy(() -> s3.link(OBJECT, Duration.ofMinutes(1)))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> s3.open(OBJECT, 0, null)).isInstanceOf(IOException.class);
    assertThat(created).hasValue(1);
  }
}
