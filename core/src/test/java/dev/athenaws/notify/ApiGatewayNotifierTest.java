package dev.athenaws.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.retry.Backoff;
import dev.athenaws.retry.RetryPolicy;
import dev.athenaws.retry.VirtualTime;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ApiGatewayManagementApiException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PostToConnectionRequest;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PostToConnectionResponse;

/** Decisions of the notifier at the SDK boundary, with a mocked client. */
class ApiGatewayNotifierTest {
  private final ApiGatewayManagementApiClient client = mock(ApiGatewayManagementApiClient.class);
  private final VirtualTime time = new VirtualTime();
  private final ConnectionNotifier notifier =
      ApiGateway.notifier()
          .clientFactory(ref -> client)
          .retry(
              new RetryPolicy(
                  Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1)), 3))
          .sleeper(time)
          .random(() -> 0L)
          .build();
  private final Connection connection =
      Connection.at("c1", ApiGateway.endpoint("abc123", Region.EU_WEST_1, "dev"));

  private static ApiGatewayManagementApiException error(int status, String code) {
    return (ApiGatewayManagementApiException)
        ApiGatewayManagementApiException.builder()
            .statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
            .build();
  }

  @Test
  void aConnectionWithoutEndpointIsRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> notifier.post(Connection.of("c1"), new byte[] {'x'}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no endpoint");
    assertThatThrownBy(() -> notifier.disconnect(Connection.of("c1")))
        .isInstanceOf(IllegalArgumentException.class);
    verify(client, times(0)).postToConnection(any(PostToConnectionRequest.class));
  }

  @Test
  void theClientFactoryIsGivenTheConnectionsEndpoint() {
    java.util.List<URI> endpoints = new java.util.ArrayList<>();
    ConnectionNotifier n =
        ApiGateway.notifier()
            .clientFactory(
                e -> {
                  endpoints.add(e);
                  return client;
                })
            .sleeper(time)
            .build();
    n.post(connection, new byte[] {'x'});
    n.post(Connection.at("c2", URI.create("https://ws.example.com/orders/")), new byte[] {'x'});
    n.post(connection, new byte[] {'x'});

    assertThat(endpoints)
        .containsExactly(
            URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/dev"),
            URI.create("https://ws.example.com/orders"));
  }

  @Test
  void networkFailuresAreRetriedThenReportedAsInternal() {
    when(client.postToConnection(any(PostToConnectionRequest.class)))
        .thenThrow(SdkClientException.create("Connection reset"));

    assertThatThrownBy(() -> notifier.post(connection, new byte[] {'x'}))
        .isInstanceOfSatisfying(
            AthenaWsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
        .hasMessageContaining("cannot be reached");
    verify(client, times(3)).postToConnection(any(PostToConnectionRequest.class));
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void anInterruptedRetryEndsTheRunAsCancelledAndKeepsTheFlag() {
    when(client.postToConnection(any(PostToConnectionRequest.class)))
        .thenThrow(error(429, "LimitExceededException"));
    ConnectionNotifier interrupted =
        ApiGateway.notifier()
            .clientFactory(ref -> client)
            .sleeper(
                d -> {
                  throw new InterruptedException();
                })
            .build();
    try {
      assertThatThrownBy(() -> interrupted.post(connection, new byte[] {'x'}))
          .isInstanceOfSatisfying(
              AthenaWsException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.QUERY_CANCELLED))
          .hasCauseInstanceOf(InterruptedException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      verify(client, times(1)).postToConnection(any(PostToConnectionRequest.class));
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aNetworkBlipFollowedBySuccessIsDelivered() {
    when(client.postToConnection(any(PostToConnectionRequest.class)))
        .thenThrow(SdkClientException.create("Connection reset"))
        .thenReturn(PostToConnectionResponse.builder().build());

    assertThat(notifier.post(connection, new byte[] {'x'})).isEqualTo(new PostOutcome.Delivered(2));
  }

  @Test
  void errorCodesDecideWhenTheStatusIsAmbiguous() {
    when(client.postToConnection(any(PostToConnectionRequest.class)))
        .thenThrow(error(400, "GoneException"))
        .thenThrow(error(400, "BadRequestException"));

    assertThat(notifier.post(connection, new byte[] {'x'})).isEqualTo(new PostOutcome.Gone());
    assertThat(notifier.post(connection, new byte[] {'x'}))
        .isEqualTo(
            new PostOutcome.Rejected(PostOutcome.Reason.CLIENT_ERROR, 400, "BadRequestException"));
    assertThat(time.sleeps()).isEmpty();
  }
}
