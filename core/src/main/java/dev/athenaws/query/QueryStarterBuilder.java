package dev.athenaws.query;

import dev.athenaws.retry.Sleeper;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * Builds the Athena-backed {@link QueryStarter}. Defaults: {@link AthenaSettings#defaults()},
 * {@link AthenaRetry#DEFAULT}, {@link Sleeper#system()}, {@link Clock#systemUTC()}, a {@link
 * java.security.SecureRandom}. Setters throw
 * {@link NullPointerException} for null, naming the parameter.
 *
 * <p>Thread-safety: not thread-safe; the built starter is.
 */
public final class QueryStarterBuilder {
  private final AthenaClient client;
  private AthenaSettings settings = AthenaSettings.defaults();
  private AthenaRetry retry = AthenaRetry.DEFAULT;
  private Sleeper sleeper = Sleeper.system();
  private Clock clock = Clock.systemUTC();
  // SecureRandom: thread-safe, and not replayed across environments restored from one SnapStart
  // snapshot (a seeded Random would give every restored environment the same jitter).
  private RandomGenerator random = new SecureRandom();

  QueryStarterBuilder(AthenaClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * Sets where queries run.
   *
   * @param settings work group, catalog, database, result location and reuse
   * @return this builder
   */
  public QueryStarterBuilder settings(AthenaSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /**
   * Sets how throttled starts are retried.
   *
   * @param retry the retry policy
   * @return this builder
   */
  public QueryStarterBuilder retry(AthenaRetry retry) {
    this.retry = Objects.requireNonNull(retry, "retry");
    return this;
  }

  /**
   * Sets how the retry loop waits.
   *
   * @param sleeper the sleeper (tests inject virtual time)
   * @return this builder
   */
  public QueryStarterBuilder sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    return this;
  }

  /**
   * Sets the clock a start's deadline is read on.
   *
   * @param clock the clock (tests inject virtual time, with the matching sleeper)
   * @return this builder
   */
  public QueryStarterBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Sets the jitter source.
   *
   * @param random the source; must be thread-safe when the starter is shared
   * @return this builder
   */
  public QueryStarterBuilder random(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
    return this;
  }

  /** @return the starter */
  public QueryStarter build() {
    return new AthenaQueryStarter(client, settings, new RetryLoop(retry, sleeper, random, clock));
  }
}
