package dev.athenaws.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.Test;

/** What a management API post reports for a write the client cuts short. */
class ConnectionSendTest {
  private final AtomicBoolean open = new AtomicBoolean(true);
  private final AtomicInteger writes = new AtomicInteger();

  /** A socket whose writes fail as Jetty reports a client's reset during the write. */
  private final Session cutShort =
      (Session)
          Proxy.newProxyInstance(
              Session.class.getClassLoader(),
              new Class<?>[] {Session.class},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "isOpen" -> open.get();
                    case "sendPartialText" -> {
                      writes.incrementAndGet();
                      open.set(false); // the client read the frame and reset the connection
                      ((Callback) args[2]).fail(new EOFException("reset by peer"));
                      yield null;
                    }
                    default -> null;
                  });

  private final Connection connection =
      new Connection(
          new Connection.Identity("c1=", Instant.EPOCH, "127.0.0.1", "test"),
          cutShort,
          Clock.systemUTC());

  @Test
  void aWriteBegunOnAnOpenConnectionIsSentAndTheNextPostFindsItGone() {
    assertThat(connection.send("{\"type\":\"accepted\"}", Duration.ofSeconds(5))).isTrue();
    assertThat(writes).hasValue(1);
    assertThat(connection.send("{\"type\":\"progress\"}", Duration.ofSeconds(5))).isFalse();
    assertThat(writes).hasValue(1);
  }
}
