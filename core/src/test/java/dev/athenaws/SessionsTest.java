package dev.athenaws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.internal.protocol.ChunkPolicy;
import dev.athenaws.internal.protocol.Delivery;
import dev.athenaws.internal.session.ResumeClaims;
import dev.athenaws.internal.session.ResumeTokens;
import dev.athenaws.notify.Connection;
import dev.athenaws.notify.ConnectionNotifier;
import dev.athenaws.notify.PostOutcome;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeAthenaQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cancel, resume and ping through the front door, over the wire fakes in virtual time. */
class SessionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] SECRET =
      "an-example-secret-of-32-bytes-ok".getBytes(StandardCharsets.UTF_8);
  private static final String QUERY =
      "{\"action\":\"query\",\"query\":\"by-a\",\"parameters\":{\"a\":\"x\"},\"requestId\":\"r1\"}";

  private final FrontDoorWire wire = new FrontDoorWire();
  private final Connection first = wire.client;
  private final Connection second = wire.api.connect("conn-2=");

  /** Runs before each post, when set: lets a test act in the middle of a stream. */
  private Consumer<Integer> beforePost = n -> {};

  private final AtomicInteger posts = new AtomicInteger();
  private final ConnectionNotifier notifier =
      new ConnectionNotifier() {
        @Override
        public PostOutcome post(Connection connection, byte[] payload) {
          beforePost.accept(posts.incrementAndGet());
          return wire.notifier.post(connection, payload);
        }

        @Override
        public PostOutcome disconnect(Connection connection) {
          return wire.notifier.disconnect(connection);
        }
      };

  private final AthenaWs ws = builder().resumeTokens(SECRET).build();

  private AthenaWs.Builder builder() {
    return AthenaWs.builder()
        .athenaClient(wire.athena.client())
        .notifier(notifier)
        .catalog(AthenaWsTest.CATALOG)
        .settings(AthenaWsTest.API_RESULTS)
        .chunkPolicy(new ChunkPolicy(1024))
        .postsInFlight(1)
        .clock(wire.time)
        .sleeper(wire.time);
  }

  @AfterEach
  void close() {
    ws.close();
    wire.close();
  }

  @Test
  void acceptedCarriesAResumeTokenOnlyWhenSessionsAreOn() {
    wire.athena.nextQuery(FakeAthenaQuery.numberedSelect(1, 2).build());
    ws.handle(first, QUERY);
    JsonNode accepted = received(first).get(0);
    assertThat(accepted.path("type").asText()).isEqualTo("accepted");
    assertThat(accepted.path("resumeToken").asText()).contains(".");
    assertThat(accepted.has("resumed")).isFalse();

    try (AthenaWs off = builder().build()) {
      wire.athena.nextQuery(FakeAthenaQuery.numberedSelect(1, 2).build());
      off.handle(second, QUERY.replace("r1", "r2"));
    }
    assertThat(received(second).get(0).has("resumeToken")).isFalse();
  }

  @Test
  void pingIsAnsweredWithPong() {
    assertThat(ws.handle(first, "{\"action\":\"ping\",\"requestId\":\"p1\"}"))
        .isEqualTo(new Outcome.Answered());
    assertThat(received(first)).hasSize(1);
    assertThat(received(first).get(0).toString())
        .isEqualTo("{\"type\":\"pong\",\"requestId\":\"p1\"}");
    assertThat(wire.athena.requests()).isEmpty();
  }

  @Test
  void aResumeOnAnotherConnectionDeliversTheRestOnceWithTheSameSeqsAndChunks() {
    wire.athena.nextQuery(FakeAthenaQuery.numberedSelect(3, 200).build());
    wire.api.goneAfter("conn-1=", 6); // accepted, progress..., some rows, then the drop
    Outcome dropped = ws.handle(first, QUERY);
    assertThat(dropped).isEqualTo(new Outcome.Ran(new PublishResult.ConnectionGone()));
    List<JsonNode> before = rows(first);
    int afterSeq = before.get(before.size() - 1).path("seq").asInt();
    assertThat(afterSeq).isGreaterThanOrEqualTo(0);

    Outcome resumed = ws.handle(second, resume(token(first), id(first), afterSeq));

    assertThat(resumed).isInstanceOf(Outcome.Ran.class);
    List<JsonNode> onSecond = received(second);
    JsonNode ack = onSecond.get(0);
    assertThat(ack.path("type").asText()).isEqualTo("accepted");
    assertThat(ack.path("resumed").asBoolean()).isTrue();
    assertThat(ack.path("requestId").asText()).isEqualTo("r1");
    assertThat(ack.path("resumeToken").asText()).isNotEqualTo(token(first));
    List<JsonNode> after = rows(second);
    assertThat(after.get(0).path("seq").asInt()).isEqualTo(afterSeq + 1);
    JsonNode complete = onSecond.get(onSecond.size() - 1);
    assertThat(complete.path("type").asText()).isEqualTo("complete");
    // Every row exactly once across both connections, in seq order, and complete counts them all.
    List<Integer> values = new ArrayList<>();
    Set<Integer> seqs = new HashSet<>();
    for (JsonNode m : concat(before, after)) {
      assertThat(seqs.add(m.path("seq").asInt())).isTrue();
      m.path("results").forEach(r -> values.add(r.path("n").asInt()));
    }
    assertThat(values).hasSize(600).doesNotHaveDuplicates();
    assertThat(complete.path("rowCount").asLong()).isEqualTo(600);
    assertThat(complete.path("chunks").asInt()).isEqualTo(seqs.size());
    assertThat(seqs).containsExactlyInAnyOrderElementsOf(range(complete.path("chunks").asInt()));
    // The drop did not stop the query; the resume read its results again.
    assertThat(wire.athena.calls(FakeAthena.STOP)).isZero();
  }

  @Test
  void aResumeAfterEverySeqHeldSendsOnlyComplete() {
    wire.athena.nextQuery(FakeAthenaQuery.numberedSelect(1, 5).build());
    ws.handle(first, QUERY);
    int last = rows(first).get(rows(first).size() - 1).path("seq").asInt();

    ws.handle(second, resume(token(first), id(first), last));

    assertThat(types(second)).containsExactly("accepted", "progress", "complete");
  }

  @Test
  void aCancelWhileRowsStreamInThisProcessStopsTheRunAndIsToldOnce() {
    wire.athena.nextQuery(FakeAthenaQuery.numberedSelect(3, 200).build());
    String[] tokenAndId = new String[2];
    beforePost =
        n -> {
          if (n == 6) { // the stream is under way on conn-1=
            tokenAndId[0] = token(first);
            tokenAndId[1] = id(first);
            beforePost = m -> {};
            assertThat(ws.handle(first, cancel(tokenAndId[0], tokenAndId[1])))
                .isEqualTo(new Outcome.Cancelled(tokenAndId[1]));
          }
        };

    Outcome run = ws.handle(first, QUERY);

    assertThat(run).isEqualTo(new Outcome.Ran(new PublishResult.Stopped()));
    List<JsonNode> all = received(first);
    long finals =
        all.stream()
            .filter(m -> List.of("complete", "error").contains(m.path("type").asText()))
            .count();
    assertThat(finals).isEqualTo(1);
    JsonNode error =
        all.stream().filter(m -> m.path("type").asText().equals("error")).findFirst().orElseThrow();
    assertThat(error.path("code").asText()).isEqualTo("QUERY_CANCELLED");
    assertThat(error.path("requestId").asText()).isEqualTo("r1");
    assertThat(error.path("queryExecutionId").asText()).isEqualTo(tokenAndId[1]);
    // After the final message at most the post that was in flight when the cancel came (one post
    // in flight here), and no further post.
    List<JsonNode> afterError = all.subList(all.indexOf(error) + 1, all.size());
    assertThat(afterError).hasSizeLessThanOrEqualTo(1);
    assertThat(afterError).allSatisfy(m -> assertThat(m.path("type").asText()).isEqualTo("rows"));
  }

  @Test
  void aCancelOfARunningQueryFromAnotherConnectionStopsItAndTellsThatConnection() {
    wire.athena.nextQuery(
        FakeAthenaQuery.numberedSelect(1, 5).running(Duration.ofMinutes(10)).build());
    // The run hands the query to another process at once: nothing here waits for it.
    ws.handle(first, QUERY, RunOptions.defaults().withDeadline(Duration.ofSeconds(1), r -> true));

    Outcome outcome = ws.handle(second, cancel(token(first), id(first)));

    assertThat(outcome).isEqualTo(new Outcome.Cancelled(id(first)));
    assertThat(wire.athena.calls(FakeAthena.STOP)).isEqualTo(1);
    assertThat(types(second)).containsExactly("error");
    assertThat(received(second).get(0).path("code").asText()).isEqualTo("QUERY_CANCELLED");
    assertThat(received(second).get(0).path("requestId").asText()).isEqualTo("r1");
  }

  @Test
  void aCancelOnTheSameConnectionLeavesTheMessageToTheRunWaitingElsewhere() {
    wire.athena.nextQuery(
        FakeAthenaQuery.numberedSelect(1, 5).running(Duration.ofMinutes(10)).build());
    ws.handle(first, QUERY, RunOptions.defaults().withDeadline(Duration.ofSeconds(1), r -> true));
    int before = received(first).size();

    assertThat(ws.handle(first, cancel(token(first), id(first))))
        .isEqualTo(new Outcome.Cancelled(id(first)));

    assertThat(wire.athena.calls(FakeAthena.STOP)).isEqualTo(1);
    assertThat(received(first)).hasSize(before); // the waiting run finds CANCELLED and says so
  }

  @Test
  void aCancelThatStopsTheContinuationTellsTheClientItself() {
    wire.athena.nextQuery(
        FakeAthenaQuery.numberedSelect(1, 5).running(Duration.ofMinutes(10)).build());
    List<String> stopped = new ArrayList<>();
    HandOff stateMachine =
        new HandOff() {
          @Override
          public boolean take(HandOff.Request r) {
            return true;
          }

          @Override
          public boolean stop(String requestKey) {
            stopped.add(requestKey);
            return true;
          }
        };
    ws.handle(
        first, QUERY, RunOptions.defaults().withDeadline(Duration.ofSeconds(1), stateMachine));
    int before = received(first).size();

    ws.handle(
        first, cancel(token(first), id(first)), RunOptions.defaults().handOffAtOnce(stateMachine));

    assertThat(stopped).hasSize(1).allSatisfy(k -> assertThat(k).matches("[0-9a-f]{64}"));
    assertThat(received(first)).hasSize(before + 1);
    assertThat(last(first).path("code").asText()).isEqualTo("QUERY_CANCELLED");
  }

  @Test
  void aCancelAfterTheQueryFinishedChangesNothing() {
    wire.athena.nextQuery(FakeAthenaQuery.numberedSelect(1, 5).build());
    ws.handle(first, QUERY);

    Outcome outcome =
        ws.handle(first, cancel(token(first), id(first)).replace("{", "{\"requestId\":\"c1\","));

    assertThat(outcome).isEqualTo(new Outcome.Refused(ErrorCode.QUERY_FINISHED));
    assertThat(last(first).path("code").asText()).isEqualTo("QUERY_FINISHED");
    assertThat(last(first).path("requestId").asText()).isEqualTo("c1");
    assertThat(wire.athena.calls(FakeAthena.STOP)).isZero();

    // The refused cancel stops nothing later: a resume still gets the rows.
    ws.handle(second, resume(token(first), id(first), -1));
    assertThat(types(second)).containsExactly("accepted", "progress", "rows", "complete");
  }

  @Test
  void badTokensAreRefusedAndStopNothing() {
    wire.athena.nextQuery(
        FakeAthenaQuery.numberedSelect(1, 5).running(Duration.ofMinutes(10)).build());
    ws.handle(first, QUERY, RunOptions.defaults().withDeadline(Duration.ofSeconds(1), r -> true));
    String token = token(first);
    String id = id(first);
    String forged = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
    String foreign =
        tokenSignedWith("another-secret-of-at-least-32-by".getBytes(StandardCharsets.UTF_8), id);

    for (String frame :
        List.of(
            cancel(forged, id),
            cancel(foreign, id),
            cancel("not-a-token", id),
            cancel(token, "00000000-0000-0000-0000-000000000000"),
            resume(forged, id, -1),
            resume(token, "00000000-0000-0000-0000-000000000000", -1))) {
      assertThat(ws.handle(second, frame)).isEqualTo(new Outcome.Refused(ErrorCode.INVALID_TOKEN));
      assertThat(last(second).path("code").asText()).isEqualTo("INVALID_TOKEN");
      assertThat(last(second).path("field").asText()).isEqualTo("resumeToken");
    }
    assertThat(wire.athena.calls(FakeAthena.STOP)).isZero();
  }

  @Test
  void aTokenBindsToTheIdentityThatStartedTheQuery() {
    RunOptions alice =
        RunOptions.defaults().withIdentity(new RunOptions.Identity("alice", Set.of(), Map.of()));
    RunOptions bob =
        RunOptions.defaults().withIdentity(new RunOptions.Identity("bob", Set.of(), Map.of()));
    wire.athena.nextQuery(FakeAthenaQuery.numberedSelect(1, 5).build());
    ws.handle(first, QUERY, alice);

    // Bob, with Alice's token, on any connection: refused; an unauthenticated caller too.
    assertThat(ws.handle(second, resume(token(first), id(first), -1), bob))
        .isEqualTo(new Outcome.Refused(ErrorCode.INVALID_TOKEN));
    assertThat(last(second).path("message").asText()).contains("another user");
    assertThat(ws.handle(second, resume(token(first), id(first), -1)))
        .isEqualTo(new Outcome.Refused(ErrorCode.INVALID_TOKEN));
    // Alice, on another connection: resumed.
    ws.handle(second, resume(token(first), id(first), -1), alice);
    assertThat(last(second).path("type").asText()).isEqualTo("complete");
  }

  @Test
  void anExpiredTokenIsRefused() {
    wire.athena.nextQuery(FakeAthenaQuery.numberedSelect(1, 5).build());
    ws.handle(first, QUERY);
    wire.time.advance(ResumeTokens.DEFAULT_TTL.plusSeconds(1));

    assertThat(ws.handle(second, resume(token(first), id(first), -1)))
        .isEqualTo(new Outcome.Refused(ErrorCode.INVALID_TOKEN));
    assertThat(last(second).path("message").asText()).contains("expired");
  }

  @Test
  void withSessionsOffCancelAndResumeGetInvalidToken() {
    try (AthenaWs off = builder().build()) {
      assertThat(off.handle(second, cancel("x.y.z", "q-1")))
          .isEqualTo(new Outcome.Refused(ErrorCode.INVALID_TOKEN));
      assertThat(last(second).path("message").asText()).contains("not enabled");
    }
  }

  @Test
  void aResumeOfAQueryAthenaNoLongerKnowsIsResultExpired() {
    String unknown = "11111111-2222-3333-4444-555555555555";
    String token = ourToken(unknown);

    ws.handle(second, resume(token, unknown, 3));

    assertThat(types(second)).containsExactly("accepted", "error");
    assertThat(last(second).path("code").asText()).isEqualTo("RESULT_EXPIRED");
    assertThat(last(second).path("requestId").asText()).isEqualTo("r1");
  }

  @Test
  void aResumeHandedOffAtOnceChecksFirstThatAthenaStillKnowsTheQuery() {
    String unknown = "11111111-2222-3333-4444-555555555555";
    String token = ourToken(unknown);
    List<HandOff.Request> taken = new ArrayList<>();

    ws.handle(
        second, resume(token, unknown, 3), RunOptions.defaults().handOffAtOnce(r -> taken.add(r)));

    assertThat(taken).isEmpty();
    assertThat(last(second).path("code").asText()).isEqualTo("RESULT_EXPIRED");

    // A query Athena knows is handed over, from after the seq the client holds.
    wire.athena.nextQuery(FakeAthenaQuery.numberedSelect(1, 5).build());
    ws.handle(first, QUERY);
    ws.handle(
        second,
        resume(token(first), id(first), 0),
        RunOptions.defaults().handOffAtOnce(r -> taken.add(r)));
    assertThat(taken)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.statement()).isNull();
              assertThat(r.queryName()).isEqualTo("by-a");
              assertThat(r.from().skipThroughSeq()).isZero();
              assertThat(r.connection()).isEqualTo(second);
              assertThat(r.requestId()).isEqualTo("r1");
            });
  }

  /** A token this front door would accept, for a query Athena does not know. */
  private String ourToken(String id) {
    return tokenSignedWith(SECRET, id);
  }

  private String tokenSignedWith(byte[] secret, String id) {
    ResumeTokens tokens = new ResumeTokens(secret, List.of(), Duration.ofHours(1), wire.time);
    return tokens.sign(
        new ResumeClaims(
            id,
            "conn-1=",
            null,
            "r1",
            "by-a",
            Delivery.ROWS,
            "ab".repeat(32),
            tokens.expiryFromNow()));
  }

  static String cancel(String token, String id) {
    return "{\"action\":\"cancel\",\"queryExecutionId\":\""
        + id
        + "\",\"resumeToken\":\""
        + token
        + "\"}";
  }

  private static String resume(String token, String id, int afterSeq) {
    return "{\"action\":\"resume\",\"queryExecutionId\":\""
        + id
        + "\",\"resumeToken\":\""
        + token
        + "\",\"afterSeq\":"
        + afterSeq
        + "}";
  }

  private String token(Connection c) {
    return received(c).get(0).path("resumeToken").asText();
  }

  private String id(Connection c) {
    return received(c).get(0).path("queryExecutionId").asText();
  }

  private List<JsonNode> received(Connection c) {
    List<JsonNode> out = new ArrayList<>();
    for (String m : wire.api.messages(c.id())) {
      try {
        out.add(JSON.readTree(m));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  private List<String> types(Connection c) {
    return received(c).stream().map(m -> m.path("type").asText()).toList();
  }

  private JsonNode last(Connection c) {
    List<JsonNode> all = received(c);
    return all.get(all.size() - 1);
  }

  private List<JsonNode> rows(Connection c) {
    return received(c).stream().filter(m -> m.path("type").asText().equals("rows")).toList();
  }

  private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
    List<JsonNode> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static List<Integer> range(int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }
}
