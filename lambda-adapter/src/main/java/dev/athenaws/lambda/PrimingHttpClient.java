package dev.athenaws.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An SDK HTTP client that never opens a connection: it reads the marshalled request and answers
 * from canned responses ({@code priming-responses.json}, keyed by {@code X-Amz-Target}), so that
 * {@link Priming} drives the real SDK clients' marshalling, signing and unmarshalling with no
 * network. Requests without a target (the management API's {@code PostToConnection}) get 200 with
 * no body; their payloads are kept for tests.
 *
 * <p>Thread-safety: thread-safe (the prefetch thread calls it too).
 */
final class PrimingHttpClient implements SdkHttpClient {
  private static final String RESPONSES = "priming-responses.json";
  private final JsonNode responses;
  private final List<String> calls = new ArrayList<>();
  private final List<String> posted = new ArrayList<>();

  PrimingHttpClient() {
    try (InputStream in = PrimingHttpClient.class.getResourceAsStream(RESPONSES)) {
      if (in == null) {
        throw new IllegalStateException("resource missing: " + RESPONSES);
      }
      this.responses = new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @return the calls answered: the target, or method and path
   */
  synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  /**
   * @return the bodies of the requests without a target (messages posted to connections)
   */
  synchronized List<String> posted() {
    return List.copyOf(posted);
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        return answer(request);
      }

      @Override
      public void abort() {
        // Nothing is in flight.
      }
    };
  }

  private HttpExecuteResponse answer(HttpExecuteRequest request) throws IOException {
    Optional<ContentStreamProvider> content = request.contentStreamProvider();
    byte[] body = new byte[0];
    if (content.isPresent()) {
      try (InputStream in = content.get().newStream()) {
        body = in.readAllBytes();
      }
    }
    Optional<String> target = request.httpRequest().firstMatchingHeader("X-Amz-Target");
    byte[] answer;
    synchronized (this) {
      if (target.isPresent()) {
        calls.add(target.get());
        JsonNode canned = responses.get(target.get());
        answer = (canned == null ? "{}" : canned.toString()).getBytes(StandardCharsets.UTF_8);
      } else {
        calls.add(request.httpRequest().method() + " " + request.httpRequest().encodedPath());
        posted.add(new String(body, StandardCharsets.UTF_8));
        answer = new byte[0];
      }
    }
    SdkHttpResponse response =
        SdkHttpResponse.builder()
            .statusCode(200)
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .putHeader("Content-Length", Integer.toString(answer.length))
            .putHeader("x-amzn-RequestId", "athena-ws-priming")
            .build();
    return HttpExecuteResponse.builder()
        .response(response)
        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer)))
        .build();
  }

  @Override
  public String clientName() {
    return "AthenaWsPriming";
  }

  @Override
  public void close() {
    // Holds no connections.
  }
}
