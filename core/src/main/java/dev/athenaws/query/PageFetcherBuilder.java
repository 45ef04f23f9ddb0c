package dev.athenaws.query;

import dev.athenaws.retry.Sleeper;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * Builds the Athena-backed {@link PageFetcher}. Defaults: {@value #DEFAULT_MAX_RESULTS} rows a page,
 * {@link AthenaRetry#DEFAULT}, {@link Sleeper#system()}, a {@link java.security.SecureRandom}. Setters throw
 * {@link NullPointerException} for null and {@link IllegalArgumentException} for a bad value, naming
 * the parameter.
 *
 * <p>Thread-safety: not thread-safe; the built fetcher is.
 */
public final class PageFetcherBuilder {
  /** Athena's largest page, and the default: fewer round trips. */
  public static final int DEFAULT_MAX_RESULTS = 1000;

  private final AthenaClient client;
  private int maxResults = DEFAULT_MAX_RESULTS;
  private AthenaRetry retry = AthenaRetry.DEFAULT;
  private Sleeper sleeper = Sleeper.system();
  // SecureRandom: thread-safe, and not replayed across environments restored from one SnapStart
  // snapshot (a seeded Random would give every restored environment the same jitter).
  private RandomGenerator random = new SecureRandom();

  PageFetcherBuilder(AthenaClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * Sets the page size.
   *
   * @param maxResults rows a page, 1..1000 (Athena's bounds; page 1 of a SELECT includes the header)
   * @return this builder
   * @throws IllegalArgumentException if maxResults is out of range
   */
  public PageFetcherBuilder maxResults(int maxResults) {
    if (maxResults < 1 || maxResults > 1000) {
      throw new IllegalArgumentException("maxResults must be 1..1000: " + maxResults);
    }
    this.maxResults = maxResults;
    return this;
  }

  /**
   * Sets how throttled fetches are retried.
   *
   * @param retry the retry policy
   * @return this builder
   */
  public PageFetcherBuilder retry(AthenaRetry retry) {
    this.retry = Objects.requireNonNull(retry, "retry");
    return this;
  }

  /**
   * Sets how the retry loop waits.
   *
   * @param sleeper the sleeper (tests inject virtual time)
   * @return this builder
   */
  public PageFetcherBuilder sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    return this;
  }

  /**
   * Sets the jitter source.
   *
   * @param random the source; must be thread-safe when the fetcher is shared
   * @return this builder
   */
  public PageFetcherBuilder random(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
    return this;
  }

  /** @return the fetcher */
  public PageFetcher build() {
    // No deadline reaches a page fetch: the clock only serves deadlines.
    return new AthenaPageFetcher(
        client, maxResults, new RetryLoop(retry, sleeper, random, Clock.systemUTC()));
  }
}
