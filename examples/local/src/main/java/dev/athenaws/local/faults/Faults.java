package dev.athenaws.local.faults;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The faults and latencies the local stack injects, for fault tests and demos. Two endpoints
 * consult it:
 *
 * <ul>
 *   <li>the Athena endpoint waits {@link #athenaLatencyMs()} ({@code --athena-latency-ms}) per
 *       call, and {@link #getResultsLatencyMs()} ({@code --get-results-latency-ms}) more per {@code
 *       GetQueryResults} call, then answers HTTP 400 {@code TooManyRequestsException} ("Rate
 *       exceeded", no reason: Athena's API rate limit) when {@link #throttleAthenaCall()} says so:
 *       a fraction of calls ({@code --athena-throttle-rate}), or every call during a storm ({@link
 *       #throttleAthenaFor});
 *   <li>the management API waits {@link #postLatencyMs()} ({@code --post-latency-ms}) per POST,
 *       answers 429 {@code LimitExceededException} when {@link #throttlePost()} says so (a fraction
 *       of POSTs, {@code --post-throttle-rate}), and 500 {@code InternalServerErrorException} when
 *       {@link #failPost()} says so: a fraction of POSTs ({@code --post-error-rate}), every POST of
 *       an outage ({@link #failPostsFor}), or the next n POSTs ({@link #failNextPosts}).
 * </ul>
 *
 * <p>A failed call has no effect: the query is not started, the page not read, the message not
 * sent. Random decisions come from one generator seeded at construction, so a single-threaded run
 * is reproducible. The settings may change while the stack runs.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class Faults {
  private final Random random;
  private final LongSupplier nanoTime;
  private volatile double athenaThrottleRate;
  private volatile double postErrorRate;
  private volatile double postThrottleRate;
  private volatile int athenaLatencyMs;
  private volatile int postLatencyMs;
  private volatile int getResultsLatencyMs;
  private volatile long athenaStormEnd;
  private volatile long postOutageEnd;
  private final AtomicInteger postsToFail = new AtomicInteger();
  private final AtomicLong athenaThrottled = new AtomicLong();
  private final AtomicLong postsFailed = new AtomicLong();

  /**
   * @param athenaThrottleRate the fraction of Athena calls throttled, 0 <= rate < 1
   * @param postErrorRate the fraction of POSTs answered 500, 0 <= rate < 1
   * @param seed the seed of the random decisions
   * @throws IllegalArgumentException when a rate is out of range
   */
  public Faults(double athenaThrottleRate, double postErrorRate, long seed) {
    this(athenaThrottleRate, postErrorRate, seed, System::nanoTime);
  }

  Faults(double athenaThrottleRate, double postErrorRate, long seed, LongSupplier nanoTime) {
    this.random = new Random(seed);
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    athenaThrottleRate(athenaThrottleRate);
    postErrorRate(postErrorRate);
    long now = nanoTime.getAsLong();
    this.athenaStormEnd = now;
    this.postOutageEnd = now;
  }

  /**
   * @return faults that never fire (until set)
   */
  public static Faults none() {
    return new Faults(0, 0, 1);
  }

  /**
   * @param rate the fraction of Athena calls answered TooManyRequestsException from now on, 0 <=
   *     rate < 1
   * @throws IllegalArgumentException when out of range
   */
  public void athenaThrottleRate(double rate) {
    this.athenaThrottleRate = rate(rate, "athenaThrottleRate");
  }

  /**
   * @param rate the fraction of POSTs answered 500 from now on, 0 <= rate < 1
   * @throws IllegalArgumentException when out of range
   */
  public void postErrorRate(double rate) {
    this.postErrorRate = rate(rate, "postErrorRate");
  }

  /**
   * @param rate the fraction of POSTs answered 429 from now on, 0 <= rate < 1
   * @throws IllegalArgumentException when out of range
   */
  public void postThrottleRate(double rate) {
    this.postThrottleRate = rate(rate, "postThrottleRate");
  }

  /**
   * @param ms added to every Athena call from now on, 0..60000
   * @throws IllegalArgumentException when out of range
   */
  public void athenaLatencyMs(int ms) {
    this.athenaLatencyMs = latency(ms, "athenaLatencyMs");
  }

  /**
   * @param ms added to every management API POST from now on, 0..60000
   * @throws IllegalArgumentException when out of range
   */
  public void postLatencyMs(int ms) {
    this.postLatencyMs = latency(ms, "postLatencyMs");
  }

  /**
   * @param ms added to every Athena GetQueryResults call from now on, after {@link
   *     #athenaLatencyMs()}, 0..60000
   * @throws IllegalArgumentException when out of range
   */
  public void getResultsLatencyMs(int ms) {
    this.getResultsLatencyMs = latency(ms, "getResultsLatencyMs");
  }

  /**
   * @return the time added to every Athena GetQueryResults call after {@link #athenaLatencyMs()},
   *     ms
   */
  public int getResultsLatencyMs() {
    return getResultsLatencyMs;
  }

  /**
   * @return the time added to every Athena call, ms
   */
  public int athenaLatencyMs() {
    return athenaLatencyMs;
  }

  /**
   * @return the time added to every management API POST, ms
   */
  public int postLatencyMs() {
    return postLatencyMs;
  }

  /**
   * A throttling storm: every Athena call is throttled from now until {@code period} has passed.
   *
   * @param period how long, not negative
   * @throws IllegalArgumentException when negative
   */
  public void throttleAthenaFor(Duration period) {
    athenaStormEnd = nanoTime.getAsLong() + nonNegative(period, "period").toNanos();
  }

  /**
   * An outage of the management API: every POST is answered 500 from now until {@code period} has
   * passed.
   *
   * @param period how long, not negative
   * @throws IllegalArgumentException when negative
   */
  public void failPostsFor(Duration period) {
    postOutageEnd = nanoTime.getAsLong() + nonNegative(period, "period").toNanos();
  }

  /**
   * @param count how many of the next POSTs are answered 500, whatever their connection; replaces
   *     an earlier count
   * @throws IllegalArgumentException when negative
   */
  public void failNextPosts(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    postsToFail.set(count);
  }

  /**
   * Ends every fault: rates 0, no storm, no outage, no pending POST failures. The latencies stay.
   */
  public void clear() {
    athenaThrottleRate = 0;
    postErrorRate = 0;
    postThrottleRate = 0;
    long now = nanoTime.getAsLong();
    athenaStormEnd = now;
    postOutageEnd = now;
    postsToFail.set(0);
  }

  /**
   * Called by the Athena endpoint once per call.
   *
   * @return whether to answer this call TooManyRequestsException
   */
  public boolean throttleAthenaCall() {
    boolean throttle = nanoTime.getAsLong() - athenaStormEnd < 0 || draw(athenaThrottleRate);
    if (throttle) {
      athenaThrottled.incrementAndGet();
    }
    return throttle;
  }

  /**
   * Called by the management API once per POST.
   *
   * @return whether to answer this POST 500
   */
  public boolean failPost() {
    boolean fail =
        nanoTime.getAsLong() - postOutageEnd < 0
            || postsToFail.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0
            || draw(postErrorRate);
    if (fail) {
      postsFailed.incrementAndGet();
    }
    return fail;
  }

  /**
   * Called by the management API once per POST, before {@link #failPost()}.
   *
   * @return whether to answer this POST 429
   */
  public boolean throttlePost() {
    return draw(postThrottleRate);
  }

  /**
   * @return how many Athena calls were throttled so far
   */
  public long athenaCallsThrottled() {
    return athenaThrottled.get();
  }

  /**
   * @return how many POSTs were answered 500 so far
   */
  public long postsFailed() {
    return postsFailed.get();
  }

  private boolean draw(double rate) {
    if (rate <= 0) {
      return false;
    }
    synchronized (random) {
      return random.nextDouble() < rate;
    }
  }

  private static double rate(double rate, String name) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException(name + " must be 0 <= rate < 1: " + rate);
    }
    return rate;
  }

  private static int latency(int ms, String name) {
    if (ms < 0 || ms > 60_000) {
      throw new IllegalArgumentException(name + " must be 0..60000: " + ms);
    }
    return ms;
  }

  private static Duration nonNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + d);
    }
    return d;
  }
}
