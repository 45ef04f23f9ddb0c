package dev.athenaws.local.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * One open client connection of the gateway, as the management API sees it.
 *
 * <p>Thread-safety: thread-safe; {@link #send} serialises writes, so messages posted for the same
 * connection arrive in the order their POSTs were answered.
 */
final class Connection implements ConnectionTimers.Watched {
  /**
   * Who connected, fixed at the upgrade (before {@code $connect} runs).
   *
   * @param id the connection id
   * @param connectedAt when the upgrade request arrived
   * @param sourceIp the client's address
   * @param userAgent the client's User-Agent header, nullable
   * @param authorizer the {@code requestContext.authorizer} of the connection's events (the {@code
   *     $connect} authorizer's principal id and context), null without an authorizer
   */
  record Identity(
      String id,
      Instant connectedAt,
      String sourceIp,
      String userAgent,
      Map<String, Object> authorizer) {
    Identity(String id, Instant connectedAt, String sourceIp, String userAgent) {
      this(id, connectedAt, sourceIp, userAgent, null);
    }

    Identity {
      authorizer = authorizer == null ? null : Map.copyOf(authorizer);
    }

    /**
     * @return this identity with the authorizer's {@code requestContext.authorizer}
     */
    Identity authorized(Map<String, Object> context) {
      return new Identity(id, connectedAt, sourceIp, userAgent, context);
    }
  }

  private final Identity identity;
  private final Session session;
  private final Clock clock;
  private volatile Instant lastActiveAt;
  private volatile Instant lastMessageAt;

  Connection(Identity identity, Session session, Clock clock) {
    this.identity = identity;
    this.session = session;
    this.clock = clock;
    this.lastActiveAt = identity.connectedAt();
    this.lastMessageAt = identity.connectedAt();
  }

  Identity identity() {
    return identity;
  }

  @Override
  public String id() {
    return identity.id();
  }

  @Override
  public Instant connectedAt() {
    return identity.connectedAt();
  }

  String sourceIp() {
    return identity.sourceIp();
  }

  String userAgent() {
    return identity.userAgent();
  }

  Instant lastActiveAt() {
    return lastActiveAt;
  }

  @Override
  public Instant lastMessageAt() {
    return lastMessageAt;
  }

  /** A message from the client arrived: the connection is active (idle timer and GET). */
  void touch(Instant now) {
    lastActiveAt = now;
    lastMessageAt = now;
  }

  @Override
  public boolean isOpen() {
    return session.isOpen();
  }

  /**
   * Writes one text message, in frames of at most {@link Gateway#MAX_FRAME} bytes as API Gateway
   * sends them, and waits until it is written to the socket. A client that does not read for {@code
   * timeout} is disconnected (as API Gateway drops a connection it cannot write to).
   *
   * <p>A message whose write began while the connection was open counts as sent even when the
   * client drops the connection during the write: API Gateway answers {@code PostToConnection} 410
   * only for a connection that "was terminated or doesn't exist" (AWS re:Post, "How do I
   * troubleshoot 410 GoneException errors with API Gateway WebSocket APIs?",
   * https://repost.aws/knowledge-center/410-gone-api-gateway), and cannot know whether the client
   * read a message it accepted. Here the write's completion can even be reported as failed after
   * the client has read the frame and reset the connection; a 410 for it would tell the sender the
   * client never got a message it holds (a client that got its {@code accepted} and dropped at once
   * would see its query stopped).
   *
   * @return true when written (or its write began on an open connection); false when the connection
   *     was closed before, or the client did not read for {@code timeout}
   */
  synchronized boolean send(String text, Duration timeout) {
    if (!session.isOpen()) {
      return false;
    }
    long end = System.nanoTime() + timeout.toNanos();
    try {
      int from = 0;
      do {
        int to = frameEnd(text, from);
        Callback.Completable done = new Callback.Completable();
        session.sendPartialText(text.substring(from, to), to == text.length(), done);
        done.get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        from = to;
      } while (from < text.length());
      // A message to the client resets API Gateway's idle timer too (ConnectionTimers).
      lastMessageAt = clock.instant();
      return true;
    } catch (TimeoutException e) {
      session.disconnect();
      return false;
    } catch (ExecutionException e) {
      // The connection closed during the write (see above): sent, as far as the poster can know.
      lastMessageAt = clock.instant();
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * @return the end of the frame that starts at {@code from}: at most MAX_FRAME UTF-8 bytes
   */
  static int frameEnd(String text, int from) {
    int bytes = 0;
    int i = from;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + size > Gateway.MAX_FRAME) {
        break;
      }
      bytes += size;
      i += Character.charCount(cp);
    }
    return i;
  }

  /** Closes the connection normally, as the management API's DELETE does. */
  void close() {
    session.close(StatusCode.NORMAL, "closed by the management API", Callback.NOOP);
  }

  /**
   * Closes the connection with a status, as API Gateway does on a protocol violation or at one of
   * its {@link ConnectionLimits}.
   */
  @Override
  public void close(int status, String reason) {
    session.close(status, reason, Callback.NOOP);
  }
}
