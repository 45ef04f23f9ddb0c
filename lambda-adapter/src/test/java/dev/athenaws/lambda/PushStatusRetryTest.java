package dev.athenaws.lambda;

import static dev.athenaws.lambda.Harness.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeAthenaFault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The push task's own status read ({@code GetQueryExecution}, for inputs that carry no execution)
 * against a FakeAthena that pushes back: retried with core's bounded throttling backoff (200 ms
 * doubling, jitter 0.5, 5 calls in all), in virtual time.
 */
class PushStatusRetryTest {
  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  private JsonNode pushById() throws Exception {
    return h.pushById(Harness.FIRST_QUERY);
  }

  @Test
  void aThrottledOrFailingStatusReadIsRetriedAndThePushCompletes() throws Exception {
    h.athena.addQuery(Scripts.numbers(Duration.ZERO, 1, 3));
    h.athena.failNext(FakeAthena.GET, 1, FakeAthenaFault.throttling());
    h.athena.failNext(FakeAthena.GET, 1, FakeAthenaFault.tooManyRequests());
    h.athena.failNext(FakeAthena.GET, 1, FakeAthenaFault.internal());

    JsonNode out = pushById();

    assertThat(out)
        .isEqualTo(read("{\"done\":true,\"rowCount\":3,\"chunks\":1,\"outcome\":\"completed\"}"));
    assertThat(h.athena.calls(FakeAthena.GET)).isEqualTo(4);
    assertThat(Streams.completeStream(h.messages(), "n")).isEqualTo(Streams.numbers(3));
    // The throttling backoff's ceilings are 200, 400 and 800 ms; jitter takes up to half off.
    List<Duration> sleeps = h.time.sleeps();
    assertThat(sleeps).hasSize(3);
    for (int i = 0; i < 3; i++) {
      long ceiling = 200L << i;
      assertThat(sleeps.get(i))
          .isBetween(Duration.ofMillis(ceiling / 2), Duration.ofMillis(ceiling));
    }
  }

  @Test
  void aStatusReadThrottledUntilTheRetriesRunOutTellsTheClientAndEndsThePush() throws Exception {
    h.athena.addQuery(Scripts.numbers(Duration.ZERO, 1, 3));
    h.athena.failNext(FakeAthena.GET, 5, FakeAthenaFault.throttling());

    JsonNode out = pushById();

    assertThat(out.path("done").asBoolean()).isTrue();
    assertThat(out.path("errorCode").asText()).isEqualTo("ATHENA_BUSY");
    assertThat(h.athena.calls(FakeAthena.GET)).isEqualTo(5);
    assertThat(h.athena.calls(FakeAthena.RESULTS)).isZero();
    assertThat(h.time.sleeps()).hasSize(4);
    assertThat(h.messages())
        .containsExactly(
            read(
                "{\"type\":\"error\",\"requestId\":\"r1\",\"queryExecutionId\":\""
                    + Harness.FIRST_QUERY
                    + "\",\"code\":\"ATHENA_BUSY\",\"message\":\"Athena is throttling; try again\","
                    + "\"retryable\":true}"));
  }

  @Test
  void anUnknownQueryIsNotRetriedAndIsReportedAsQueryFailed() throws Exception {
    JsonNode out = pushById();

    assertThat(out.path("errorCode").asText()).isEqualTo("QUERY_FAILED");
    assertThat(h.athena.calls(FakeAthena.GET)).isEqualTo(1);
    assertThat(h.time.sleeps()).isEmpty();
    assertThat(h.messages()).hasSize(1);
    assertThat(h.messages().get(0).path("code").asText()).isEqualTo("QUERY_FAILED");
  }
}
