package dev.athenaws.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JDK HttpServer standing in for Secrets Manager: records every request (method, path, headers,
 * body) and answers with scripted responses in order, as the service does (AWS JSON 1.1: 200 with
 * {@code SecretString}, or 400 with {@code __type} and {@code message}; Secrets Manager API
 * reference, GetSecretValue and "Common Errors"). Thread-safe.
 */
final class FakeSecretsManager implements AutoCloseable {
  /** A recorded request; header names lower-cased, first value each. */
  record Seen(String method, String path, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** A scripted response. */
  record Answer(int status, Map<String, String> headers, String body) {
    static Answer secret(String arn, String value) {
      return new Answer(
          200,
          Map.of("Content-Type", "application/x-amz-json-1.1"),
          "{\"ARN\":\""
              + arn
              + "\",\"CreatedDate\":1.523477145713E9,\"Name\":\"resume\",\"SecretString\":\""
              + value
              + "\",\"VersionId\":\"v1\",\"VersionStages\":[\"AWSCURRENT\"]}");
    }

    static Answer error(int status, String type, String message) {
      return new Answer(
          status,
          Map.of("Content-Type", "application/x-amz-json-1.1"),
          "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }
  }

  private final HttpServer server;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedDeque<Answer> answers = new ConcurrentLinkedDeque<>();

  FakeSecretsManager() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  FakeSecretsManager answer(Answer a) {
    answers.add(a);
    return this;
  }

  Seen last() {
    return seen.get(seen.size() - 1);
  }

  List<Seen> seen() {
    return List.copyOf(seen);
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    seen.add(
        new Seen(
            exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers, body));
    Answer a = answers.poll();
    if (a == null) {
      a = Answer.error(500, "InternalServiceError", "nothing scripted");
    }
    a.headers().forEach(exchange.getResponseHeaders()::add);
    byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
