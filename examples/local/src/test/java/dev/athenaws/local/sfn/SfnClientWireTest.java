package dev.athenaws.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.athenaws.local.athena.EmulatorResponse;
import dev.athenaws.retry.VirtualTime;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;

/**
 * The AWS SDK's SfnClient, a client nobody here wrote, against the endpoint over HTTP: it starts an
 * execution whose Lambda task waits, stops it with an error and cause, and reads it back; the ARN
 * the SDK got from StartExecution is the one the workflow saw as {@code $$.Execution.Id}.
 */
class SfnClientWireTest {
  private static final String ARN = "arn:aws:states:us-east-1:000000000000:stateMachine:sm";
  private static final String FN = "arn:aws:lambda:us-east-1:000000000000:function:f";

  private final CountDownLatch inside = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final String[] seenArn = new String[1];
  private final StepFunctionsEmulator sfn =
      new StepFunctionsEmulator(
          ARN,
          ("{'StartAt':'L','States':{'L':{'Type':'Task','Resource':'"
                  + FN
                  + "','Parameters':{'self.$':'$$.Execution.Id'},'End':true}}}")
              .replace('\'', '"'),
          null,
          Map.of(
              FN,
              (in, out, remaining) -> {
                seenArn[0] = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                inside.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                out.write("{}".getBytes(StandardCharsets.UTF_8));
              }),
          new WorkflowSettings(Duration.ofSeconds(60), Duration.ofMillis(100)),
          new VirtualTime(Instant.parse("2026-01-01T00:00:00Z")),
          new BlockingSleeper());
  private final HttpServer server = serve(sfn);
  private final SfnClient client =
      SfnClient.builder()
          .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
          .region(Region.US_EAST_1)
          .credentialsProvider(
              StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
          .httpClient(UrlConnectionHttpClient.create())
          .build();

  @AfterEach
  void close() {
    release.countDown();
    client.close();
    server.stop(0);
    sfn.close();
  }

  @Test
  void stopAndDescribeThroughTheSdk() throws Exception {
    String arn =
        client.startExecution(b -> b.stateMachineArn(ARN).name("wire").input("{}")).executionArn();
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(seenArn[0]).isEqualTo("{\"self\":\"" + arn + "\"}");
    assertThat(client.describeExecution(b -> b.executionArn(arn)).status())
        .isEqualTo(ExecutionStatus.RUNNING);

    Instant stopDate =
        client
            .stopExecution(b -> b.executionArn(arn).error("Cancelled").cause("by the client"))
            .stopDate();
    assertThat(stopDate).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    DescribeExecutionResponse d = client.describeExecution(b -> b.executionArn(arn));
    assertThat(d.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(d.error()).isEqualTo("Cancelled");
    assertThat(d.cause()).isEqualTo("by the client");
    assertThat(d.stopDate()).isEqualTo(stopDate);

    assertThatThrownBy(
            () ->
                client.stopExecution(
                    b -> b.executionArn("arn:aws:states:us-east-1:000000000000:execution:sm:no")))
        .isInstanceOf(ExecutionDoesNotExistException.class);
    assertThatThrownBy(() -> client.stopExecution(b -> b.executionArn("not-an-arn")))
        .isInstanceOf(InvalidArnException.class);
  }

  /** POST / with X-Amz-Target to the emulator, as the local stack's AwsEndpoints does. */
  private static HttpServer serve(StepFunctionsEmulator sfn) {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      s.createContext(
          "/",
          exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
              body = in.readAllBytes();
            }
            EmulatorResponse r =
                sfn.handle(exchange.getRequestHeaders().getFirst("X-Amz-Target"), body);
            exchange.getResponseHeaders().add("Content-Type", r.contentType());
            exchange.sendResponseHeaders(r.status(), r.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(r.body());
            }
          });
      s.start();
      return s;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
