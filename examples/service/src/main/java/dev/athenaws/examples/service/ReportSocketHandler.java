package dev.athenaws.examples.service;

import dev.athenaws.notify.Connection;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The WebSocket endpoint: registers each session with the {@link SessionNotifier} and hands each
 * text frame to the {@link ReportService} on the {@link QueryExecutor}, never running it on the I/O
 * thread that received it. A frame the executor refuses (full, or stopping) gets {@code
 * ATHENA_BUSY} at once. Binary frames are refused by {@link TextWebSocketHandler} (close 1003).
 *
 * <p>Thread-safety: thread-safe (Spring calls it from many I/O threads).
 *
 * <p>Exceptions: none escape; a failure to reach a client is logged (the client is gone).
 */
final class ReportSocketHandler extends TextWebSocketHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ReportSocketHandler.class);
  private static final String CONNECTION = Connection.class.getName();

  private final ReportService service;
  private final SessionNotifier notifier;
  private final QueryExecutor executor;

  ReportSocketHandler(ReportService service, SessionNotifier notifier, QueryExecutor executor) {
    this.service = service;
    this.notifier = notifier;
    this.executor = executor;
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) {
    session.getAttributes().put(CONNECTION, notifier.open(session));
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message) {
    Connection connection = connection(session);
    String text = message.getPayload();
    Runnable refuse = () -> service.refuseBusy(connection, text);
    try {
      executor.execute(() -> reportFailures(() -> service.onMessage(connection, text)), refuse);
    } catch (RejectedExecutionException e) {
      reportFailures(refuse);
    }
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    notifier.closed(connection(session));
  }

  private static Connection connection(WebSocketSession session) {
    return (Connection) session.getAttributes().get(CONNECTION);
  }

  /**
   * ReportService tells clients of every failure; what it throws means the client is unreachable.
   */
  private static void reportFailures(Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      LOG.warn("A client could not be answered", e);
    }
  }
}
