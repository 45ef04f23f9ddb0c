package dev.athenaws.internal.session;

import dev.athenaws.internal.s3.MarkerObjects;
import dev.athenaws.internal.s3.ObjectUnavailableException;
import dev.athenaws.internal.s3.S3Location;
import dev.athenaws.retry.Sleeper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's {@code cancel} of rows that another host is streaming (an inline run: each Lambda
 * instance serves one invocation at a time, so the cancel always runs in another instance; or a
 * push task): Athena keeps a SUCCEEDED query SUCCEEDED, and only the streaming run knows whether it
 * stopped before its {@code complete}: nothing the two share says "stop" and answers "stopped".
 * This is that signal, without a database: two empty objects beside the query's result in S3.
 *
 * <ol>
 *   <li>The cancel writes {@code <result>.<query id>.cancel} with metadata {@code answer-by} = now
 *       + {@link #WINDOW} (epoch milliseconds), then looks for the acknowledgement every {@link
 *       #POLL} until {@code answer-by} + {@link #GRACE}.
 *   <li>A streaming run looks for the mark at most once a second ({@link ThrottledCheck}). A mark
 *       written after the run started and seen before {@code answer-by} - {@link #HONOUR_BEFORE}
 *       stops it: it writes {@code <result>.<query id>.cancel-ack} with the same {@code answer-by}
 *       and posts nothing more. A mark seen later is ignored: the run goes on to {@code complete}.
 *   <li>The cancel saw the acknowledgement: the client gets QUERY_CANCELLED (the run said nothing).
 *       It did not: no run was streaming (the rows were all sent) or none stopped in time, and the
 *       client gets QUERY_FINISHED. Either way one final message each.
 * </ol>
 *
 * S3 reads are strongly consistent after a write (S3 User Guide, "Amazon S3 data consistency
 * model": "after a successful write of a new object ... any subsequent read request immediately
 * receives the latest version"), so a mark written is a mark seen. The windows assume the hosts'
 * clocks agree to well under a second (Lambda hosts are synchronised by the Amazon Time Sync
 * Service). The role needs {@code s3:PutObject} and {@code s3:GetObject} on the result prefix and
 * {@code s3:ListBucket} on the bucket (without it a HeadObject of a missing object is 403, not
 * 404): a run whose look is refused stops looking, a cancel whose mark is refused hears {@link
 * Answer#UNAVAILABLE} (and stops a push task's execution instead), and both log why.
 *
 * <p>Thread-safety: thread-safe.
 *
 * <p>Exceptions: none; S3 failures are logged and answered as "no mark" / "not acknowledged".
 */
public final class CancelMarks {
  private static final Logger LOG = LoggerFactory.getLogger(CancelMarks.class);

  /** How long after writing its mark a cancel waits for a run to acknowledge it. */
  public static final Duration WINDOW = Duration.ofSeconds(3);

  /** A run honours a mark only if it sees it this long before {@code answer-by}. */
  static final Duration HONOUR_BEFORE = Duration.ofSeconds(1);

  /** How long past {@code answer-by} a cancel still looks, for an acknowledgement under way. */
  static final Duration GRACE = Duration.ofMillis(500);

  /** How often a cancel looks for the acknowledgement. */
  static final Duration POLL = Duration.ofMillis(250);

  static final String ANSWER_BY = "answer-by";

  private static final CancelMarks OFF = new CancelMarks(null, Clock.systemUTC(), d -> {});

  private final MarkerObjects objects;
  private final Clock clock;
  private final Sleeper sleeper;
  private final AtomicBoolean refusalLogged = new AtomicBoolean();

  /**
   * @param objects where the marks are written and read
   * @param clock the clock of {@code answer-by}
   * @param sleeper waits between looks for an acknowledgement
   */
  public CancelMarks(MarkerObjects objects, Clock clock, Sleeper sleeper) {
    this.objects = objects;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * @return marks that are never written or seen (a host without S3)
   */
  public static CancelMarks off() {
    return OFF;
  }

  /** What became of a cancel mark. */
  public enum Answer {
    /** A run stopped streaming and said so: the caller tells the client QUERY_CANCELLED. */
    STOPPED,
    /** No run was streaming, or none stopped in time: the rows were or will all be sent. */
    NOT_STREAMING,
    /** No mark could be written (no S3, no result object, refused): the caller uses other means. */
    UNAVAILABLE
  }

  /**
   * Asks a run elsewhere that streams the query's rows to stop, and waits (at most {@link #WINDOW}
   * + {@link #GRACE}) for it to say it did.
   *
   * @param outputLocation the query's result ({@code s3://...}), null when it has none in S3
   * @param queryExecutionId the query
   * @return STOPPED when a run stopped (the caller tells the client), NOT_STREAMING when none did
   *     in time, UNAVAILABLE when the mark could not be written
   */
  public Answer request(String outputLocation, String queryExecutionId) {
    Optional<S3Location> result = S3Location.parse(outputLocation);
    if (objects == null || result.isEmpty()) {
      return Answer.UNAVAILABLE;
    }
    Instant answerBy = clock.instant().plus(WINDOW);
    String stamp = Long.toString(answerBy.toEpochMilli());
    try {
      objects.put(mark(result.get(), queryExecutionId), Map.of(ANSWER_BY, stamp));
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "cancel mark for query {} could not be written ({}): stopping it by other means",
          queryExecutionId,
          e.toString());
      return Answer.UNAVAILABLE;
    }
    S3Location ack = ack(result.get(), queryExecutionId);
    Instant last = answerBy.plus(GRACE);
    try {
      while (!clock.instant().isAfter(last)) {
        sleeper.sleep(POLL);
        if (acknowledged(ack, stamp)) {
          return Answer.STOPPED;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Answer.NOT_STREAMING;
  }

  private boolean acknowledged(S3Location ack, String stamp) {
    try {
      return objects.head(ack).map(m -> stamp.equals(m.get(ANSWER_BY))).orElse(false);
    } catch (IOException | RuntimeException e) {
      LOG.debug("cancel acknowledgement {} not readable: {}", ack, e.toString());
      return false;
    }
  }

  /**
   * What a streaming run asks before its posts: true once a cancel mark written after the run
   * started was seen (and acknowledged) in time; S3 is asked at most once a second.
   *
   * @param outputLocation the query's result ({@code s3://...}), null when it has none in S3
   * @param queryExecutionId the query
   * @param runStarted when the run started: marks from before (a cancel that an earlier run
   *     answered) are not for it
   * @return the stop check
   */
  public BooleanSupplier watch(String outputLocation, String queryExecutionId, Instant runStarted) {
    Optional<S3Location> result = S3Location.parse(outputLocation);
    if (objects == null || result.isEmpty()) {
      return () -> false;
    }
    S3Location mark = mark(result.get(), queryExecutionId);
    S3Location ack = ack(result.get(), queryExecutionId);
    AtomicBoolean refused = new AtomicBoolean();
    return new ThrottledCheck(
        () -> !refused.get() && marked(mark, ack, runStarted, refused), clock);
  }

  private boolean marked(S3Location mark, S3Location ack, Instant runStarted, AtomicBoolean off) {
    Map<String, String> meta;
    try {
      Optional<Map<String, String>> found = objects.head(mark);
      if (found.isEmpty()) {
        return false;
      }
      meta = found.get();
    } catch (ObjectUnavailableException e) {
      off.set(true); // refused for good: no more looks by this run
      if (refusalLogged.compareAndSet(false, true)) {
        LOG.warn(
            "cancel marks cannot be read ({}): cancels cannot stop streaming rows", e.reason());
      }
      return false;
    } catch (IOException | RuntimeException e) {
      LOG.debug("cancel mark {} not readable: {}", mark, e.toString());
      return false;
    }
    Instant answerBy;
    try {
      answerBy = Instant.ofEpochMilli(Long.parseLong(meta.getOrDefault(ANSWER_BY, "")));
    } catch (NumberFormatException e) {
      return false; // not a mark this code wrote
    }
    if (answerBy.minus(WINDOW).isBefore(runStarted)
        || !clock.instant().isBefore(answerBy.minus(HONOUR_BEFORE))) {
      return false; // an earlier cancel's, or too late: the cancel answers QUERY_FINISHED
    }
    try {
      objects.put(ack, Map.of(ANSWER_BY, meta.get(ANSWER_BY)));
    } catch (IOException | RuntimeException e) {
      LOG.warn("cancel acknowledgement {} could not be written: {}", ack, e.toString());
      return false; // unacknowledged, the cancel answers QUERY_FINISHED: stream on to complete
    }
    return true;
  }

  static S3Location mark(S3Location result, String queryExecutionId) {
    return new S3Location(result.bucket(), result.key() + "." + queryExecutionId + ".cancel");
  }

  static S3Location ack(S3Location result, String queryExecutionId) {
    return new S3Location(result.bucket(), result.key() + "." + queryExecutionId + ".cancel-ack");
  }
}
