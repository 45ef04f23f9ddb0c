package dev.athenaws.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.Resumption;
import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.error.ThrottledException;
import dev.athenaws.internal.query.QueryError;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.athena.model.QueryExecution;

/**
 * Classifies a state machine's failure for the front door to tell the client, from a Catch output
 * {@code {"Error","Cause"}}. When the Cause is the failed {@code .sync} task's QueryExecution, the
 * client gets QUERY_FAILED with Athena's category, type and (user-safe) message; a Cause that
 * merely mentions an Athena FAILED state gives QUERY_FAILED with a generic message; an Athena that
 * stayed busy through the start state's retries ({@link #BUSY_ERRORS}) gives ATHENA_BUSY; anything
 * else INTERNAL, generic. The Cause's text itself is never sent: it can hold ARNs, bucket names and
 * SQL.
 */
final class StepFailure {
  private static final Logger LOG = LoggerFactory.getLogger(StepFailure.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String QUERY_FAILED = "The query failed.";

  /** The state machine's error names of an Athena that stayed busy ({@code Athena.<exception>}). */
  static final Set<String> BUSY_ERRORS =
      Set.of("Athena.TooManyRequestsException", "Athena.InternalServerException");

  static final String NOT_CONTINUED =
      "The results could not be continued (malformed continuation); please run the query again.";

  private StepFailure() {}

  /** A failure as the front door reports it, and the query id its Cause named (nullable). */
  record Classified(Resumption.Failure failure, String queryExecutionId) {}

  static Classified classify(JsonNode failure, String connectionId) {
    String error = AthenaJson.text(failure, "Error");
    String cause = AthenaJson.text(failure, "Cause");
    LOG.info("state machine failure for connection {}: {}", connectionId, error);
    QueryExecution execution = execution(cause);
    String id = execution == null ? null : execution.queryExecutionId();
    if (execution != null && execution.status() != null) {
      String state = execution.status().stateAsString();
      if ("FAILED".equals(state)) {
        return new Classified(
            new Resumption.Failure.AthenaFailed(
                QueryError.of(
                    execution.status().athenaError(), execution.status().stateChangeReason())),
            id);
      }
      if ("CANCELLED".equals(state)) {
        return new Classified(new Resumption.Failure.Cancelled(), id);
      }
    }
    if (BUSY_ERRORS.contains(error)) {
      // The start state's own retries ran out (the concurrent query limit, throttling): as in
      // inline mode, the client may send the same request again later.
      ThrottledException.Reason reason =
          error.endsWith("TooManyRequestsException")
              ? ThrottledException.Reason.CONCURRENT_QUERY_LIMIT
              : ThrottledException.Reason.SERVER_ERROR;
      return reported(new ThrottledException("StartQueryExecution", reason, 0, null), id);
    }
    if (error != null && error.endsWith(MalformedContinuationException.class.getSimpleName())) {
      // Our own refusal (fully qualified on AWS Lambda, simple in the local stack): say what it
      // means.
      return reported(new AthenaWsException(ErrorCode.INTERNAL, NOT_CONTINUED), id);
    }
    boolean athenaFailed =
        cause != null
            && cause.toLowerCase(Locale.ROOT).contains("athena")
            && cause.contains("FAILED");
    return reported(
        athenaFailed
            ? new AthenaWsException(ErrorCode.QUERY_FAILED, QUERY_FAILED)
            : new AthenaWsException(ErrorCode.INTERNAL, QueryRouteHandler.INTERNAL_MESSAGE),
        id);
  }

  private static Classified reported(AthenaWsException e, String id) {
    return new Classified(new Resumption.Failure.Reported(e), id);
  }

  /**
   * @return the QueryExecution in a JSON Cause ({@code {"QueryExecution":{...}}}), else null
   */
  private static QueryExecution execution(String cause) {
    if (cause == null || !cause.startsWith("{")) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(cause).path("QueryExecution");
      return node.isObject() ? AthenaJson.execution(node) : null;
    } catch (IOException e) {
      return null;
    }
  }
}
