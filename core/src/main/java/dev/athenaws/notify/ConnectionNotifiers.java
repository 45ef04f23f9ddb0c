package dev.athenaws.notify;

import dev.athenaws.retry.Backoff;
import dev.athenaws.retry.Sleeper;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;

/**
 * Builds {@link ConnectionNotifier}s.
 *
 * <p>Thread-safety: the builder is not thread-safe; the notifier it builds is. Setters throw
 * {@link NullPointerException} for null and {@link IllegalArgumentException} for a bad value, naming
 * the parameter; {@link Builder#build()} never throws.
 */
public final class ConnectionNotifiers {
  /** Default bound on calls per message, first call included. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  private ConnectionNotifiers() {}

  /** @return a builder of a notifier over the API Gateway management API */
  public static Builder apiGateway() {
    return new Builder();
  }

  /**
   * Configures an API Gateway notifier. Defaults: {@link Builder#defaultClient}, {@link
   * Backoff#THROTTLING}, {@value #DEFAULT_MAX_ATTEMPTS} attempts, {@link Sleeper#system()}, a {@link
   * Random}. Not thread-safe.
   */
  public static final class Builder {
    private Function<ConnectionRef, ApiGatewayManagementApiClient> clientFactory =
        Builder::defaultClient;
    private Backoff backoff = Backoff.THROTTLING;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Sleeper sleeper = Sleeper.system();
    // java.util.Random is thread-safe; the notifier is shared by concurrent publishers.
    // SecureRandom: thread-safe, and not replayed across environments restored from one SnapStart
  // snapshot (a seeded Random would give every restored environment the same jitter).
  private RandomGenerator random = new SecureRandom();

    private Builder() {}

    /**
     * @param factory builds the client for a connection's endpoint; called once per endpoint. The
     *     client should not retry by itself (our bounded loop does), see {@link #defaultClient}.
     * @return this builder
     */
    public Builder clientFactory(Function<ConnectionRef, ApiGatewayManagementApiClient> factory) {
      this.clientFactory = Objects.requireNonNull(factory, "clientFactory");
      return this;
    }

    /**
     * Sets the delay between retries of a throttled post.
     *
     * @param backoff the policy
     * @return this builder
     */
    public Builder backoff(Backoff backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /**
     * Sets the bound on calls per message.
     *
     * @param maxAttempts calls per message, first included, 1..20
     * @return this builder
     * @throws IllegalArgumentException if maxAttempts is out of range
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1 || maxAttempts > 20) {
        throw new IllegalArgumentException("maxAttempts must be 1..20: " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets how the notifier waits between retries.
     *
     * @param sleeper waits between retries (tests inject virtual time)
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets the jitter source.
     *
     * @param random the jitter source; must be thread-safe, as the notifier is shared
     * @return this builder
     */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** @return the notifier; close it to close the cached clients */
    public ConnectionNotifier build() {
      return new ApiGatewayNotifier(clientFactory, backoff, maxAttempts, sleeper, random);
    }

    /**
     * The default client of an endpoint: the SDK's default HTTP client and credentials, the
     * connection's region (else the SDK's region chain, e.g. {@code AWS_REGION}), and SDK retries
     * off so that only the notifier's bounded, injected-sleeper loop waits.
     *
     * @param connection the connection whose endpoint the client serves
     * @return a new client
     */
    public static ApiGatewayManagementApiClient defaultClient(ConnectionRef connection) {
      RetryStrategy noRetries = AwsRetryStrategy.doNotRetry();
      var builder =
          ApiGatewayManagementApiClient.builder()
              .endpointOverride(connection.endpoint())
              .overrideConfiguration(c -> c.retryStrategy(noRetries));
      if (connection.region() != null) {
        builder.region(Region.of(connection.region()));
      }
      return builder.build();
    }
  }
}
