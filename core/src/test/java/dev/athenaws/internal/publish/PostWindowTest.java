package dev.athenaws.internal.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.Continuation;
import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.notify.PostOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;

/**
 * Up to N posts in flight per run: posts completing out of order, failures, Gone, throttling,
 * pauses and interrupts, with a notifier whose posts complete when the test says.
 */
class PostWindowTest {
  private static final List<GetQueryResultsResponse> PAGES = WindowDriver.pages(4, 500);
  private static final int ROWS = 2000;

  private WindowDriver driver;

  @AfterEach
  void close() {
    driver.close();
  }

  private static List<String> types(List<JsonNode> messages) {
    return messages.stream().map(m -> m.get("type").asText()).toList();
  }

  private static List<JsonNode> rows(List<JsonNode> messages) {
    return messages.stream().filter(m -> m.get("type").asText().equals("rows")).toList();
  }

  private static List<Integer> seqs(List<JsonNode> messages) {
    return rows(messages).stream().map(m -> m.get("seq").asInt()).toList();
  }

  /** The row values as a client that orders by seq sees them. */
  private static List<Integer> valuesInSeqOrder(List<JsonNode> messages) {
    List<Integer> out = new ArrayList<>();
    rows(messages).stream()
        .sorted(Comparator.comparingInt(m -> m.get("seq").asInt()))
        .forEach(m -> m.get("results").forEach(r -> out.add(r.get("n").asInt())));
    return out;
  }

  /** Publishes all of {@link #PAGES} with up to n posts in flight. */
  private PublishResult runAll(int n) {
    return driver.run(
        driver.publisher(n),
        WindowDriver.request(Continuation.start()),
        PAGES,
        PauseCondition.NEVER);
  }

  private static List<Integer> range(int from, int to) {
    return java.util.stream.IntStream.range(from, to).boxed().toList();
  }

  @Test
  void postsCompletingOutOfOrderKeepTheirSeqAndCompleteComesAfterAll() {
    driver = new WindowDriver();

    PublishResult result = runAll(4);

    List<JsonNode> delivered = driver.notifier.delivered();
    int chunks = seqs(delivered).size();
    assertThat(result).isEqualTo(new PublishResult.Completed(ROWS, chunks));
    assertThat(chunks).isGreaterThan(8);
    // The first window of four completed newest first, so the client got them out of order...
    assertThat(seqs(delivered).subList(0, 4)).containsExactly(3, 2, 1, 0);
    // ...and every seq once, every row once, complete last.
    assertThat(seqs(delivered)).containsExactlyInAnyOrderElementsOf(range(0, chunks));
    assertThat(valuesInSeqOrder(delivered)).isEqualTo(range(0, ROWS));
    assertThat(types(delivered).get(delivered.size() - 1)).isEqualTo("complete");
    assertThat(types(delivered)).filteredOn("complete"::equals).hasSize(1);
    assertThat(delivered.get(delivered.size() - 1).get("chunks").asInt()).isEqualTo(chunks);
    // Never more than four in flight, and the rows message with the columns is seq 0.
    assertThat(driver.notifier.batches()).allSatisfy(b -> assertThat(b).isBetween(1, 4));
    assertThat(driver.notifier.batches().get(0)).isEqualTo(4);
    assertThat(rows(delivered).stream().filter(m -> m.has("columns")))
        .singleElement()
        .satisfies(m -> assertThat(m.get("seq").asInt()).isZero());
    assertThat(driver.notifier.unfinished()).isZero();
  }

  @Test
  void oneInFlightPostsInOrderOnThePublishingThreadAsBefore() {
    driver = new WindowDriver();
    // With N = 1 no post waits in the notifier's gate: a post made on the publishing thread is
    // released at once by the driver, one at a time.
    PublishResult result = runAll(1);

    List<JsonNode> delivered = driver.notifier.delivered();
    int chunks = seqs(delivered).size();
    assertThat(result).isEqualTo(new PublishResult.Completed(ROWS, chunks));
    assertThat(driver.submitted()).isZero();
    assertThat(seqs(delivered)).isEqualTo(range(0, chunks));
    assertThat(driver.notifier.batches()).allSatisfy(b -> assertThat(b).isEqualTo(1));
    assertThat(types(delivered).get(delivered.size() - 1)).isEqualTo("complete");
  }

  @Test
  void aFailedPostStopsTheWindowAwaitsTheOthersAndSendsOneError() {
    driver =
        new WindowDriver(
            seq ->
                seq == 5
                    ? new PostOutcome.Rejected(PostOutcome.Reason.FORBIDDEN, 403, "Forbidden")
                    : new PostOutcome.Delivered(1));

    PublishResult result = runAll(4);

    assertThat(result)
        .isEqualTo(
            new PublishResult.Undelivered(
                new PostOutcome.Rejected(PostOutcome.Reason.FORBIDDEN, 403, "Forbidden")));
    List<JsonNode> delivered = driver.notifier.delivered();
    // Each post seen to end before seq 5's frees a slot for one more: with seq 5 the oldest of
    // four in flight that is three (up to seq 11) when outcomes are seen in release order; a post
    // thread that is slow to hand back seq 5's outcome on a loaded machine lets a later release
    // overtake it (the driver releases whenever the publisher waits), so allow a few more, but
    // never the rest of the ~25 messages: the window stops once the failure is seen.
    assertThat(driver.notifier.issued().size()).isBetween(6, 16);
    assertThat(seqs(delivered)).doesNotContain(5).doesNotHaveDuplicates();
    assertThat(seqs(delivered)).containsAll(range(0, 5));
    // One error, after every post in flight finished.
    assertThat(types(delivered)).filteredOn("error"::equals).hasSize(1);
    assertThat(types(delivered).get(delivered.size() - 1)).isEqualTo("error");
    assertThat(delivered.get(delivered.size() - 1).get("code").asText()).isEqualTo("INTERNAL");
    assertThat(types(delivered)).doesNotContain("complete");
    assertThat(driver.notifier.unfinished()).isZero();
  }

  @Test
  void aPostThatThrowsEndsWithOneErrorAfterTheOthers() {
    driver =
        new WindowDriver(
            seq -> {
              throw new dev.athenaws.error.AthenaWsException(
                  ErrorCode.INTERNAL, "the WebSocket management endpoint cannot be reached");
            });

    PublishResult result = runAll(4);

    assertThat(result).isEqualTo(new PublishResult.Failed(ErrorCode.INTERNAL, true));
    assertThat(types(driver.notifier.delivered())).containsExactly("error");
    assertThat(driver.notifier.issued()).hasSize(4);
    assertThat(driver.notifier.unfinished()).isZero();
  }

  @Test
  void aGonePostStopsIssuingAndSendsNothingMore() {
    driver =
        new WindowDriver(seq -> seq == 5 ? new PostOutcome.Gone() : new PostOutcome.Delivered(1));

    PublishResult result = runAll(4);

    assertThat(result).isEqualTo(new PublishResult.ConnectionGone());
    assertThat(driver.notifier.issued().size()).isBetween(6, 12);
    List<JsonNode> delivered = driver.notifier.delivered();
    assertThat(types(delivered)).containsOnly("rows");
    assertThat(seqs(delivered)).doesNotContain(5).doesNotHaveDuplicates();
    assertThat(driver.notifier.unfinished()).isZero();
  }

  @Test
  void aThrottledPostInAFullWindowStillDeliversEveryRowOnce() {
    // Seq 2 went through only after the notifier's retries (it was throttled).
    driver =
        new WindowDriver(
            seq -> seq == 2 ? new PostOutcome.Delivered(3) : new PostOutcome.Delivered(1));

    PublishResult result = runAll(4);

    assertThat(result).isInstanceOf(PublishResult.Completed.class);
    List<Integer> batches = driver.notifier.batches();
    assertThat(batches.get(0)).isEqualTo(4);
    // How far the window shrinks and widens again, step by step: PostWindowLimitTest (here, with
    // posts completing on real threads, the batch sizes depend on thread timing).
    // ...and every row still arrives exactly once.
    List<JsonNode> delivered = driver.notifier.delivered();
    assertThat(valuesInSeqOrder(delivered)).isEqualTo(range(0, ROWS));
    assertThat(seqs(delivered)).doesNotHaveDuplicates();
  }

  @Test
  void aPauseWaitsForThePostsInFlightAndTheResumeLosesNothing() {
    driver = new WindowDriver();
    ResultPublisher publisher = driver.publisher(4);

    PublishResult first =
        driver.run(publisher, WindowDriver.request(Continuation.start()), PAGES, () -> true);

    assertThat(first).isInstanceOf(PublishResult.Paused.class);
    Continuation next = ((PublishResult.Paused) first).next();
    assertThat(driver.notifier.unfinished()).isZero();
    assertThat(seqs(driver.notifier.delivered()))
        .containsExactlyInAnyOrderElementsOf(range(0, next.nextSeq()));
    assertThat(next.rowsSoFar()).isEqualTo(500);

    PublishResult rest =
        driver.run(
            publisher,
            WindowDriver.request(next),
            PAGES.subList(1, PAGES.size()),
            PauseCondition.NEVER);

    assertThat(rest).isInstanceOf(PublishResult.Completed.class);
    List<JsonNode> delivered = driver.notifier.delivered();
    int chunks = seqs(delivered).size();
    assertThat(seqs(delivered)).containsExactlyInAnyOrderElementsOf(range(0, chunks));
    assertThat(valuesInSeqOrder(delivered)).isEqualTo(range(0, ROWS));
    assertThat(types(delivered).get(delivered.size() - 1)).isEqualTo("complete");
  }

  @Test
  void anInterruptWhilePostsAreInFlightStopsIssuingAndAwaitsThemUncut() {
    driver = new WindowDriver();
    ResultPublisher publisher = driver.publisher(4);
    FutureTask<PublishResult> task =
        new FutureTask<>(
            () ->
                publisher.publish(
                    WindowDriver.request(Continuation.start()),
                    PAGES.iterator(),
                    PauseCondition.NEVER));

    // Interrupted while four posts are in flight; they complete after the interrupt.
    PublishResult result = driver.run(task, Thread::interrupt);

    assertThat(result).isEqualTo(new PublishResult.Failed(ErrorCode.QUERY_CANCELLED, true));
    // Nothing was issued after the interrupt; the four in flight were not cut but delivered, and
    // the error came after them.
    assertThat(driver.notifier.issued()).containsExactlyInAnyOrder(0, 1, 2, 3);
    List<JsonNode> delivered = driver.notifier.delivered();
    assertThat(seqs(delivered)).containsExactlyInAnyOrder(0, 1, 2, 3);
    assertThat(types(delivered)).containsExactly("rows", "rows", "rows", "rows", "error");
    assertThat(delivered.get(4).get("code").asText()).isEqualTo("QUERY_CANCELLED");
    assertThat(driver.notifier.unfinished()).isZero();
  }
}
