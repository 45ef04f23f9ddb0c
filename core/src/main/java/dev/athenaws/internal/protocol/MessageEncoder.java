package dev.athenaws.internal.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.athenaws.internal.query.QueryStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Encodes {@link ServerMessage}s as compact UTF-8 JSON with the fields in the order
 * docs/protocol.md lists them: {@code type}, {@code requestId}, {@code queryExecutionId}, then the
 * message's own fields. Null optional fields are omitted.
 *
 * <p>Thread-safety: immutable and thread-safe; share one instance.
 *
 * <p>Exceptions: {@link #encode} throws {@link NullPointerException} for a null message, and
 * nothing else (no I/O).
 */
public final class MessageEncoder {

  /** Creates an encoder. */
  public MessageEncoder() {}

  /**
   * @param message the message, not null
   * @return its UTF-8 JSON bytes
   * @throws NullPointerException if message is null
   */
  public byte[] encode(ServerMessage message) {
    Objects.requireNonNull(message, "message");
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", message.type());
      stringField(g, "requestId", message.requestId());
      if (message instanceof ServerMessage.Accepted) {
        ServerMessage.Accepted m = (ServerMessage.Accepted) message;
        stringField(g, "queryExecutionId", m.queryExecutionId());
        stringField(g, "resumeToken", m.resumeToken());
        if (m.resumed()) {
          g.writeBooleanField("resumed", true);
        }
        g.writeStringField("message", m.message());
      } else if (message instanceof ServerMessage.Progress) {
        ServerMessage.Progress m = (ServerMessage.Progress) message;
        stringField(g, "queryExecutionId", m.queryExecutionId());
        g.writeStringField("state", m.state().name());
        g.writeNumberField("elapsedMillis", m.elapsedMillis());
        longField(g, "dataScannedBytes", m.dataScannedBytes());
        longField(g, "totalRows", m.totalRows());
      } else if (message instanceof ServerMessage.Complete) {
        ServerMessage.Complete m = (ServerMessage.Complete) message;
        stringField(g, "queryExecutionId", m.queryExecutionId());
        g.writeNumberField("rowCount", m.rowCount());
        g.writeNumberField("chunks", m.chunks());
        if (m.statistics() != null || m.resultPath() != null) {
          writeStatistics(
              g, m.statistics() == null ? QueryStats.EMPTY : m.statistics(), m.resultPath());
        }
      } else if (message instanceof ServerMessage.Error) {
        writeError(g, (ServerMessage.Error) message);
      } else if (message instanceof ServerMessage.Download m) {
        writeDownload(g, m);
      } else if (message instanceof ServerMessage.Pong) {
        // type and requestId only
      } else {
        writeCatalog(g, ((ServerMessage.Catalog) message).queries());
      }
      g.writeEndObject();
    } catch (IOException e) {
      // Writing to a ByteArrayOutputStream does not fail; Jackson declares the exception anyway.
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeStatistics(JsonGenerator g, QueryStats s, String resultPath)
      throws IOException {
    g.writeObjectFieldStart("statistics");
    longField(g, "engineExecutionTimeMillis", s.engineExecutionTimeMillis());
    longField(g, "dataScannedBytes", s.dataScannedBytes());
    longField(g, "totalExecutionTimeMillis", s.totalExecutionTimeMillis());
    longField(g, "queryQueueTimeMillis", s.queryQueueTimeMillis());
    if (s.reusedPreviousResult() != null) {
      g.writeBooleanField("reusedPreviousResult", s.reusedPreviousResult());
    }
    stringField(g, "resultPath", resultPath);
    g.writeEndObject();
  }

  private static void writeDownload(JsonGenerator g, ServerMessage.Download m) throws IOException {
    stringField(g, "queryExecutionId", m.queryExecutionId());
    g.writeStringField("url", m.url().toString());
    g.writeStringField("expiresAt", expiresAt(m.expiresAt()));
    g.writeStringField("contentType", m.contentType());
    longField(g, "bytes", m.bytes());
  }

  /**
   * ISO-8601 in UTC to the second ({@code 2024-05-01T12:15:00Z}): a presigned URL's lifetime is
   * whole seconds ({@code X-Amz-Expires}), and cutting the fraction never makes the link look
   * longer-lived than it is.
   */
  static String expiresAt(Instant at) {
    return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
  }

  private static void writeError(JsonGenerator g, ServerMessage.Error m) throws IOException {
    stringField(g, "queryExecutionId", m.queryExecutionId());
    g.writeStringField("code", m.code().name());
    g.writeStringField("message", m.message());
    stringField(g, "field", m.field());
    if (m.athenaErrorCategory() != null) {
      g.writeNumberField("athenaErrorCategory", m.athenaErrorCategory());
    }
    if (m.athenaErrorType() != null) {
      g.writeNumberField("athenaErrorType", m.athenaErrorType());
    }
    if (m.retryable() != null) {
      g.writeBooleanField("retryable", m.retryable());
    }
  }

  private static void writeCatalog(JsonGenerator g, List<CatalogEntry> queries) throws IOException {
    ValueJsonWriter values = new ValueJsonWriter();
    g.writeArrayFieldStart("queries");
    for (CatalogEntry q : queries) {
      g.writeStartObject();
      g.writeStringField("name", q.name());
      stringField(g, "description", q.description());
      g.writeBooleanField("default", q.isDefault());
      g.writeArrayFieldStart("parameters");
      for (ParameterInfo p : q.parameters()) {
        g.writeStartObject();
        g.writeStringField("name", p.name());
        g.writeStringField("type", p.type());
        g.writeBooleanField("required", p.required());
        valueField(g, values, "default", p.defaultValue());
        stringField(g, "description", p.description());
        stringField(g, "pattern", p.pattern());
        valueField(g, values, "min", p.min());
        valueField(g, values, "max", p.max());
        valueField(g, values, "enum", p.allowedValues());
        if (p.maxLength() != null) {
          g.writeNumberField("maxLength", p.maxLength());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void valueField(JsonGenerator g, ValueJsonWriter w, String name, Object value)
      throws IOException {
    if (value != null) {
      g.writeFieldName(name);
      w.write(g, value);
    }
  }

  private static void stringField(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  private static void longField(JsonGenerator g, String name, Long value) throws IOException {
    if (value != null) {
      g.writeNumberField(name, value.longValue());
    }
  }
}
