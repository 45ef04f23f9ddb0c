package dev.athenaws.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.Continuation;
import dev.athenaws.internal.protocol.Delivery;
import dev.athenaws.notify.Connection;
import java.net.URI;
import java.util.Iterator;
import java.util.Map;
import software.amazon.awssdk.services.athena.model.QueryExecution;

/**
 * The push task's input, from any of the shapes it accepts (docs/deployment.md):
 *
 * <ul>
 *   <li>ours: {@code
 *       {"connection":{"connectionId","endpoint"},"requestId","queryName","queryExecutionId","NextToken",
 *       "continuation":{...}}}, which is also what the task returns when it pauses;
 *   <li>the state machine's own state: the execution input ({@code "query":{"name",
 *       "queryExecutionId","continuation"}}) with the {@code .sync} task's output under {@code
 *       StartAthenaQuery};
 *   <li>the original design's: {@code {"apiId","connectionId","StartAthenaQuery":{"QueryExecution":
 *       {...}},"GetAthenaQueryResult":{"ResultSet":{...},"NextToken"}}} (no stage: {@code
 *       WEBSOCKET_STAGE}; the embedded page is not used, results are read from page 1);
 *   <li>any of these with a Step Functions Catch output ({@code {"Error","Cause"}}) under some key.
 * </ul>
 *
 * @param connection where to post
 * @param requestId the client's request id, nullable
 * @param queryName the catalog name (for column type hints), nullable
 * @param queryExecutionId the query, nullable only for a failure input
 * @param from where publishing stands
 * @param execution the query's execution as the input carried it, nullable
 * @param failure a Step Functions Catch output {@code {"Error","Cause"}}, nullable
 * @param delivery how the client asked for the rows (top-level {@code "delivery"}, default rows)
 * @param executionArn the state machine execution running this task ({@code execution.arn}, from
 *     the context object), null when the input does not say (the original design's)
 */
record PushInput(
    Connection connection,
    String requestId,
    String queryName,
    String queryExecutionId,
    Continuation from,
    QueryExecution execution,
    JsonNode failure,
    Delivery delivery,
    String executionArn) {

  /**
   * @throws IllegalArgumentException when the input names no connection or no query (a state
   *     machine bug, not client input)
   * @throws MalformedContinuationException when it carries a continuation that cannot be resumed
   *     exactly (and no Catch output, which is reported whatever the continuation)
   */
  static PushInput of(Config config, JsonNode in) {
    if (in == null || !in.isObject()) {
      throw new IllegalArgumentException("push input must be a JSON object");
    }
    JsonNode query = in.path("query");
    JsonNode started = in.path("StartAthenaQuery").path("QueryExecution");
    // Only a full QueryExecution (with its Status) saves the GetQueryExecution call; a state
    // machine
    // that keeps just the id (ResultSelector) gets one.
    QueryExecution execution =
        started.path("Status").hasNonNull("State") ? AthenaJson.execution(started) : null;
    String startedId = AthenaJson.text(started, "QueryExecutionId");
    JsonNode failure = failure(in);
    String id =
        first(
            AthenaJson.text(in, "queryExecutionId"),
            AthenaJson.text(query, "queryExecutionId"),
            startedId);
    if (id == null && failure == null) {
      throw new IllegalArgumentException("push input names no queryExecutionId");
    }
    JsonNode cont = in.has("continuation") ? in.path("continuation") : query.path("continuation");
    Continuation from;
    try {
      from = continuation(cont, AthenaJson.text(in, "NextToken"));
    } catch (MalformedContinuationException e) {
      if (failure == null) {
        throw e;
      }
      from = Continuation.start(); // only the failure is reported: nothing is published from it
    }
    return new PushInput(
        connection(config, in),
        AthenaJson.text(in, "requestId"),
        first(AthenaJson.text(in, "queryName"), AthenaJson.text(query, "name")),
        id,
        from,
        execution,
        failure,
        // Written by this adapter only; anything else is taken as the default, rows.
        Delivery.parse(AthenaJson.text(in, "delivery")).orElse(Delivery.ROWS),
        AthenaJson.text(in.path("execution"), "arn"));
  }

  private static Connection connection(Config config, JsonNode in) {
    JsonNode c = in.path("connection");
    if (c.isObject()) {
      String endpoint = AthenaJson.text(c, "endpoint");
      return Connections.of(
          config,
          AthenaJson.text(c, "connectionId"),
          AthenaJson.text(c, "apiId"),
          AthenaJson.text(c, "region"),
          AthenaJson.text(c, "stage"),
          endpoint == null ? null : URI.create(endpoint));
    }
    // The original design's input: top-level ids, the stage from WEBSOCKET_STAGE.
    return Connections.of(
        config,
        AthenaJson.text(in, "connectionId"),
        AthenaJson.text(in, "apiId"),
        AthenaJson.text(in, "region"),
        AthenaJson.text(in, "stage"),
        null);
  }

  /**
   * Reads where publishing stands, refusing what it cannot resume from exactly: guessing a missing
   * {@code nextSeq} would restart {@code seq} at 0 (the client drops or misorders those messages),
   * guessing a missing {@code pageNumber} as 1 would skip a data row as the header.
   *
   * @throws MalformedContinuationException for a bare NextToken or an incomplete continuation
   */
  private static Continuation continuation(JsonNode c, String nextToken) {
    if (c.isMissingNode() || c.isNull()) {
      if (nextToken != null) {
        throw new MalformedContinuationException(
            "push input has a NextToken but no continuation (pageNumber, nextSeq, rowsSoFar, "
                + "chunksSoFar): resuming would restart seq and the row count");
      }
      return Continuation.start();
    }
    if (!c.isObject()) {
      throw new MalformedContinuationException("push input continuation must be an object");
    }
    String token = nextToken != null ? nextToken : AthenaJson.text(c, "nextToken");
    try {
      return new Continuation(
          token,
          (int) counter(c, "pageNumber", Integer.MAX_VALUE),
          (int) counter(c, "nextSeq", Integer.MAX_VALUE),
          counter(c, "rowsSoFar", Long.MAX_VALUE),
          (int) counter(c, "chunksSoFar", Integer.MAX_VALUE),
          c.has("skipThroughSeq") ? (int) counter(c, "skipThroughSeq", Integer.MAX_VALUE) : -1);
    } catch (MalformedContinuationException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new MalformedContinuationException("push input continuation: " + e.getMessage());
    }
  }

  private static long counter(JsonNode c, String field, long max) {
    JsonNode v = c.path(field);
    if (!v.isIntegralNumber()
        || !v.canConvertToLong()
        || v.longValue() < 0
        || v.longValue() > max) {
      throw new MalformedContinuationException(
          "push input continuation needs '" + field + "' as an integer from 0 to " + max);
    }
    return v.longValue();
  }

  /**
   * @return the Catch output: a top-level {@code Error}, or an object with an Error under any key
   */
  private static JsonNode failure(JsonNode in) {
    if (in.hasNonNull("Error")) {
      return in;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
      JsonNode v = it.next().getValue();
      if (v.isObject() && v.hasNonNull("Error") && (v.has("Cause") || v.size() == 1)) {
        return v;
      }
    }
    return null;
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
