package dev.athenaws.benchmarks.e2e;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The practical limit of the end-to-end path on this machine: a plain WebSocket endpoint (Jetty, as
 * the local stack's gateway) that runs a query over JDBC straight against the emulator's DuckDB
 * database and streams the rows as JSON objects ({@code rs.getString} per column, Jackson) in
 * messages of about 96 KiB, numbered like the protocol's {@code rows} messages and ended by {@code
 * complete} with the row count. No Athena API, no paging, no type mapping, no management API hop.
 *
 * <p>Every text message a client sends runs the one SQL text given at start. Thread-safety:
 * thread-safe; one query per message, on a worker thread.
 */
public final class BaselineServer implements AutoCloseable {
  /** The size at which a message is sent: the local stack's default chunk size. */
  static final int MESSAGE_BYTES = 96 * 1024;

  private static final JsonFactory JSON = new JsonFactory();

  /** Opens a database connection per query. */
  public interface Database {
    /**
     * @return a new connection; the caller closes it
     */
    Connection open() throws SQLException;
  }

  private final Server server;
  private final ExecutorService workers =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "baseline-query");
            t.setDaemon(true);
            return t;
          });
  private final Database database;
  private final String sql;
  private final int port;

  private BaselineServer(Database database, String sql) throws Exception {
    this.database = database;
    this.sql = sql;
    this.server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        WebSocketUpgradeHandler.from(
            server,
            container -> {
              container.setMaxTextMessageSize(128 * 1024);
              container.setIdleTimeout(Duration.ofMinutes(10));
              container.addMapping("/baseline", (req, resp, cb) -> new Socket());
            }));
    server.start();
    this.port = connector.getLocalPort();
  }

  /**
   * @param database where the query runs
   * @param sql the query every message runs
   * @return a started server on a free loopback port
   * @throws Exception when Jetty cannot start
   */
  public static BaselineServer start(Database database, String sql) throws Exception {
    return new BaselineServer(database, sql);
  }

  /**
   * @return the WebSocket URL
   */
  public URI uri() {
    return URI.create("ws://127.0.0.1:" + port + "/baseline");
  }

  @Override
  public void close() throws Exception {
    workers.shutdownNow();
    server.stop();
  }

  /** Streams the query's rows to the session. */
  void stream(Session session) throws SQLException, IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(MESSAGE_BYTES + 16 * 1024);
    long rows = 0;
    int seq = 0;
    try (Connection c = database.open();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      int columns = meta.getColumnCount();
      String[] labels = new String[columns];
      for (int i = 0; i < columns; i++) {
        labels[i] = meta.getColumnLabel(i + 1);
      }
      JsonGenerator out = null;
      while (rs.next()) {
        if (out == null) {
          out = open(buffer, seq);
        }
        out.writeStartObject();
        for (int i = 0; i < columns; i++) {
          String v = rs.getString(i + 1);
          if (v == null) {
            out.writeNullField(labels[i]);
          } else {
            out.writeStringField(labels[i], v);
          }
        }
        out.writeEndObject();
        rows++;
        out.flush();
        if (buffer.size() >= MESSAGE_BYTES) {
          send(session, close(out, buffer));
          out = null;
          seq++;
        }
      }
      if (out != null) {
        send(session, close(out, buffer));
      }
    }
    send(session, "{\"type\":\"complete\",\"rowCount\":" + rows + "}");
  }

  private static JsonGenerator open(ByteArrayOutputStream buffer, int seq) throws IOException {
    buffer.reset();
    JsonGenerator out = JSON.createGenerator(buffer, JsonEncoding.UTF8);
    out.writeStartObject();
    out.writeStringField("type", "rows");
    out.writeNumberField("seq", seq);
    out.writeArrayFieldStart("results");
    return out;
  }

  private static String close(JsonGenerator out, ByteArrayOutputStream buffer) throws IOException {
    out.writeEndArray();
    out.writeEndObject();
    out.close();
    return buffer.toString(StandardCharsets.UTF_8);
  }

  private static void send(Session session, String text) throws IOException {
    Callback.Completable sent = new Callback.Completable();
    session.sendText(text, sent);
    try {
      sent.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException("send failed", e.getCause());
    }
  }

  /**
   * One client: each message runs the query. Public because Jetty requires listener classes to be.
   */
  public final class Socket implements Session.Listener.AutoDemanding {
    private Session session;

    @Override
    public void onWebSocketOpen(Session s) {
      this.session = s;
    }

    @Override
    public void onWebSocketText(String message) {
      Session s = session;
      workers.execute(
          () -> {
            try {
              stream(s);
            } catch (SQLException | IOException | RuntimeException e) {
              s.sendText(
                  "{\"type\":\"error\",\"message\":\"" + e.getClass().getSimpleName() + "\"}",
                  Callback.NOOP);
            }
          });
    }
  }
}
