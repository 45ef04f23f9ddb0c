package dev.athenaws.examples.service;

import dev.athenaws.notify.Connection;
import dev.athenaws.notify.ConnectionNotifier;
import dev.athenaws.notify.PostOutcome;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.SessionLimitExceededException;

/**
 * athena-ws's {@link ConnectionNotifier} over this server's own Spring WebSocket sessions: {@code
 * post} writes a text frame to the session, {@code Gone} when it is closed or broken, so that the
 * publisher stops sending and stops the client's query.
 *
 * <p>Why the decorator: Spring's {@link WebSocketSession#sendMessage} must not be called by two
 * threads at once (on Tomcat a second concurrent send fails with {@code IllegalStateException}),
 * and athena-ws posts up to {@code postsInFlight} rows messages of one query at once from its pool
 * threads, two queries of one client run on two worker threads, and a refusal is sent from the I/O
 * thread. Each session is therefore wrapped in a {@link ConcurrentWebSocketSessionDecorator}: one
 * thread sends at a time, frames posted meanwhile are queued and flushed in order by the sending
 * thread (so one thread's messages keep their order), and a client that does not read is
 * disconnected once a send takes longer than the time limit or the queue exceeds the buffer limit
 * ({@code Gone} from then on) instead of blocking query threads. Plain synchronisation would be
 * correct too, but would let one slow client hold every thread that posts to it.
 *
 * <p>{@code Delivered} means the frame was written or queued for the session, as API Gateway's
 * answer means the message was accepted.
 *
 * <p>Thread-safety: thread-safe. Exceptions: {@link #post} and {@link #disconnect} never throw for
 * a closed or failing session (they answer {@code Gone}); {@link #open} throws {@link
 * NullPointerException} for a null session.
 */
final class SessionNotifier implements ConnectionNotifier {
  private static final Logger LOG = LoggerFactory.getLogger(SessionNotifier.class);

  private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();

  /**
   * Each thread's send lock, held during a send. Weak keys: Tomcat's I/O threads come and go, and
   * an unlocked lock does not refer to its thread.
   */
  private final Map<Thread, ReentrantLock> sends = Collections.synchronizedMap(new WeakHashMap<>());

  private final int sendTimeLimitMillis;
  private final int bufferLimitBytes;

  /**
   * @param sendTimeLimitMillis how long one send may take before the client is disconnected
   * @param bufferLimitBytes how much may wait unsent before the client is disconnected
   */
  SessionNotifier(int sendTimeLimitMillis, int bufferLimitBytes) {
    this.sendTimeLimitMillis = sendTimeLimitMillis;
    this.bufferLimitBytes = bufferLimitBytes;
  }

  // snippet:start sessionNotifier (shown in docs/api.md; DocsSnippetsTest keeps them equal)
  /**
   * Registers a newly opened session.
   *
   * @param session the session, not null
   * @return its connection: a random id, never reused (athena-ws derives Athena's idempotency token
   *     from it, so the server's own session ids, which restart with the process, would not do)
   */
  Connection open(WebSocketSession session) {
    Objects.requireNonNull(session, "session");
    String id = UUID.randomUUID().toString();
    sessions.put(
        id,
        new ConcurrentWebSocketSessionDecorator(session, sendTimeLimitMillis, bufferLimitBytes));
    return Connection.of(id);
  }

  /**
   * Forgets a closed session: posts to it answer {@code Gone} from now on.
   *
   * @param connection the connection {@link #open} returned
   */
  void closed(Connection connection) {
    sessions.remove(connection.id());
  }

  @Override
  public PostOutcome post(Connection connection, byte[] payload) {
    WebSocketSession session = sessions.get(connection.id());
    if (session == null || !session.isOpen()) {
      return new PostOutcome.Gone();
    }
    // A query thread interrupted at shutdown still owes its client the final error; Tomcat's
    // blocking send fails on an interrupted thread, so the flag is set aside for the send (bounded
    // by the send limits) and restored after it, and interruptOutsideSend holds a stop's interrupt
    // back until the send is over: an interrupt landing mid-send would fail the send and lose the
    // client.
    ReentrantLock sending = sends.computeIfAbsent(Thread.currentThread(), t -> new ReentrantLock());
    sending.lock();
    boolean interrupted = Thread.interrupted();
    try {
      session.sendMessage(new TextMessage(payload));
      return new PostOutcome.Delivered(1);
    } catch (SessionLimitExceededException e) {
      LOG.info("Disconnecting a client that does not read: {}", e.getMessage());
      drop(connection, e.getStatus());
      return new PostOutcome.Gone();
    } catch (IOException | IllegalStateException e) {
      // The socket failed or was closed under us: the client cannot be reached any more.
      LOG.debug("A send failed; the client is gone", e);
      drop(connection, CloseStatus.SESSION_NOT_RELIABLE);
      return new PostOutcome.Gone();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      sending.unlock();
    }
  }

  @Override
  public PostOutcome disconnect(Connection connection) {
    return drop(connection, CloseStatus.NORMAL)
        ? new PostOutcome.Delivered(1)
        : new PostOutcome.Gone();
  }

  // snippet:end sessionNotifier

  /**
   * Interrupts a thread, but never while it is inside {@link #post}: the interrupt waits for the
   * send in progress (bounded by the send time limit). {@link QueryExecutor} stops queries this
   * way.
   *
   * @param thread the thread to interrupt
   */
  void interruptOutsideSend(Thread thread) {
    // The same lock the thread takes before its send (created here if it never sent), so an
    // interrupt either precedes the send, where post sets the flag aside, or waits for its end.
    ReentrantLock sending = sends.computeIfAbsent(thread, t -> new ReentrantLock());
    sending.lock();
    try {
      thread.interrupt();
    } finally {
      sending.unlock();
    }
  }

  /** Closes every session still open (the server is stopping). */
  @Override
  public void close() {
    sessions.keySet().forEach(id -> drop(id, CloseStatus.GOING_AWAY));
  }

  private boolean drop(Connection connection, CloseStatus status) {
    return drop(connection.id(), status);
  }

  private boolean drop(String id, CloseStatus status) {
    WebSocketSession session = sessions.remove(id);
    if (session == null) {
      return false;
    }
    try {
      session.close(status);
    } catch (IOException | RuntimeException e) {
      LOG.debug("Closing a session failed; it is dropped anyway", e);
    }
    return true;
  }
}
