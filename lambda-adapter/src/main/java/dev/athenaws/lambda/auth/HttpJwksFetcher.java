package dev.athenaws.lambda.auth;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Fetches a JWK Set over HTTPS with the JDK's {@link HttpClient} (plain HTTP only for a loopback
 * host: a local issuer). Bounded: 2 s to connect, 3 s for the response, at most 64 KiB of body; no
 * redirects followed. Thread-safe.
 */
final class HttpJwksFetcher implements JwksFetcher {
  static final int MAX_BYTES = 64 * 1024;

  private final URI uri;
  private final HttpClient client;

  HttpJwksFetcher(URI uri) {
    this.uri = checked(Objects.requireNonNull(uri, "uri"));
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * @throws IllegalArgumentException when the URI is not https (or http on a loopback host)
   */
  static URI checked(URI uri) {
    String host = uri.getHost();
    boolean loopback = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
    if (host == null
        || !("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback))) {
      throw new IllegalArgumentException("must be an https URL (http only for localhost)");
    }
    return uri;
  }

  @Override
  public String fetch() throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(3))
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("JWKS answered HTTP " + response.statusCode());
      }
      byte[] bytes = body.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IOException("JWKS larger than " + MAX_BYTES + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
