package dev.athenaws.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.athenaws.catalog.Statement;
import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.retry.VirtualTime;
import dev.athenaws.testing.FixedRandom;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.InternalServerException;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionResponse;
import software.amazon.awssdk.services.athena.model.TooManyRequestsException;

/** Decisions of the starter, with the AthenaClient mocked at the boundary. */
class AthenaQueryStarterTest {
  private final AthenaClient client = mock(AthenaClient.class);
  private final VirtualTime time = new VirtualTime();
  private final RequestKey key = RequestKey.of("c", "r", Statement.rawSql("SELECT 1"));

  private QueryStarter starter() {
    return QueryStarter.builder(client).sleeper(time).random(new FixedRandom(0)).build();
  }

  @Test
  void everyRetrySendsTheIdenticalRequest() {
    when(client.startQueryExecution(any(StartQueryExecutionRequest.class)))
        .thenThrow(TooManyRequestsException.builder().statusCode(400).build())
        .thenThrow(InternalServerException.builder().statusCode(500).build())
        .thenReturn(StartQueryExecutionResponse.builder().queryExecutionId("q-1").build());

    assertThat(starter().start(Statement.rawSql("SELECT 1"), key)).isEqualTo("q-1");

    ArgumentCaptor<StartQueryExecutionRequest> sent =
        ArgumentCaptor.forClass(StartQueryExecutionRequest.class);
    verify(client, times(3)).startQueryExecution(sent.capture());
    assertThat(sent.getAllValues()).containsOnly(sent.getValue());
    assertThat(sent.getValue().clientRequestToken()).isEqualTo(key.hex());
    assertThat(sent.getValue().hasExecutionParameters()).isFalse();
  }

  @Test
  void anInterruptWhileWaitingToRetryEndsTheStart() {
    when(client.startQueryExecution(any(StartQueryExecutionRequest.class)))
        .thenThrow(TooManyRequestsException.builder().statusCode(400).build());
    QueryStarter starter =
        QueryStarter.builder(client)
            .sleeper(
                d -> {
                  throw new InterruptedException();
                })
            .build();

    try {
      assertThatThrownBy(() -> starter.start(Statement.rawSql("SELECT 1"), key))
          .isInstanceOfSatisfying(
              AthenaWsException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.QUERY_CANCELLED));
    } finally {
      assertThat(Thread.interrupted()).isTrue();
    }
    verify(client, times(1)).startQueryExecution(any(StartQueryExecutionRequest.class));
  }

  @Test
  void argumentsAreCheckedByName() {
    QueryStarter starter = starter();

    assertThatThrownBy(() -> starter.start(null, key)).hasMessage("statement");
    assertThatThrownBy(() -> starter.start(Statement.rawSql("x"), null)).hasMessage("key");
    assertThatThrownBy(() -> QueryStarter.builder(null)).hasMessage("client");
    assertThatThrownBy(() -> QueryStarter.builder(client).settings(null)).hasMessage("settings");
  }
}
