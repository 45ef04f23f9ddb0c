package dev.athenaws.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.notify.ConnectionRef;
import dev.athenaws.publish.Continuation;
import java.net.URI;
import java.util.Iterator;
import java.util.Map;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;

/**
 * The push task's input, from any of the shapes it accepts (docs/deployment.md):
 *
 * <ul>
 *   <li>ours: {@code {"connection":{...},"requestId","queryName","queryExecutionId","NextToken",
 *       "continuation":{...}}}, which is also what the task returns when it pauses;
 *   <li>the state machine's own state: the execution input ({@code "query":{"name",
 *       "queryExecutionId","continuation"}}) with the {@code .sync} task's output under {@code
 *       StartAthenaQuery};
 *   <li>the original design's: {@code {"apiId","connectionId","StartAthenaQuery":{"QueryExecution":
 *       {...}},"GetAthenaQueryResult":{"ResultSet":{...},"NextToken"}}} (no stage: {@code
 *       WEBSOCKET_STAGE});
 *   <li>any of these with a Step Functions Catch output ({@code {"Error","Cause"}}) under some key.
 * </ul>
 *
 * @param connection where to post
 * @param requestId the client's request id, nullable
 * @param queryName the catalog name (for column type hints), nullable
 * @param queryExecutionId the query, nullable only for a failure input
 * @param from where publishing stands
 * @param execution the query's execution as the input carried it, nullable
 * @param firstPage a results page the input carried (the original design's), nullable
 * @param failure a Step Functions Catch output {@code {"Error","Cause"}}, nullable
 */
record PushInput(
    ConnectionRef connection,
    String requestId,
    String queryName,
    String queryExecutionId,
    Continuation from,
    QueryExecution execution,
    GetQueryResultsResponse firstPage,
    JsonNode failure) {

  /**
   * @throws IllegalArgumentException when the input names no connection, no query, or an
   *     inconsistent continuation (a state machine bug, not client input)
   */
  static PushInput of(Config config, JsonNode in) {
    if (in == null || !in.isObject()) {
      throw new IllegalArgumentException("push input must be a JSON object");
    }
    JsonNode query = in.path("query");
    JsonNode started = in.path("StartAthenaQuery").path("QueryExecution");
    // Only a full QueryExecution (with its Status) saves the GetQueryExecution call; a state machine
    // that keeps just the id (ResultSelector) gets one.
    QueryExecution execution =
        started.path("Status").hasNonNull("State") ? AthenaJson.execution(started) : null;
    String startedId = AthenaJson.text(started, "QueryExecutionId");
    JsonNode failure = failure(in);
    String id = first(AthenaJson.text(in, "queryExecutionId"), AthenaJson.text(query, "queryExecutionId"),
        startedId);
    if (id == null && failure == null) {
      throw new IllegalArgumentException("push input names no queryExecutionId");
    }
    JsonNode cont = in.has("continuation") ? in.path("continuation") : query.path("continuation");
    Continuation from = continuation(cont, AthenaJson.text(in, "NextToken"));
    JsonNode page = in.path("GetAthenaQueryResult");
    return new PushInput(
        connection(config, in),
        AthenaJson.text(in, "requestId"),
        first(AthenaJson.text(in, "queryName"), AthenaJson.text(query, "name")),
        id,
        from,
        execution,
        page.isObject() && from.isStart() ? AthenaJson.results(page) : null,
        failure);
  }

  private static ConnectionRef connection(Config config, JsonNode in) {
    JsonNode c = in.path("connection");
    if (c.isObject()) {
      String endpoint = AthenaJson.text(c, "endpoint");
      return Connections.of(config, AthenaJson.text(c, "connectionId"), AthenaJson.text(c, "apiId"),
          AthenaJson.text(c, "region"), AthenaJson.text(c, "stage"),
          endpoint == null ? null : URI.create(endpoint));
    }
    // The original design's input: top-level ids, the stage from WEBSOCKET_STAGE.
    return Connections.of(config, AthenaJson.text(in, "connectionId"), AthenaJson.text(in, "apiId"),
        AthenaJson.text(in, "region"), AthenaJson.text(in, "stage"), null);
  }

  private static Continuation continuation(JsonNode c, String nextToken) {
    if (!c.isObject()) {
      return nextToken == null
          ? Continuation.start()
          // A bare NextToken (no counters) continues page numbering past page 1.
          : new Continuation(nextToken, 2, 0, 0, 0);
    }
    String token = nextToken != null ? nextToken : AthenaJson.text(c, "nextToken");
    return new Continuation(token, c.path("pageNumber").asInt(1), c.path("nextSeq").asInt(0),
        c.path("rowsSoFar").asLong(0), c.path("chunksSoFar").asInt(0));
  }

  /** @return the Catch output: a top-level {@code Error}, or an object with an Error under any key */
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
