package dev.athenaws.query;

import dev.athenaws.retry.Sleeper;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * Builds the Athena-backed {@link QueryStarter}. Defaults: {@link AthenaSettings#defaults()},
 * {@link AthenaRetry#DEFAULT}, {@link Sleeper#system()}, a {@link Random}. Setters throw
 * {@link NullPointerException} for null, naming the parameter.
 *
 * <p>Thread-safety: not thread-safe; the built starter is.
 */
public final class QueryStarterBuilder {
  private final AthenaClient client;
  private AthenaSettings settings = AthenaSettings.defaults();
  private AthenaRetry retry = AthenaRetry.DEFAULT;
  private Sleeper sleeper = Sleeper.system();
  private RandomGenerator random = new Random();

  QueryStarterBuilder(AthenaClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /** @return this builder with where queries run */
  public QueryStarterBuilder settings(AthenaSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /** @return this builder with how throttled starts are retried */
  public QueryStarterBuilder retry(AthenaRetry retry) {
    this.retry = Objects.requireNonNull(retry, "retry");
    return this;
  }

  /** @return this builder with how the retry loop waits */
  public QueryStarterBuilder sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    return this;
  }

  /** @return this builder with the jitter source; must be thread-safe when the starter is shared */
  public QueryStarterBuilder random(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
    return this;
  }

  /** @return the starter */
  public QueryStarter build() {
    return new AthenaQueryStarter(client, settings, new RetryLoop(retry, sleeper, random));
  }
}
