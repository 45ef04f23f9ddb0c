package dev.athenaws.notify;

import dev.athenaws.retry.Backoff;
import dev.athenaws.retry.Sleeper;
import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;

/**
 * Builds {@link ConnectionNotifier}s.
 *
 * <p>Thread-safety: the builder is not thread-safe; the notifier it builds is.
 */
public final class ConnectionNotifiers {
  /** Default bound on calls per message, first call included. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  private ConnectionNotifiers() {}

  /** @return a builder of a notifier over the API Gateway management API */
  public static Builder apiGateway() {
    return new Builder();
  }

  /** Configures an API Gateway notifier. Defaults: {@link Backoff#THROTTLING}, 5 attempts. */
  public static final class Builder {
    private Function<ConnectionRef, ApiGatewayManagementApiClient> clientFactory =
        Builder::defaultClient;
    private Backoff backoff = Backoff.THROTTLING;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Sleeper sleeper = Sleeper.system();
    private RandomGenerator random = RandomGenerator.getDefault();

    private Builder() {}

    /**
     * @param factory builds the client for a connection's endpoint; called once per endpoint. The
     *     client should not retry by itself (our bounded loop does), see {@link #defaultClient}.
     */
    public Builder clientFactory(Function<ConnectionRef, ApiGatewayManagementApiClient> factory) {
      this.clientFactory = Objects.requireNonNull(factory, "clientFactory");
      return this;
    }

    /** @param backoff the delay between retries of a throttled post */
    public Builder backoff(Backoff backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /** @param maxAttempts calls per message, first included, 1..20 */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1 || maxAttempts > 20) {
        throw new IllegalArgumentException("maxAttempts must be 1..20: " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** @param sleeper waits between retries (tests inject virtual time) */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** @param random the jitter source */
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
