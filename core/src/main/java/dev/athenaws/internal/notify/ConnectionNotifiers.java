package dev.athenaws.internal.notify;

import dev.athenaws.notify.ConnectionNotifier;
import dev.athenaws.notify.ConnectionRef;
import dev.athenaws.retry.RetryPolicy;
import dev.athenaws.internal.retry.RetryingBuilder;
import java.util.Objects;
import java.util.function.Function;
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
  private ConnectionNotifiers() {}

  /** @return a builder of a notifier over the API Gateway management API */
  public static Builder apiGateway() {
    return new Builder();
  }

  /**
   * Configures an API Gateway notifier. Defaults: {@link Builder#defaultClient} and the retry
   * defaults of {@link RetryingBuilder} ({@link RetryPolicy#THROTTLING}: 5 calls per message).
   * Not thread-safe.
   */
  public static final class Builder extends RetryingBuilder<Builder> {
    private Function<ConnectionRef, ApiGatewayManagementApiClient> clientFactory =
        Builder::defaultClient;

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

    /** @return the notifier; close it to close the cached clients */
    public ConnectionNotifier build() {
      return new ApiGatewayNotifier(clientFactory, retrier());
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
