package dev.athenaws.lambda.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** One named logger of {@link JsonLogProvider}. Thread-safe; never throws. */
final class JsonLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;
  // jackson-core's streaming generator, not databind's ObjectMapper: a log line needs no data
  // binding, and building an ObjectMapper costs a cold start about 0.15 s of class loading (the
  // $connect handler logs before anything else has loaded Jackson databind).
  private static final JsonFactory JSON = new JsonFactory();

  /** The Java runtime's own JSON log timestamp: ISO-8601 UTC with milliseconds. */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final int MAX_FRAMES = 30;

  private final transient Supplier<Level> threshold;

  JsonLogger(String name, Supplier<Level> threshold) {
    this.name = name;
    this.threshold = threshold;
  }

  private boolean enabled(Level level) {
    return level.toInt() >= threshold.get().toInt();
  }

  @Override
  public boolean isTraceEnabled() {
    return enabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return enabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return enabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return enabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return enabled(Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
    System.out.println(line(Instant.now(), level, name, pattern, arguments, throwable));
  }

  /**
   * @return the JSON line of one event, with the calling thread's MDC
   */
  static String line(
      Instant at,
      Level level,
      String logger,
      String pattern,
      Object[] arguments,
      Throwable throwable) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator line = JSON.createGenerator(out)) {
      line.writeStartObject();
      line.writeStringField("timestamp", TIMESTAMP.format(at));
      line.writeStringField("level", level.name());
      line.writeStringField("logger", logger);
      line.writeStringField("message", MessageFormatter.basicArrayFormat(pattern, arguments));
      Map<String, String> context = MDC.getCopyOfContextMap();
      if (context != null) {
        for (Map.Entry<String, String> e : context.entrySet()) {
          line.writeStringField(e.getKey(), e.getValue());
        }
      }
      if (throwable != null) {
        line.writeStringField("errorType", throwable.getClass().getName());
        line.writeArrayFieldStart("stackTrace");
        StackTraceElement[] trace = throwable.getStackTrace();
        for (int i = 0; i < trace.length && i < MAX_FRAMES; i++) {
          line.writeString(trace[i].toString());
        }
        line.writeEndArray();
      }
      line.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("a StringWriter does not fail", e);
    }
    return out.toString();
  }
}
