package dev.athenaws.internal.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JDK HttpServer that records every request (method, raw path and query, headers) and answers
 * with scripted responses, in order (200 with an empty body when none is left).
 *
 * <p>Thread-safety: thread-safe.
 */
final class RecordingS3Server implements AutoCloseable {
  /** A recorded request; header names lower-cased, first value each. */
  record Seen(String method, String rawPath, String rawQuery, Map<String, String> headers) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** A scripted response. */
  record Answer(int status, Map<String, String> headers, String body) {
    static Answer of(int status, String body, String... headerPairs) {
      Map<String, String> h = new TreeMap<>();
      for (int i = 0; i < headerPairs.length; i += 2) {
        h.put(headerPairs[i], headerPairs[i + 1]);
      }
      return new Answer(status, h, body);
    }

    static Answer error(int status, String code) {
      return of(
          status,
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
              + code
              + "</Code><Message>m</Message></Error>",
          "Content-Type",
          "application/xml");
    }
  }

  private final HttpServer server;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedDeque<Answer> answers = new ConcurrentLinkedDeque<>();

  RecordingS3Server() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void answer(Answer... next) {
    answers.addAll(List.of(next));
  }

  List<Seen> seen() {
    return new ArrayList<>(seen);
  }

  Seen last() {
    return seen.get(seen.size() - 1);
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
    URI u = exchange.getRequestURI();
    seen.add(new Seen(exchange.getRequestMethod(), u.getRawPath(), u.getRawQuery(), headers));
    Answer a = answers.poll();
    if (a == null) {
      a = Answer.of(200, "");
    }
    a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(a.status(), head || body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      if (!head) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
