package dev.athenaws;

import dev.athenaws.error.ErrorCode;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Watches the front door at work: told once at the end of every {@link AthenaWs#handle}, {@link
 * AthenaWs#refuse} and {@link AthenaWs#resume} call what it did and what it cost, for metrics (the
 * Lambda adapter writes them in CloudWatch's embedded metric format). Set it with {@link
 * AthenaWs.Builder#listener}; every method has a no-op default, so an implementation overrides only
 * what it needs, and new methods or {@link Measure}s may be added without breaking it.
 *
 * <p>What it receives holds ids, names, codes and counts only: never SQL, parameters, rows, tokens
 * or messages.
 *
 * <p>Thread-safety: implementations must be thread-safe; one listener is called from every thread
 * that runs a frame, on that thread, after the client has been told.
 *
 * <p>Exceptions: a listener should not throw; when it does, the run is not affected: the exception
 * is logged (once per listener, at WARN, with ids only) and dropped.
 */
public interface RunListener {

  /**
   * Called when a call of the front door ended.
   *
   * @param run what the call did, not null
   */
  default void runEnded(RunEnded run) {}

  /**
   * @return a listener that does nothing
   */
  static RunListener none() {
    return new RunListener() {};
  }

  /** Which entry of the front door ran. */
  enum Phase {
    /** {@link AthenaWs#handle} or {@link AthenaWs#refuse}: a client's frame. */
    HANDLE,
    /** {@link AthenaWs#resume}: a query started earlier (e.g. the Lambda push task). */
    RESUME
  }

  /** How the call ended. */
  enum Result {
    /** A {@code listQueries} was answered. */
    LISTED,
    /** A {@code ping} was answered. */
    ANSWERED,
    /** A {@code cancel} stopped a query, or a run stopped because of one. */
    CANCELLED,
    /** The frame was refused with an {@code error} (see {@link RunEnded#errorCode()}). */
    REFUSED,
    /** Every row and {@code complete} were delivered. */
    COMPLETED,
    /** The query or its stream failed with an {@code error} (see {@link RunEnded#errorCode()}). */
    FAILED,
    /** The client disconnected. */
    CONNECTION_GONE,
    /** A message could not be delivered (throttled or rejected). */
    UNDELIVERED,
    /** Publishing paused with a continuation, to be resumed. */
    PAUSED,
    /** A {@link HandOff} took the query over. */
    HANDED_OFF,
    /** The server could not take the request ({@code error} INTERNAL). */
    NOT_STARTED
  }

  /** What a call measured; absent from {@link RunEnded#measures()} when not known. */
  enum Measure {
    /** Milliseconds the query waited in Athena's queue (Athena's statistics). */
    QUEUE_TIME_MILLIS,
    /** Milliseconds the query ran in Athena's engine (Athena's statistics). */
    ENGINE_TIME_MILLIS,
    /** Bytes Athena scanned for the query (what Athena bills). */
    DATA_SCANNED_BYTES,
    /** Rows delivered to the client, over every run of the query. */
    ROWS,
    /** Messages posted to the client in this call. */
    MESSAGES,
    /** Bytes of the messages posted to the client in this call. */
    MESSAGE_BYTES,
    /** Post attempts beyond the first of each message (429 or 5xx retried). */
    POSTS_RETRIED,
    /** Messages still throttled (or failing with 5xx) after their retries. */
    POSTS_THROTTLED,
    /** Athena API calls made in this call, retries included. */
    ATHENA_CALLS,
    /** Athena API calls retried after a transient failure (throttling, 5xx). */
    ATHENA_RETRIES
  }

  /**
   * What one call of the front door did.
   *
   * @param phase which entry ran, not null
   * @param queryName the catalog query's name; null for raw SQL, a {@code listQueries}, a refused
   *     frame or when not known
   * @param result how it ended, not null
   * @param queryExecutionId Athena's id of the query, null when none was started or known
   * @param errorCode the code of the {@code error} sent, null when none was
   * @param elapsed how long the call took, not null
   * @param measures what was measured, not null (copied); a measure not known is absent
   */
  record RunEnded(
      Phase phase,
      String queryName,
      Result result,
      String queryExecutionId,
      ErrorCode errorCode,
      Duration elapsed,
      Map<Measure, Long> measures) {
    /**
     * Validates and copies.
     *
     * @param phase which entry ran, not null
     * @param queryName the catalog query's name, nullable
     * @param result how it ended, not null
     * @param queryExecutionId Athena's id of the query, nullable
     * @param errorCode the code of the {@code error} sent, nullable
     * @param elapsed how long the call took, not null
     * @param measures what was measured, not null, without null keys or values
     * @throws NullPointerException if a non-nullable component, or a key or value of measures, is
     *     null
     */
    public RunEnded {
      Objects.requireNonNull(phase, "phase");
      Objects.requireNonNull(result, "result");
      Objects.requireNonNull(elapsed, "elapsed");
      Objects.requireNonNull(measures, "measures");
      EnumMap<Measure, Long> copy = new EnumMap<>(Measure.class);
      measures.forEach(
          (k, v) ->
              copy.put(Objects.requireNonNull(k, "measure"), Objects.requireNonNull(v, "value")));
      measures = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * @param measure what to read, not null
     * @return its value, or null when not measured
     */
    public Long measure(Measure measure) {
      return measures.get(Objects.requireNonNull(measure, "measure"));
    }
  }
}
