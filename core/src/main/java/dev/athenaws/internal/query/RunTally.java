package dev.athenaws.internal.query;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one {@code handle} or {@code resume} call did, counted as it happens: Athena calls and
 * retries, posts and their retries, the query's id and statistics. The front door opens one per
 * call ({@link #open}) and makes it the calling thread's current tally; its prefetch pool carries
 * it to the threads that fetch pages for that call. Deep code counts into {@link #current()}, which
 * is null outside a call (nothing is counted then).
 *
 * <p>Unsupported API: public only because the front door in {@code dev.athenaws} uses it.
 *
 * <p>Thread-safety: thread-safe (atomic counters); never throws.
 */
public final class RunTally {
  private static final ThreadLocal<RunTally> CURRENT = new ThreadLocal<>();

  private final AtomicLong athenaCalls = new AtomicLong();
  private final AtomicLong athenaRetries = new AtomicLong();
  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong messageBytes = new AtomicLong();
  private final AtomicLong postsRetried = new AtomicLong();
  private final AtomicLong postsThrottled = new AtomicLong();
  private final AtomicReference<String> queryExecutionId = new AtomicReference<>();
  private final AtomicReference<String> queryName = new AtomicReference<>();
  private final AtomicReference<QueryStats> stats = new AtomicReference<>(QueryStats.EMPTY);

  private RunTally() {}

  /**
   * @return a new, empty tally (not yet current on any thread)
   */
  public static RunTally open() {
    return new RunTally();
  }

  /**
   * @return the calling thread's current tally, or null outside a front-door call
   */
  public static RunTally current() {
    return CURRENT.get();
  }

  /**
   * Makes a tally the calling thread's current one.
   *
   * @param tally the tally, or null for none
   * @return the tally that was current before, to be given back to {@link #restore}
   */
  public static RunTally enter(RunTally tally) {
    RunTally before = CURRENT.get();
    CURRENT.set(tally);
    return before;
  }

  /**
   * @param before what {@link #enter} returned
   */
  public static void restore(RunTally before) {
    if (before == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(before);
    }
  }

  /** Counts one Athena API call (an HTTP attempt made by core's retry loop). */
  public void athenaCall() {
    athenaCalls.incrementAndGet();
  }

  /** Counts one retry of an Athena call after a transient failure. */
  public void athenaRetry() {
    athenaRetries.incrementAndGet();
  }

  /**
   * Counts one post to the client.
   *
   * @param bytes the message size
   * @param attempts calls made for it (1 when not retried)
   * @param throttled whether it stayed throttled past the retries
   */
  public void post(int bytes, int attempts, boolean throttled) {
    messages.incrementAndGet();
    messageBytes.addAndGet(bytes);
    if (attempts > 1) {
      postsRetried.addAndGet(attempts - 1L);
    }
    if (throttled) {
      postsThrottled.incrementAndGet();
    }
  }

  /**
   * @param id the query's execution id, once known
   */
  public void queryExecutionId(String id) {
    if (id != null) {
      queryExecutionId.set(id);
    }
  }

  /**
   * @param name the catalog query's name, null for raw SQL
   */
  public void queryName(String name) {
    queryName.set(name);
  }

  /**
   * @return the catalog query's name, null for raw SQL or when not known
   */
  public String queryName() {
    return queryName.get();
  }

  /**
   * @param latest Athena's latest statistics of the query
   */
  public void stats(QueryStats latest) {
    if (latest != null) {
      stats.set(latest);
    }
  }

  /**
   * @return Athena calls made
   */
  public long athenaCalls() {
    return athenaCalls.get();
  }

  /**
   * @return Athena calls retried
   */
  public long athenaRetries() {
    return athenaRetries.get();
  }

  /**
   * @return messages posted (attempted)
   */
  public long messages() {
    return messages.get();
  }

  /**
   * @return bytes of the messages posted
   */
  public long messageBytes() {
    return messageBytes.get();
  }

  /**
   * @return post retries (calls beyond the first)
   */
  public long postsRetried() {
    return postsRetried.get();
  }

  /**
   * @return posts still throttled after their retries
   */
  public long postsThrottled() {
    return postsThrottled.get();
  }

  /**
   * @return the query's execution id, null when none was started or known
   */
  public String queryExecutionId() {
    return queryExecutionId.get();
  }

  /**
   * @return Athena's latest statistics, {@link QueryStats#EMPTY} when none
   */
  public QueryStats stats() {
    return stats.get();
  }
}
