package dev.athenaws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Puts the Lambda request id of the invocation in the log context ({@link MDC} key {@value
 * #AWS_REQUEST_ID}, the key of the Java runtime's own JSON log lines) for as long as a handler
 * serves it, and the connection id ({@value #CONNECTION_ID}, the key core uses) once known; core
 * adds the query execution id. Threads are reused between invocations, so {@link #exit} puts back
 * the context as it was. Thread-safe (per-thread state).
 */
final class RequestLog {
  static final String AWS_REQUEST_ID = "AWSRequestId";
  static final String CONNECTION_ID = "connectionId";

  private RequestLog() {}

  /**
   * @param context the invocation's context, nullable
   * @return the context before, for {@link #exit}
   */
  static Map<String, String> enter(Context context) {
    Map<String, String> before = MDC.getCopyOfContextMap();
    if (context != null && context.getAwsRequestId() != null) {
      MDC.put(AWS_REQUEST_ID, context.getAwsRequestId());
    }
    return before;
  }

  /**
   * @param connectionId the client's connection id, nullable
   */
  static void connection(String connectionId) {
    if (connectionId != null) {
      MDC.put(CONNECTION_ID, connectionId);
    }
  }

  /**
   * @param before what {@link #enter} returned
   */
  static void exit(Map<String, String> before) {
    if (before == null) {
      MDC.clear();
    } else {
      MDC.setContextMap(before);
    }
  }
}
