package dev.athenaws.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.internal.s3.S3Location;
import dev.athenaws.retry.Sleeper;
import dev.athenaws.retry.VirtualTime;
import dev.athenaws.testing.FakeS3;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The cancel marks two hosts leave each other beside a result, in virtual time. */
class CancelMarksTest {
  private static final String RESULT = "s3://results/athena/q-1.csv";
  private static final String MARK = "s3://results/athena/q-1.csv.q-1.cancel";
  private static final String ACK = "s3://results/athena/q-1.csv.q-1.cancel-ack";

  private final VirtualTime time = new VirtualTime();
  private final FakeS3 s3 = new FakeS3();
  private BooleanSupplier streamer = () -> false;
  private Duration streamerFrom = Duration.ZERO;
  private Instant cancelAt;
  private int streamerLooks;

  /** The cancel's waits: the streaming run posts (and looks) while the cancel sleeps. */
  private final Sleeper whileStreaming =
      d -> {
        time.sleep(d);
        if (!time.instant().isBefore(cancelAt.plus(streamerFrom))) {
          streamerLooks++;
          streamer.getAsBoolean();
        }
      };

  private final CancelMarks marks = new CancelMarks(s3, time, whileStreaming);

  @Test
  void aRunThatSeesAFreshMarkStopsAndTheCancelSeesItsAcknowledgement() {
    Instant runStarted = time.instant();
    time.advance(Duration.ofSeconds(5));
    BooleanSupplier watch = marks.watch(RESULT, "q-1", runStarted);
    assertThat(watch.getAsBoolean()).isFalse(); // streaming, nothing cancelled
    streamer = watch;
    cancelAt = time.instant();

    assertThat(marks.request(RESULT, "q-1")).isEqualTo(CancelMarks.Answer.STOPPED);

    assertThat(watch.getAsBoolean()).isTrue();
    assertThat(s3.head(location(ACK)).orElseThrow())
        .isEqualTo(s3.head(location(MARK)).orElseThrow());
    assertThat(time.since(cancelAt)).isLessThanOrEqualTo(CancelMarks.WINDOW);
  }

  @Test
  void withNoRunStreamingTheCancelWaitsItsWindowAndHearsNothing() {
    cancelAt = time.instant();

    assertThat(marks.request(RESULT, "q-1")).isEqualTo(CancelMarks.Answer.NOT_STREAMING);

    assertThat(s3.exists(MARK)).isTrue();
    assertThat(s3.exists(ACK)).isFalse();
    assertThat(time.since(cancelAt))
        .isGreaterThanOrEqualTo(CancelMarks.WINDOW.plus(CancelMarks.GRACE))
        .isLessThan(
            CancelMarks.WINDOW.plus(CancelMarks.GRACE).plus(CancelMarks.POLL.multipliedBy(2)));
  }

  @Test
  void aMarkSeenTooLateIsIgnoredAndTheStreamGoesOnToComplete() {
    BooleanSupplier watch = marks.watch(RESULT, "q-1", time.instant());
    streamer = watch;
    // The run was busy (a slow post) and looks only 2.25 s after the mark: past answer-by - 1 s.
    streamerFrom = CancelMarks.WINDOW.minus(CancelMarks.HONOUR_BEFORE).plusMillis(250);
    cancelAt = time.instant();

    assertThat(marks.request(RESULT, "q-1")).isEqualTo(CancelMarks.Answer.NOT_STREAMING);

    assertThat(streamerLooks).isPositive();
    assertThat(watch.getAsBoolean()).isFalse();
    assertThat(s3.exists(ACK)).isFalse();
  }

  @Test
  void aRunIgnoresAMarkWrittenBeforeItStarted() {
    cancelAt = time.instant();
    marks.request(RESULT, "q-1"); // nobody streamed: the cancel answered QUERY_FINISHED
    time.advance(Duration.ofMillis(10));
    BooleanSupplier laterResume = marks.watch(RESULT, "q-1", time.instant());

    assertThat(laterResume.getAsBoolean()).isFalse();
    assertThat(s3.exists(ACK)).isFalse();
  }

  @Test
  void aMarkForAnotherQueryBesideTheSameResultIsNotThisRunsOwn() {
    // Result reuse: two query ids can share one result object.
    BooleanSupplier other = marks.watch(RESULT, "q-2", time.instant());
    streamer = other;
    cancelAt = time.instant();

    assertThat(marks.request(RESULT, "q-1")).isEqualTo(CancelMarks.Answer.NOT_STREAMING);
    assertThat(other.getAsBoolean()).isFalse();
  }

  @Test
  void aRunAsksS3AtMostOnceASecond() {
    BooleanSupplier watch = marks.watch(RESULT, "q-1", time.instant());
    for (int i = 0; i < 100; i++) {
      watch.getAsBoolean();
    }
    assertThat(s3.heads()).containsExactly(MARK);
    time.advance(ThrottledCheck.EVERY);
    watch.getAsBoolean();
    assertThat(s3.heads()).containsExactly(MARK, MARK);
  }

  @Test
  void aRefusedLookEndsTheLookingAndARefusedMarkAnswersAtOnce() {
    s3.deny(MARK);
    BooleanSupplier watch = marks.watch(RESULT, "q-1", time.instant());
    assertThat(watch.getAsBoolean()).isFalse();
    time.advance(Duration.ofSeconds(10));
    assertThat(watch.getAsBoolean()).isFalse();
    assertThat(s3.heads()).hasSize(1);

    Instant asked = time.instant();
    cancelAt = asked;
    assertThat(marks.request(RESULT, "q-1")).isEqualTo(CancelMarks.Answer.UNAVAILABLE);
    assertThat(time.since(asked)).isZero();
  }

  @Test
  void withoutS3OrAResultObjectNothingIsWrittenOrAsked() {
    assertThat(CancelMarks.off().request(RESULT, "q-1")).isEqualTo(CancelMarks.Answer.UNAVAILABLE);
    assertThat(CancelMarks.off().watch(RESULT, "q-1", time.instant()).getAsBoolean()).isFalse();
    cancelAt = time.instant();
    assertThat(marks.request(null, "q-1")).isEqualTo(CancelMarks.Answer.UNAVAILABLE);
    assertThat(marks.watch(null, "q-1", time.instant()).getAsBoolean()).isFalse();
    assertThat(s3.heads()).isEmpty();
    assertThat(s3.exists(MARK)).isFalse();
  }

  @Test
  void aStopOnceSeenStaysSeen() {
    Map<String, String> stamp =
        Map.of(
            CancelMarks.ANSWER_BY,
            Long.toString(time.instant().plus(CancelMarks.WINDOW).toEpochMilli()));
    BooleanSupplier watch = marks.watch(RESULT, "q-1", time.instant().minusSeconds(1));
    s3.put(location(MARK), stamp);
    assertThat(watch.getAsBoolean()).isTrue();
    time.advance(Duration.ofMinutes(5)); // long after the window
    assertThat(watch.getAsBoolean()).isTrue();
  }

  private static S3Location location(String uri) {
    return S3Location.parse(uri).orElseThrow();
  }
}
