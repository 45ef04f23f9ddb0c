package dev.athenaws.lambda.logging;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding of the deployable Lambda jar: every log line is one JSON object on stdout
 * ({@code timestamp}, {@code level}, {@code logger}, {@code message}, then the MDC: {@code
 * AWSRequestId}, {@code connectionId}, {@code queryExecutionId}), the shape of the Java runtime's
 * own JSON log lines. Lambda passes stdout through as it is and does not encode a line that already
 * is JSON a second time, so the lines work with the function's JSON log format (see
 * docs/operations.md). The level is {@code AWS_LAMBDA_LOG_LEVEL} (what the function's application
 * log level sets), INFO when unset. Exceptions are logged as their class and stack frames, never
 * their message (it may quote a payload).
 *
 * <p>It is registered (META-INF/services) in the shaded Lambda jar only, so a project that uses
 * athena-ws-lambda as a library keeps its own binding.
 *
 * <p>Thread-safety: thread-safe; each line is written with one {@code println}. Never throws.
 */
public final class JsonLogProvider implements SLF4JServiceProvider {
  private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new BasicMDCAdapter();
  private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, this::logger);
  private volatile Level threshold = Level.INFO;

  /** Used by SLF4J's service loader. */
  public JsonLogProvider() {}

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    threshold = level(System.getenv("AWS_LAMBDA_LOG_LEVEL"));
  }

  /**
   * The threshold for a value of {@code AWS_LAMBDA_LOG_LEVEL}: TRACE, DEBUG, INFO, WARN, ERROR or
   * FATAL (as ERROR); INFO when unset or unknown.
   */
  static Level level(String value) {
    if (value == null) {
      return Level.INFO;
    }
    String v = value.strip().toUpperCase(Locale.ROOT);
    if ("FATAL".equals(v)) {
      return Level.ERROR;
    }
    for (Level l : Level.values()) {
      if (l.name().equals(v)) {
        return l;
      }
    }
    return Level.INFO;
  }

  private Logger logger(String name) {
    return new JsonLogger(name, () -> threshold);
  }
}
