package dev.athenaws.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.local.LocalStack;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A client that negotiates permessage-deflate (as browsers and node's ws do by default) gets
 * exactly the answers a client that does not compress gets: API Gateway's limits apply to the
 * message and its frames as the client sent them, not to their compressed bytes (docs/local.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompressingClientE2ETest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private LocalStack stack;

  @BeforeAll
  void startStack() throws Exception {
    stack = Stacks.start("--mode", "stepfunctions");
  }

  @AfterAll
  void stopStack() {
    stack.close();
  }

  @Test
  void theGatewayAcceptsTheCompressionOfferAsApiGatewayDoes() throws Exception {
    try (JettyClient c = JettyClient.connect(stack.webSocketUri(), true)) {
      assertThat(c.negotiatedExtensions()).containsExactly("permessage-deflate");
      assertThat(c.extensionsHeader()).doesNotContain("@");
    }
  }

  @Test
  void aboutTenKilobytesGetsBadRequest() throws Exception {
    assertSameAnswer(requestId(10_000), 1, "error BAD_REQUEST");
    assertSameAnswer(eventName(10_000), 1, "error INVALID_PARAMETER");
  }

  @Test
  void aHundredKilobytesInOneFrameIsOverTheFrameLimit() throws Exception {
    assertSameAnswer(requestId(100_000), 1, "close 1009");
  }

  @Test
  void aHundredKilobytesInFramesUnderTheLimitGetsBadRequest() throws Exception {
    assertSameAnswer(requestId(100_000), 4, "error BAD_REQUEST");
  }

  @Test
  void overOneHundredTwentyEightKilobytesIsOverTheMessageLimit() throws Exception {
    String text = "{\"action\":\"query\",\"x\":\"" + "x".repeat(140_000) + "\"}";
    assertSameAnswer(text, 1, "close 1009");
    assertSameAnswer(text, 5, "close 1009");
  }

  /** Pushed messages reach a compressing client whole, however badly their frames compress. */
  @Test
  void aCompressingClientReceivesLargePushedMessages() throws Exception {
    Set<String> before = stack.gateway().connectionIds();
    try (JettyClient c = JettyClient.connect(stack.webSocketUri(), true)) {
      String id = newConnection(before);
      // Random letters and digits: a 32 KiB frame of them deflates to more than 8 KiB.
      Random random = new Random(7);
      StringBuilder b = new StringBuilder();
      while (b.length() < 120_000) {
        b.append(Character.forDigit(random.nextInt(36), 36));
      }
      String body = "{\"type\":\"rows\",\"x\":\"" + b + "\"}";
      HttpResponse<String> posted =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              stack.managementEndpoint()
                                  + "/@connections/"
                                  + URLEncoder.encode(id, StandardCharsets.UTF_8)))
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode()).isEqualTo(200);
      assertThat(c.messages.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(body);
      assertThat(c.closed).isNotDone();
    }
  }

  private void assertSameAnswer(String text, int frames, String expected) throws Exception {
    String plain;
    String compressed;
    try (JettyClient c = JettyClient.connect(stack.webSocketUri(), false)) {
      assertThat(c.negotiatedExtensions()).isEmpty();
      c.send(text, frames);
      plain = c.answer(WAIT);
    }
    try (JettyClient c = JettyClient.connect(stack.webSocketUri(), true)) {
      assertThat(c.negotiatedExtensions()).containsExactly("permessage-deflate");
      c.send(text, frames);
      compressed = c.answer(WAIT);
    }
    assertThat(compressed).as("compressing client").isEqualTo(plain);
    assertThat(plain).isEqualTo(expected);
  }

  /**
   * @return the id of the one connection that was not open before (the gateway adds it on open)
   */
  private String newConnection(Set<String> before) {
    long end = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < end) {
      Set<String> now = new HashSet<>(stack.gateway().connectionIds());
      now.removeAll(before);
      if (now.size() == 1) {
        return now.iterator().next();
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("the new connection did not register");
  }

  private static String requestId(int length) {
    return "{\"action\":\"query\",\"requestId\":\"" + "r".repeat(length) + "\"}";
  }

  private static String eventName(int length) {
    return "{\"action\":\"query\",\"query\":\"events-by-name\",\"parameters\":{\"eventName\":\""
        + "A".repeat(length)
        + "\"}}";
  }
}
