package dev.athenaws.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.athenaws.Continuation;
import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.internal.protocol.Delivery;
import dev.athenaws.notify.Connection;

/**
 * What the push task returns to the state machine. Paused: {@code {"done":false,"NextToken",
 * "continuation":{...},"connection":{...},"requestId","queryName","queryExecutionId","delivery"}}
 * ({@code delivery} only when {@code link}), which is also a valid input, so a Choice state on
 * {@code $.done} loops by feeding it back. Ended: {@code
 * {"done":true,"rowCount","chunks","outcome"}} plus {@code "errorCode"} when an error was sent.
 * Only ids, counters and a token: far under Step Functions' 256 KiB state limit.
 *
 * @param json the output document
 */
record PushOutput(ObjectNode json) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static PushOutput paused(PushInput in, Continuation next) {
    ObjectNode out = JSON.createObjectNode();
    out.put("done", false);
    if (next.nextToken() != null) {
      out.put("NextToken", next.nextToken());
    }
    ObjectNode c = out.putObject("continuation");
    c.put("pageNumber", next.pageNumber());
    c.put("nextSeq", next.nextSeq());
    c.put("rowsSoFar", next.rowsSoFar());
    c.put("chunksSoFar", next.chunksSoFar());
    if (next.skipThroughSeq() >= 0) {
      c.put("skipThroughSeq", next.skipThroughSeq());
    }
    writeConnection(out.putObject("connection"), in.connection());
    putIfPresent(out, "requestId", in.requestId());
    putIfPresent(out, "queryName", in.queryName());
    out.put("queryExecutionId", in.queryExecutionId());
    if (in.delivery() != Delivery.ROWS) {
      out.put("delivery", in.delivery().wire());
    }
    if (in.executionArn() != null) {
      out.putObject("execution").put("arn", in.executionArn());
    }
    return new PushOutput(out);
  }

  static PushOutput ended(PublishResult result) {
    ObjectNode out = JSON.createObjectNode();
    out.put("done", true);
    if (result instanceof PublishResult.Completed c) {
      out.put("rowCount", c.rowCount());
      out.put("chunks", c.chunks());
      out.put("outcome", "completed");
    } else if (result instanceof PublishResult.ConnectionGone) {
      out.put("outcome", "connectionGone");
    } else if (result instanceof PublishResult.Stopped) {
      out.put("outcome", "cancelled");
    } else if (result instanceof PublishResult.Failed f) {
      out.put("outcome", "failed");
      out.put("errorCode", f.code().name());
    } else {
      out.put("outcome", "undelivered");
    }
    return new PushOutput(out);
  }

  boolean done() {
    return json.path("done").asBoolean();
  }

  private static void writeConnection(ObjectNode node, Connection c) {
    node.put("connectionId", c.id());
    if (c.endpoint() != null) {
      node.put("endpoint", c.endpoint().toString());
    }
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
