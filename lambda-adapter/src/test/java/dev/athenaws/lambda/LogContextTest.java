package dev.athenaws.lambda;

import static dev.athenaws.lambda.Harness.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.catalog.Statement;
import dev.athenaws.internal.query.RequestKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The log lines of a handler invocation (the deployable jar's JSON binding, selected for the tests
 * in the POM): each is one JSON object carrying the Lambda request id and, when known, the
 * connection and query execution ids; none carries SQL, parameters, rows or tokens.
 */
class LogContextTest {
  private final Harness h = new Harness().with("INLINE_DEADLINE_SECONDS", "5");

  @AfterEach
  void close() {
    h.close();
    MDC.clear();
  }

  /** Runs the action with System.out captured (where the binding writes) and returns the lines. */
  private static List<JsonNode> logLines(ThrowingRunnable action) throws IOException {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setOut(original);
    }
    return buffer.toString(StandardCharsets.UTF_8).lines().map(Harness::read).toList();
  }

  interface ThrowingRunnable {
    void run() throws IOException;
  }

  @Test
  void theTestsLogThroughTheJsonBinding() {
    assertThat(LoggerFactory.getILoggerFactory().getClass().getName())
        .startsWith("dev.athenaws.lambda.logging.");
  }

  @Test
  void aPushInvocationsLinesCarryTheRequestConnectionAndQueryIds() throws IOException {
    String id = h.athena.addQuery(Scripts.numbers(Duration.ZERO, 1, 3));
    PushResultsHandler push = new PushResultsHandler(h.wiring());
    String input =
        "{\"connection\":"
            + Harness.fixture("push-state.json").get("connection")
            + ",\"requestId\":\"r1\",\"queryExecutionId\":\""
            + id
            + "\"}";

    List<JsonNode> lines =
        logLines(
            () ->
                push.handleRequest(
                    new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(),
                    context("lambda-req-1")));

    assertThat(lines).isNotEmpty();
    assertThat(lines)
        .allSatisfy(
            line -> {
              assertThat(line.path("AWSRequestId").asText()).isEqualTo("lambda-req-1");
              assertThat(line.path("connectionId").asText()).isEqualTo(Harness.CONNECTION);
              assertThat(line.path("queryExecutionId").asText()).isEqualTo(id);
              assertThat(line.path("level").asText()).isNotEmpty();
              assertThat(line.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            });
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void aRefusedMessagesLinesCarryTheIdsButNeverTheFrame() throws IOException {
    QueryRouteHandler route = new QueryRouteHandler(h.wiring());
    String secret =
        "{\"action\":\"query\",\"query\":\"by-region\","
            + "\"parameters\":{\"region\":\"secret-value-42\",\"limit\":\"not a number\"}}";

    List<JsonNode> lines =
        logLines(() -> route.handleRequest(message(secret), context("lambda-req-2")));

    assertThat(lines).isNotEmpty();
    assertThat(lines)
        .allSatisfy(
            line -> {
              assertThat(line.path("AWSRequestId").asText()).isEqualTo("lambda-req-2");
              assertThat(line.path("connectionId").asText()).isEqualTo(Harness.CONNECTION);
              assertThat(line.toString())
                  .doesNotContain("secret-value-42")
                  .doesNotContain("not a number");
            });
  }

  @Test
  void aQueryRunInlineLogsNeitherSqlNorParametersNorRowsNorTheToken() throws IOException {
    h.athena.nextQuery(Scripts.numbers(Duration.ofSeconds(1), 1, 3));
    QueryRouteHandler route = new QueryRouteHandler(h.wiring());
    String token =
        RequestKey.of(
                Harness.CONNECTION,
                "r1",
                new Statement(
                    "SELECT n FROM numbers WHERE region = ? LIMIT ?",
                    List.of("'eu-west-1'", "5"),
                    null))
            .clientRequestToken();

    List<JsonNode> lines =
        logLines(() -> route.handleRequest(Harness.event("query.json"), context("lambda-req-3")));

    assertThat(h.types()).contains("complete");
    assertThat(lines)
        .extracting(l -> l.path("queryExecutionId").asText())
        .contains(Harness.FIRST_QUERY);
    assertThat(lines)
        .allSatisfy(
            line -> {
              assertThat(line.path("AWSRequestId").asText()).isEqualTo("lambda-req-3");
              assertThat(line.toString())
                  .doesNotContain("SELECT")
                  .doesNotContain("eu-west-1")
                  .doesNotContain(token)
                  .doesNotContain("\"rows\"");
            });
  }

  /** The Lambda context of one invocation: what the handlers read of it (request id, time left). */
  private static Context context(String awsRequestId) {
    Context context = mock(Context.class);
    when(context.getAwsRequestId()).thenReturn(awsRequestId);
    when(context.getRemainingTimeInMillis()).thenReturn(900_000);
    return context;
  }
}
