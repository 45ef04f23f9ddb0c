package dev.athenaws.benchmarks.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The benchmarks' WebSocket client (the JDK's): sends one message and consumes the stream of one
 * query, parsing every message as a browser would, without keeping the rows. The same client reads
 * the local stack and the baseline, so its own cost is the same on both sides.
 *
 * <p>It checks what a client can check: every {@code seq} from 0 exactly once, in any order (posts
 * may be in flight in parallel), the rows received equal the final {@code rowCount} (rows that
 * arrive after the final message are waited for); a row check supplied by the caller sees every
 * row.
 *
 * <p>Thread-safety: one query at a time; the listener runs on the HTTP client's threads.
 */
public final class StreamClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final WebSocket socket;
  private final Listener listener = new Listener();

  private StreamClient(URI uri) {
    this.socket =
        HTTP.newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(uri, listener)
            .join();
  }

  /**
   * @return a client connected to {@code uri}
   */
  public static StreamClient connect(URI uri) {
    return new StreamClient(uri);
  }

  /**
   * What one query delivered.
   *
   * @param rows rows received
   * @param bytes UTF-8 bytes of every message received after the request (acks included)
   * @param messages messages received
   * @param firstRowNanos from sending to the first {@code rows} message, -1 if none
   * @param totalNanos from sending to the final message
   * @param last the final message ({@code complete} or {@code error})
   * @param requestIds the {@code requestId}s the rows and final messages carried
   * @param startNanos {@link System#nanoTime()} when the request was sent (when listening began)
   * @param lastRowNanos from sending to the last {@code rows} message, -1 if none
   * @param firstByType from sending to the first message of each {@code type}
   */
  public record Stream(
      long rows,
      long bytes,
      int messages,
      long firstRowNanos,
      long totalNanos,
      JsonNode last,
      java.util.Set<String> requestIds,
      long startNanos,
      long lastRowNanos,
      java.util.Map<String, Long> firstByType) {
    /**
     * @return whether the stream ended with {@code complete}
     */
    public boolean completed() {
      return last != null && "complete".equals(last.path("type").asText());
    }
  }

  /**
   * Sends {@code request} and reads until {@code complete} or {@code error}.
   *
   * @param request the client message
   * @param rowCheck sees every row (throw to fail the stream); null for none
   * @param timeout the whole stream's bound
   * @return what arrived
   * @throws IllegalStateException on a timeout, a broken stream or a failed check
   */
  public Stream run(String request, Consumer<JsonNode> rowCheck, Duration timeout) {
    CompletableFuture<Stream> done = listener.expect(rowCheck);
    socket.sendText(request, true).join();
    try {
      return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("no final message within " + timeout);
    } catch (ExecutionException e) {
      throw new IllegalStateException("stream failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Listens for a stream that something else starts (a push task invoked directly).
   *
   * @param rowCheck sees every row; null for none
   * @return completes with the stream at its final message, exceptionally when it breaks
   */
  public CompletableFuture<Stream> listen(Consumer<JsonNode> rowCheck) {
    return listener.expect(rowCheck);
  }

  @Override
  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
    socket.abort();
  }

  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();
    private CompletableFuture<Stream> done = new CompletableFuture<>();
    private Consumer<JsonNode> rowCheck;
    private long start;
    private long firstRow;
    private long rows;
    private long bytes;
    private int messages;
    private long lastRow;
    private java.util.BitSet seqs = new java.util.BitSet();
    private java.util.Map<String, Long> firstByType = new java.util.TreeMap<>();
    private JsonNode pendingEnd;
    private java.util.Set<String> requestIds = new java.util.TreeSet<>();

    synchronized CompletableFuture<Stream> expect(Consumer<JsonNode> check) {
      done = new CompletableFuture<>();
      rowCheck = check;
      start = System.nanoTime();
      firstRow = -1;
      lastRow = -1;
      rows = 0;
      bytes = 0;
      messages = 0;
      seqs = new java.util.BitSet();
      firstByType = new java.util.TreeMap<>();
      pendingEnd = null;
      requestIds = new java.util.TreeSet<>();
      return done;
    }

    @Override
    public void onOpen(WebSocket ws) {
      ws.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          message(text.toString());
        } catch (IOException | RuntimeException e) {
          done.completeExceptionally(e);
        }
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }

    private synchronized void message(String m) throws IOException {
      bytes += utf8Length(m);
      messages++;
      JsonNode node = JSON.readTree(m);
      String type = node.path("type").asText();
      long now = System.nanoTime() - start;
      firstByType.putIfAbsent(type, now);
      if (type.equals("rows") || type.equals("complete") || type.equals("error")) {
        requestIds.add(node.path("requestId").asText(""));
      }
      if (type.equals("rows")) {
        if (firstRow < 0) {
          firstRow = now;
        }
        lastRow = now;
        int seq = node.path("seq").asInt(-1);
        if (seq < 0 || seqs.get(seq)) {
          throw new IllegalStateException("seq " + node.path("seq") + " twice or missing");
        }
        seqs.set(seq);
        for (JsonNode row : node.path("results")) {
          rows++;
          if (rowCheck != null) {
            rowCheck.accept(row);
          }
        }
        if (pendingEnd != null) {
          end(pendingEnd, now);
        }
      } else if (type.equals("complete") || type.equals("error")) {
        end(node, now);
      }
    }

    /** Ends the stream at its final message, or waits for rows still in flight. */
    private void end(JsonNode node, long now) {
      // With link delivery the rows are in the download, not in rows messages.
      boolean complete =
          node.path("type").asText().equals("complete") && !firstByType.containsKey("download");
      long expected = node.path("rowCount").asLong();
      if (complete && rows < expected) {
        pendingEnd = node; // rows posted in parallel may still arrive
        return;
      }
      if (complete && rows != expected) {
        throw new IllegalStateException(
            "rowCount " + node.path("rowCount") + " but " + rows + " rows arrived");
      }
      if (seqs.nextClearBit(0) != seqs.length()) {
        throw new IllegalStateException("seq " + seqs.nextClearBit(0) + " never arrived");
      }
      done.complete(
          new Stream(
              rows,
              bytes,
              messages,
              firstRow,
              now,
              node,
              requestIds,
              start,
              lastRow,
              java.util.Map.copyOf(firstByType)));
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      done.completeExceptionally(new IllegalStateException("closed: " + status + " " + reason));
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      done.completeExceptionally(error);
    }
  }

  static long utf8Length(CharSequence s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
