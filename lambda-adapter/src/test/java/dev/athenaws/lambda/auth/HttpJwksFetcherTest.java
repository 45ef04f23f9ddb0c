package dev.athenaws.lambda.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JWKS fetch over a real local HTTP server: status, size bound, no redirects, https only. */
class HttpJwksFetcherTest {
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/jwks", exchange -> answer(exchange, 200, "{\"keys\":[]}"));
    server.createContext("/missing", exchange -> answer(exchange, 404, "{}"));
    server.createContext(
        "/huge", exchange -> answer(exchange, 200, "x".repeat(HttpJwksFetcher.MAX_BYTES + 1)));
    server.createContext(
        "/moved",
        exchange -> {
          exchange.getResponseHeaders().add("Location", "/jwks");
          answer(exchange, 302, "");
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private HttpJwksFetcher fetcher(String path) {
    return new HttpJwksFetcher(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path));
  }

  @Test
  void fetchesTheDocument() throws IOException {
    assertThat(fetcher("/jwks").fetch()).isEqualTo("{\"keys\":[]}");
  }

  @Test
  void nonOkTooLargeAndRedirectsFail() {
    assertThatThrownBy(() -> fetcher("/missing").fetch()).hasMessageContaining("404");
    assertThatThrownBy(() -> fetcher("/huge").fetch()).hasMessageContaining("larger than");
    assertThatThrownBy(() -> fetcher("/moved").fetch()).hasMessageContaining("302");
  }

  @Test
  void plainHttpOnlyForLoopback() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new HttpJwksFetcher(URI.create("http://issuer.example.com/jwks")));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new HttpJwksFetcher(URI.create("file:///etc/passwd")));
    assertThat(new HttpJwksFetcher(URI.create("https://issuer.example.com/jwks"))).isNotNull();
  }
}
