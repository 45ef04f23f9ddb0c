package dev.athenaws.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.internal.protocol.Delivery;
import dev.athenaws.internal.session.ResumeClaims;
import dev.athenaws.internal.session.ResumeTokens;
import dev.athenaws.local.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sessions over real sockets on local stacks in both modes: a client dropped mid-stream (its TCP
 * connection closed with no close frame) resumes on a new connection and gets every row once;
 * cancel while QUEUED, RUNNING and streaming; tokens that are forged, expired, for another query; a
 * resume after the result is gone; ping. Every query stays QUEUED for a moment ({@code
 * --queue-delay-ms}) so that a cancel can find it there.
 */
class SessionsE2ETest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = FlowScenarios.WAIT;
  private static final int QUEUED_MS = 1500;
  private static final String ALL =
      "{\"action\":\"query\",\"query\":\"events-between\",\"requestId\":\"big\"}";
  private static final String SLOW =
      "{\"action\":\"query\",\"query\":\"" + Stacks.SLOW + "\",\"requestId\":\"slow\"}";

  static LocalStack stepFunctions;
  static LocalStack inline;

  /** Results from GetQueryResults pages: resume on the API path (the others read S3). */
  static LocalStack apiPath;

  @BeforeAll
  static void start() throws Exception {
    // 25 ms a post, as API Gateway's PostToConnection: a big result streams for seconds.
    stepFunctions = Stacks.start("--queue-delay-ms", "" + QUEUED_MS, "--post-latency-ms", "25");
    inline =
        Stacks.start(
            "--mode", "inline", "--queue-delay-ms", "" + QUEUED_MS, "--post-latency-ms", "25");
    apiPath = Stacks.start("--mode", "inline", "--result-fetch", "api", "--post-latency-ms", "25");
  }

  @AfterAll
  static void stop() {
    stepFunctions.close();
    inline.close();
    apiPath.close();
  }

  private static LocalStack stack(String mode) {
    return switch (mode) {
      case "inline" -> inline;
      case "inline, API path" -> apiPath;
      default -> stepFunctions;
    };
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"stepfunctions", "inline", "inline, API path"})
  void aClientDroppedMidStreamResumesOnANewConnectionAndGetsEveryRowOnce(String mode)
      throws Exception {
    LocalStack stack = stack(mode);
    TreeMap<Integer, JsonNode> held = new TreeMap<>();
    JsonNode accepted;
    try (WsClient first = WsClient.connect(stack.webSocketUri())) {
      first.send(ALL);
      accepted = first.expect("accepted", WAIT);
      assertThat(accepted.path("resumeToken").asText()).isNotEmpty();
      // Rows posts arrive in any order (up to 8 in flight): read until the first few are held
      // without a gap, as a client does before it can name its afterSeq.
      while (contiguous(held) < 3) {
        JsonNode m = first.next(WAIT);
        if (m.path("type").asText().equals("rows")) {
          held.put(m.path("seq").asInt(), m);
        }
      }
      first.drop();
    }
    int afterSeq = contiguous(held);
    assertThat(afterSeq).isGreaterThanOrEqualTo(0);

    try (WsClient second = WsClient.connect(stack.webSocketUri())) {
      second.send(resume(accepted, afterSeq));
      JsonNode ack = second.expect("accepted", WAIT);
      assertThat(ack.path("resumed").asBoolean()).isTrue();
      assertThat(ack.path("requestId").asText()).isEqualTo("big");
      List<JsonNode> rest = second.untilDone(WAIT);
      JsonNode complete = rest.get(rest.size() - 1);
      assertThat(complete.path("type").asText()).as("%s", complete).isEqualTo("complete");
      assertThat(complete.path("statistics").path("resultPath").asText())
          .isEqualTo(mode.contains("API") ? "api" : "s3");

      // Every row once across both connections: seq 0..afterSeq from the first, the rest from the
      // second, with the chunk boundaries of the first delivery.
      TreeMap<Integer, JsonNode> all = new TreeMap<>(held.headMap(afterSeq, true));
      for (JsonNode m : rest) {
        if (m.path("type").asText().equals("rows")) {
          assertThat(m.path("seq").asInt()).isGreaterThan(afterSeq);
          assertThat(all.put(m.path("seq").asInt(), m)).isNull();
        }
      }
      assertThat(all.keySet()).containsExactlyElementsOf(range(complete.path("chunks").asInt()));
      Set<String> ids = new HashSet<>();
      long rows = 0;
      for (JsonNode m : all.values()) {
        for (JsonNode row : m.path("results")) {
          assertThat(ids.add(row.path("eventid").asText())).isTrue();
          rows++;
        }
      }
      assertThat(rows).isEqualTo(complete.path("rowCount").asLong()).isGreaterThan(50_000);
      // The messages that had been in flight to the first connection repeat nothing here.
      for (int seq : held.keySet()) {
        if (seq <= afterSeq) {
          assertThat(all.get(seq)).isEqualTo(held.get(seq));
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"stepfunctions", "inline"})
  void aCancelWhileQueuedStopsTheQueryWithOneFinalMessage(String mode) throws Exception {
    assertCancelled(stack(mode), SLOW, 0, "QUEUED");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"stepfunctions", "inline"})
  void aCancelWhileRunningStopsTheQueryWithOneFinalMessage(String mode) throws Exception {
    assertCancelled(stack(mode), SLOW, QUEUED_MS + 1500, "RUNNING");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"stepfunctions", "inline"})
  void aCancelWhileRowsStreamEndsTheStreamWithOneFinalMessage(String mode) throws Exception {
    LocalStack stack = stack(mode);
    try (WsClient c = WsClient.connect(stack.webSocketUri())) {
      c.send(ALL);
      JsonNode accepted = c.expect("accepted", WAIT);
      c.firstRows(WAIT);
      c.send(cancel(accepted));
      List<JsonNode> rest = c.untilDone(WAIT);
      JsonNode last = rest.get(rest.size() - 1);
      assertThat(last.path("type").asText()).as("%s", last).isEqualTo("error");
      assertThat(last.path("code").asText()).isEqualTo("QUERY_CANCELLED");
      assertThat(last.path("requestId").asText()).isEqualTo("big");
      // Nothing more but the rows posted before the stop was seen (the streaming run, another
      // Lambda instance, looks for it once a second), and never complete.
      List<JsonNode> after = new ArrayList<>();
      while (!c.silentFor(Duration.ofSeconds(2))) {
        after.add(c.received.get(c.received.size() - 1));
      }
      assertThat(after).allSatisfy(m -> assertThat(m.path("type").asText()).isEqualTo("rows"));
      long rows =
          c.received.stream()
              .filter(m -> m.path("type").asText().equals("rows"))
              .mapToLong(m -> m.path("results").size())
              .sum();
      long total =
          c.received.stream()
              .filter(m -> m.path("state").asText().equals("SUCCEEDED"))
              .findFirst()
              .orElseThrow()
              .path("totalRows")
              .asLong();
      assertThat(rows).isLessThan(total);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"stepfunctions", "inline"})
  void badTokensAreRefusedAndNothingIsStopped(String mode) throws Exception {
    LocalStack stack = stack(mode);
    try (WsClient c = WsClient.connect(stack.webSocketUri());
        WsClient other = WsClient.connect(stack.webSocketUri())) {
      c.send(SLOW);
      JsonNode accepted = c.expect("accepted", WAIT);
      String id = accepted.path("queryExecutionId").asText();
      String token = accepted.path("resumeToken").asText();
      other.send("{\"action\":\"query\",\"query\":\"" + Stacks.SLOW + "\",\"requestId\":\"s2\"}");
      String otherId = other.expect("accepted", WAIT).path("queryExecutionId").asText();
      String forged = token.substring(0, token.length() - 4) + "AAAA";
      String expired = sign(stack, id, Instant.now().minus(Duration.ofHours(3)));

      for (String frame :
          List.of(
              cancel(id, forged),
              cancel(id, expired),
              cancel(otherId, token), // a token for another query
              cancel(id, "not.a.token"),
              resume(id, forged, -1),
              resume(otherId, token, -1))) {
        c.send(frame);
        JsonNode error =
            c.until(m -> m.path("type").asText().equals("error"), WAIT).stream()
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(error.path("code").asText()).as(frame).isEqualTo("INVALID_TOKEN");
        assertThat(error.path("field").asText()).isEqualTo("resumeToken");
      }
      assertThat(state(stack, id)).isIn("QUEUED", "RUNNING");
      assertThat(state(stack, otherId)).isIn("QUEUED", "RUNNING");
      c.send(cancel(accepted));
      other.send(cancel(otherId, other.received.get(0).path("resumeToken").asText()));
    }
  }

  @Test
  void aResumeAfterTheResultIsGoneIsResultExpired() throws Exception {
    String unknown = "0a0b0c0d-0000-4000-8000-000000000000";
    try (WsClient c = WsClient.connect(stepFunctions.webSocketUri())) {
      c.send(resume(unknown, sign(stepFunctions, unknown, Instant.now().plusSeconds(600)), 3));
      List<JsonNode> messages = c.untilDone(WAIT);
      JsonNode last = messages.get(messages.size() - 1);
      assertThat(last.path("code").asText()).as("%s", messages).isEqualTo("RESULT_EXPIRED");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"stepfunctions", "inline"})
  void aResumeAfterTheResultObjectExpiredIsResultExpired(String mode) throws Exception {
    LocalStack stack = stack(mode);
    String id;
    String token;
    try (WsClient c = WsClient.connect(stack.webSocketUri())) {
      c.send(ALL.replace("\"big\"", "\"gone\""));
      JsonNode accepted = c.expect("accepted", WAIT);
      id = accepted.path("queryExecutionId").asText();
      token = accepted.path("resumeToken").asText();
      c.firstRows(WAIT);
    } // dropped mid-stream
    // The bucket's lifecycle rule expires the result while Athena still knows the query.
    assertThat(stack.objects().delete(LocalStack.RESULTS_BUCKET, "results/" + id + ".csv"))
        .isTrue();
    try (WsClient c = WsClient.connect(stack.webSocketUri())) {
      c.send(resume(id, token, 0));
      List<JsonNode> messages = c.untilDone(WAIT);
      JsonNode last = messages.get(messages.size() - 1);
      assertThat(last.path("code").asText()).as("%s", last).isEqualTo("RESULT_EXPIRED");
      assertThat(messages).noneMatch(m -> m.path("type").asText().equals("rows"));
    }
  }

  @Test
  void pingIsAnsweredWithPong() throws Exception {
    try (WsClient c = WsClient.connect(inline.webSocketUri())) {
      c.send("{\"action\":\"ping\",\"requestId\":\"p\"}");
      JsonNode pong = c.expect("pong", WAIT);
      assertThat(pong.path("requestId").asText()).isEqualTo("p");
    }
  }

  /** Starts a query, cancels it after {@code afterMs}, and checks how it ends. */
  private static void assertCancelled(LocalStack stack, String query, int afterMs, String state)
      throws Exception {
    try (WsClient c = WsClient.connect(stack.webSocketUri())) {
      c.send(query);
      JsonNode accepted = c.expect("accepted", WAIT);
      String id = accepted.path("queryExecutionId").asText();
      if (afterMs > 0) {
        Instant until = Instant.now().plusMillis(afterMs);
        while (!state(stack, id).equals(state) && Instant.now().isBefore(until.plusSeconds(10))) {
          Thread.sleep(100);
        }
      }
      assertThat(state(stack, id)).isEqualTo(state);
      c.send(cancel(accepted));
      List<JsonNode> rest = c.untilDone(WAIT);
      JsonNode last = rest.get(rest.size() - 1);
      assertThat(last.path("code").asText()).as("%s", rest).isEqualTo("QUERY_CANCELLED");
      assertThat(last.path("requestId").asText()).isEqualTo("slow");
      assertThat(last.path("queryExecutionId").asText()).isEqualTo(id);
      assertThat(c.silentFor(Duration.ofSeconds(2))).as("nothing after the final message").isTrue();
      assertThat(state(stack, id)).isEqualTo("CANCELLED");
    }
  }

  private static String state(LocalStack stack, String id) throws Exception {
    byte[] body = ("{\"QueryExecutionId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
    JsonNode out =
        JSON.readTree(stack.athena().handle("AmazonAthena.GetQueryExecution", body).body());
    return out.path("QueryExecution").path("Status").path("State").asText();
  }

  /** A token signed with the stack's own secret, as the server would make it. */
  private static String sign(LocalStack stack, String id, Instant expiresAt) {
    byte[] secret =
        stack.handlerEnvironment().get("RESUME_TOKEN_SECRET").getBytes(StandardCharsets.UTF_8);
    ResumeTokens tokens =
        new ResumeTokens(
            secret,
            List.of(),
            Duration.ofHours(1),
            // Issued a minute before it expires, or now if that is later: never in the future.
            Clock.fixed(
                expiresAt.minusSeconds(60).isBefore(Instant.now())
                    ? expiresAt.minusSeconds(60)
                    : Instant.now(),
                ZoneOffset.UTC));
    return tokens.sign(
        new ResumeClaims(id, "x", null, "r", null, Delivery.ROWS, "ab".repeat(32), expiresAt));
  }

  private static String cancel(JsonNode accepted) {
    return cancel(
        accepted.path("queryExecutionId").asText(), accepted.path("resumeToken").asText());
  }

  private static String cancel(String id, String token) {
    return "{\"action\":\"cancel\",\"queryExecutionId\":\""
        + id
        + "\",\"resumeToken\":\""
        + token
        + "\"}";
  }

  private static String resume(JsonNode accepted, int afterSeq) {
    return resume(
        accepted.path("queryExecutionId").asText(),
        accepted.path("resumeToken").asText(),
        afterSeq);
  }

  private static String resume(String id, String token, int afterSeq) {
    return "{\"action\":\"resume\",\"queryExecutionId\":\""
        + id
        + "\",\"resumeToken\":\""
        + token
        + "\",\"afterSeq\":"
        + afterSeq
        + "}";
  }

  /** The highest seq held with every seq below it, -1 when seq 0 is missing. */
  private static int contiguous(TreeMap<Integer, JsonNode> held) {
    int seq = -1;
    while (held.containsKey(seq + 1)) {
      seq++;
    }
    return seq;
  }

  private static List<Integer> range(int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }
}
