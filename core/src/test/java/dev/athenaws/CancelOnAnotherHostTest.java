package dev.athenaws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.internal.protocol.ChunkPolicy;
import dev.athenaws.notify.Connection;
import dev.athenaws.notify.ConnectionNotifier;
import dev.athenaws.notify.PostOutcome;
import dev.athenaws.retry.Sleeper;
import dev.athenaws.testing.FakeAthenaQuery;
import dev.athenaws.testing.FakeS3;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A cancel handled by one host (a Lambda instance) while another streams the query's rows, as in
 * inline mode on AWS: the two share nothing but Athena and S3, and the cancel reaches the stream
 * through the mark it leaves beside the result. Virtual time: the streaming host's posts move the
 * clock (100 ms each); the cancelling host's waits follow it.
 */
class CancelOnAnotherHostTest {
  private static final byte[] SECRET =
      "an-example-secret-of-32-bytes-ok".getBytes(StandardCharsets.UTF_8);
  private static final String QUERY =
      "{\"action\":\"query\",\"query\":\"by-a\",\"parameters\":{\"a\":\"x\"},\"requestId\":\"r1\"}";
  private static final Duration POST_TIME = Duration.ofMillis(100);

  private final FrontDoorWire wire = new FrontDoorWire();
  private final Connection client = wire.client;
  private final FakeS3 s3 = new FakeS3();
  private final AtomicInteger posts = new AtomicInteger();
  private final AtomicBoolean streamerDone = new AtomicBoolean();
  private final Object progress = new Object();
  private volatile IntConsumer beforePost = n -> {};

  /** The streaming host: every post takes 100 ms of the shared virtual clock. */
  private final ConnectionNotifier slowPosts =
      new ConnectionNotifier() {
        @Override
        public PostOutcome post(Connection connection, byte[] payload) {
          beforePost.accept(posts.incrementAndGet());
          wire.time.advance(POST_TIME);
          synchronized (progress) {
            progress.notifyAll();
          }
          return wire.notifier.post(connection, payload);
        }

        @Override
        public PostOutcome disconnect(Connection connection) {
          return wire.notifier.disconnect(connection);
        }
      };

  /**
   * The cancelling host's waits: they end when the streaming host's posts have moved the clock on
   * (or at once when it has stopped), so the cancel's window is measured in the stream's progress.
   */
  private final Sleeper followsTheStream =
      d -> {
        Instant until = wire.time.instant().plus(d);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        synchronized (progress) {
          while (wire.time.instant().isBefore(until)) {
            if (streamerDone.get() || System.nanoTime() > deadline) {
              wire.time.sleep(Duration.between(wire.time.instant(), until));
              return;
            }
            progress.wait(50);
          }
        }
      };

  private final AthenaWs streamer = host(slowPosts, wire.time).build();
  private final AthenaWs canceller = host(wire.notifier, followsTheStream).build();

  private AthenaWs.Builder host(ConnectionNotifier notifier, Sleeper sleeper) {
    return AthenaWs.builder()
        .athenaClient(wire.athena.client())
        .notifier(notifier)
        .catalog(AthenaWsTest.CATALOG)
        .objectReader(s3) // results: not there, so read from the API; marks: written here
        .chunkPolicy(new ChunkPolicy(1024))
        .postsInFlight(1)
        .resumeTokens(SECRET)
        .clock(wire.time)
        .sleeper(sleeper);
  }

  @AfterEach
  void close() {
    streamer.close();
    canceller.close();
    wire.close();
  }

  @Test
  void aCancelOnAnotherHostStopsTheRowsBeingStreamedWithOneFinalMessage() throws Exception {
    wire.athena.nextQuery(FakeAthenaQuery.numberedSelect(5, 400).build());
    CompletableFuture<Outcome> cancel = new CompletableFuture<>();
    beforePost =
        n -> {
          if (n == 12) { // rows are streaming
            List<JsonNode> got = wire.received();
            String frame =
                SessionsTest.cancel(
                    got.get(0).path("resumeToken").asText(),
                    got.get(0).path("queryExecutionId").asText());
            Thread t = new Thread(() -> cancel.complete(canceller.handle(client, frame)));
            t.setDaemon(true);
            t.start();
            awaitMark(got.get(0).path("queryExecutionId").asText());
          }
        };

    Outcome streamed = runToEnd();

    assertThat(streamed).isEqualTo(new Outcome.Ran(new PublishResult.Stopped()));
    String id = wire.received().get(0).path("queryExecutionId").asText();
    assertThat(cancel.get(20, TimeUnit.SECONDS)).isEqualTo(new Outcome.Cancelled(id));
    List<String> types = wire.received().stream().map(m -> m.path("type").asText()).toList();
    assertThat(types).doesNotContain("complete");
    assertThat(types.get(types.size() - 1)).isEqualTo("error");
    assertThat(types.stream().filter("error"::equals)).hasSize(1);
    JsonNode last = wire.received().get(types.size() - 1);
    assertThat(last.path("code").asText()).isEqualTo(ErrorCode.QUERY_CANCELLED.name());
    long rows =
        wire.received().stream().filter(m -> m.path("type").asText().equals("rows")).count();
    assertThat(rows).isPositive();
    assertThat(posts.get()).isLessThan(12 + 1 + 10 + 2); // stopped within about a second of posts
    assertThat(s3.exists(markUri(id) + "-ack")).isTrue();
  }

  @Test
  void aCancelOnAnotherHostAfterTheLastRowIsFinishedAndTheStreamStaysComplete() {
    wire.athena.nextQuery(FakeAthenaQuery.numberedSelect(1, 20).build());
    runToEnd();
    List<JsonNode> got = wire.received();
    String id = got.get(0).path("queryExecutionId").asText();
    String frame = SessionsTest.cancel(got.get(0).path("resumeToken").asText(), id);

    Outcome cancel = canceller.handle(client, frame);

    assertThat(cancel).isEqualTo(new Outcome.Refused(ErrorCode.QUERY_FINISHED));
    List<String> types = wire.received().stream().map(m -> m.path("type").asText()).toList();
    assertThat(types).contains("complete").endsWith("error");
    assertThat(wire.received().get(types.size() - 1).path("code").asText())
        .isEqualTo(ErrorCode.QUERY_FINISHED.name());
    assertThat(s3.exists(markUri(id))).isTrue();
    assertThat(s3.exists(markUri(id) + "-ack")).isFalse();
  }

  private Outcome runToEnd() {
    try {
      return streamer.handle(client, QUERY);
    } finally {
      streamerDone.set(true);
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  private void awaitMark(String id) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!s3.exists(markUri(id))) {
      assertThat(System.nanoTime()).as("the cancel wrote its mark").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  private static String markUri(String id) {
    return "s3://fake-athena-results/" + id + ".csv." + id + ".cancel";
  }
}
