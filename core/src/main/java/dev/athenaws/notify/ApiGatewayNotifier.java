package dev.athenaws.notify;

import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.internal.retry.Interrupts;
import dev.athenaws.internal.retry.Retrier;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.DeleteConnectionRequest;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PostToConnectionRequest;

/**
 * {@link ConnectionNotifier} over the API Gateway management API, one SDK client per endpoint,
 * built once and cached. Throttling (429 {@code LimitExceededException}) and 5xx are retried with
 * the injected {@link Retrier} (policy, sleeper, random source) up to its bound; 410 Gone and other
 * 4xx never are. Logs connection ids and outcomes, never payloads. Built by {@link
 * ApiGateway#notifier()}.
 */
final class ApiGatewayNotifier implements ConnectionNotifier, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiGatewayNotifier.class);

  private final Function<URI, ApiGatewayManagementApiClient> clientFactory;
  private final Retrier retrier;
  private final Map<URI, ApiGatewayManagementApiClient> clients = new ConcurrentHashMap<>();

  ApiGatewayNotifier(Function<URI, ApiGatewayManagementApiClient> clientFactory, Retrier retrier) {
    this.clientFactory = clientFactory;
    this.retrier = retrier;
  }

  @Override
  public PostOutcome post(Connection connection, byte[] payload) {
    PostToConnectionRequest request =
        PostToConnectionRequest.builder()
            .connectionId(connection.id())
            .data(SdkBytes.fromByteArrayUnsafe(payload))
            .build();
    return call(connection, "post", client -> client.postToConnection(request));
  }

  @Override
  public PostOutcome disconnect(Connection connection) {
    DeleteConnectionRequest request =
        DeleteConnectionRequest.builder().connectionId(connection.id()).build();
    return call(connection, "disconnect", client -> client.deleteConnection(request));
  }

  private PostOutcome call(
      Connection connection, String what, Function<ApiGatewayManagementApiClient, ?> action) {
    ApiGatewayManagementApiClient client =
        clients.computeIfAbsent(endpoint(connection), clientFactory);
    int lastStatus = 0;
    for (int attempt = 1; ; attempt++) {
      try {
        action.apply(client);
        return new PostOutcome.Delivered(attempt);
      } catch (AwsServiceException e) {
        int status = e.statusCode();
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        PostOutcome terminal = classify(status, code);
        if (terminal != null) {
          LOG.debug("{} to {}: {} ({})", what, connection.id(), status, code);
          return terminal;
        }
        lastStatus = status;
        if (retrier.exhausted(attempt)) {
          LOG.warn(
              "{} to {} still failing with {} after {} attempts",
              what,
              connection.id(),
              status,
              attempt);
          return new PostOutcome.Throttled(attempt, status);
        }
      } catch (SdkClientException e) {
        if (retrier.exhausted(attempt)) {
          throw new AthenaWsException(
              ErrorCode.INTERNAL, "the WebSocket management endpoint cannot be reached", e);
        }
      }
      pause(attempt, connection, lastStatus);
    }
  }

  private static URI endpoint(Connection connection) {
    if (connection.endpoint() == null) {
      throw new IllegalArgumentException(
          "connection " + connection.id() + " has no endpoint: API Gateway needs its stage's");
    }
    return connection.endpoint();
  }

  /**
   * @return the outcome for a status that must not be retried, or null to retry
   */
  private static PostOutcome classify(int status, String code) {
    if (status == 410 || "GoneException".equals(code)) {
      return new PostOutcome.Gone();
    }
    if (status == 429 || "LimitExceededException".equals(code) || status >= 500) {
      return null;
    }
    if (status == 403 || "ForbiddenException".equals(code)) {
      return new PostOutcome.Rejected(PostOutcome.Reason.FORBIDDEN, status, code);
    }
    if (status == 413 || "PayloadTooLargeException".equals(code)) {
      return new PostOutcome.Rejected(PostOutcome.Reason.PAYLOAD_TOO_LARGE, status, code);
    }
    return new PostOutcome.Rejected(PostOutcome.Reason.CLIENT_ERROR, status, code);
  }

  private void pause(int attempt, Connection connection, int status) {
    try {
      retrier.pause(attempt);
    } catch (InterruptedException e) {
      throw Interrupts.cancelled("retrying a post (" + status + ")", e);
    }
  }

  @Override
  public void close() {
    clients.values().forEach(ApiGatewayManagementApiClient::close);
    clients.clear();
  }
}
