package dev.athenaws.lambda.sfn;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.athenaws.Continuation;
import dev.athenaws.catalog.Statement;
import dev.athenaws.internal.protocol.Delivery;
import dev.athenaws.internal.query.RequestKey;
import dev.athenaws.notify.Connection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Writes the execution input documented on {@link StepFunctionsStarter}. Deterministic: the same
 * arguments always give the same bytes, which Step Functions' name+input idempotency relies on.
 */
final class ExecutionInput {
  /** Step Functions' limit on an execution's input, as UTF-8 bytes (256 KiB). */
  static final int MAX_BYTES = 256 * 1024;

  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private ExecutionInput() {}

  /** The input of a request for rows, without a deployment reuse age. */
  static String of(Connection connection, String requestId, QuerySpec query, RequestKey key) {
    return of(connection, requestId, query, key, Delivery.ROWS, null);
  }

  /**
   * @param delivery how the client asked for the rows; written only for a link
   * @param reuseDefault the deployment's result reuse age, or null: a rendered statement's own age
   *     wins over it
   * @return the input JSON
   * @throws IllegalArgumentException if it is larger than {@link #MAX_BYTES}
   */
  static String of(
      Connection connection,
      String requestId,
      QuerySpec query,
      RequestKey key,
      Delivery delivery,
      Duration reuseDefault) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      writeConnection(g, connection);
      if (requestId != null) {
        g.writeStringField("requestId", requestId);
      }
      g.writeFieldName("query");
      writeQuery(g, query, reuseDefault);
      g.writeStringField("clientRequestToken", key.clientRequestToken());
      if (delivery != Delivery.ROWS) {
        // Only when asked: a rows request's input, and so its idempotency, stays as it was.
        g.writeStringField("delivery", delivery.wire());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    if (out.size() > MAX_BYTES) {
      throw new IllegalArgumentException(
          "execution input is "
              + out.size()
              + " bytes; Step Functions accepts at most "
              + MAX_BYTES);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void writeConnection(JsonGenerator g, Connection c) throws IOException {
    g.writeObjectFieldStart("connection");
    g.writeStringField("connectionId", c.id());
    if (c.endpoint() != null) {
      g.writeStringField("endpoint", c.endpoint().toString());
    }
    g.writeEndObject();
  }

  private static void writeQuery(JsonGenerator g, QuerySpec query, Duration reuseDefault)
      throws IOException {
    g.writeStartObject();
    if (query instanceof QuerySpec.Named n) {
      g.writeStringField("name", n.name());
      g.writeObjectFieldStart("parameters");
      for (Map.Entry<String, Object> e : n.parameters().entrySet()) {
        g.writeFieldName(e.getKey());
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else if (query instanceof QuerySpec.Rendered rendered) {
      Statement s = rendered.statement();
      if (s.queryName() != null) {
        g.writeStringField("name", s.queryName());
      }
      g.writeStringField("sql", s.sql());
      g.writeArrayFieldStart("executionParameters");
      for (String p : s.executionParameters()) {
        g.writeString(p);
      }
      g.writeEndArray();
      writeReuse(g, s.resultReuse().orElse(reuseDefault));
    } else {
      QuerySpec.Running r = (QuerySpec.Running) query;
      if (r.queryName() != null) {
        g.writeStringField("name", r.queryName());
      }
      g.writeStringField("queryExecutionId", r.queryExecutionId());
      writeContinuation(g, r.from());
    }
    g.writeEndObject();
  }

  /**
   * Athena's {@code ResultReuseConfiguration}, as the start states pass it on verbatim: always
   * present (a JSONPath to a missing field fails the state), {@code Enabled: false} when reuse is
   * off. {@code Enabled} is the one required member; {@code MaxAgeInMinutes} 0..10080, default 60
   * (StartQueryExecution API reference, ResultReuseByAgeConfiguration).
   */
  private static void writeReuse(JsonGenerator g, Duration age) throws IOException {
    g.writeObjectFieldStart("resultReuseConfiguration");
    g.writeObjectFieldStart("ResultReuseByAgeConfiguration");
    g.writeBooleanField("Enabled", age != null);
    if (age != null) {
      g.writeNumberField("MaxAgeInMinutes", age.toMinutes());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeContinuation(JsonGenerator g, Continuation c) throws IOException {
    g.writeObjectFieldStart("continuation");
    if (c.nextToken() != null) {
      g.writeStringField("nextToken", c.nextToken());
    }
    g.writeNumberField("pageNumber", c.pageNumber());
    g.writeNumberField("nextSeq", c.nextSeq());
    g.writeNumberField("rowsSoFar", c.rowsSoFar());
    g.writeNumberField("chunksSoFar", c.chunksSoFar());
    if (c.skipThroughSeq() >= 0) {
      g.writeNumberField("skipThroughSeq", c.skipThroughSeq());
    }
    g.writeEndObject();
  }

  private static void writeValue(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof BigDecimal d) {
      g.writeNumber(d);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else {
      g.writeString((String) value);
    }
  }
}
