package dev.athenaws.local.sfn;

import static dev.athenaws.local.sfn.StepFunctionsEmulatorTest.awaitEnd;
import static dev.athenaws.local.sfn.StepFunctionsEmulatorTest.bytes;
import static dev.athenaws.local.sfn.StepFunctionsEmulatorTest.ok;
import static dev.athenaws.local.sfn.StepFunctionsEmulatorTest.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.local.athena.AthenaEmulator;
import dev.athenaws.local.athena.EmulatorHttpServer;
import dev.athenaws.local.athena.EmulatorResponse;
import dev.athenaws.retry.VirtualTime;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

/**
 * StopExecution: a .sync Athena task (its query stopped, its polling ended), a Lambda task (left to
 * finish, its result discarded), a Retry wait, a closed execution, unknown and malformed ARNs.
 * Waits go through a sleeper that only an interrupt ends, so nothing really sleeps.
 */
class StopExecutionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARN = "arn:aws:states:us-east-1:000000000000:stateMachine:sm";
  private static final String FN = "arn:aws:lambda:us-east-1:000000000000:function:f";
  private static final String NEXT = "arn:aws:lambda:us-east-1:000000000000:function:next";

  private final VirtualTime time = new VirtualTime(Instant.parse("2026-01-01T00:00:00Z"));
  private final BlockingSleeper sleeper = new BlockingSleeper();
  private final List<JsonNode> nextCalls = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  @Test
  void stopDuringASyncTaskCancelsTheQueryAndRunsNothingAfter() throws Exception {
    // The query stays QUEUED long enough for the stop to find the task polling it.
    AthenaEmulator athena = AthenaEmulator.builder().queueDelay(Duration.ofMinutes(10)).build();
    closing.add(athena);
    List<String> queries = new CopyOnWriteArrayList<>();
    athena.observe(
        new AthenaEmulator.Observer() {
          @Override
          public void called(String operation, List<String> ids) {
            if (operation.equals("GetQueryExecution")) {
              queries.addAll(ids);
            }
          }

          @Override
          public void succeeded(String id) {}
        });
    EmulatorHttpServer server =
        EmulatorHttpServer.start(athena, new InetSocketAddress("127.0.0.1", 0));
    closing.add(server);
    AthenaClient client =
        AthenaClient.builder()
            .endpointOverride(URI.create(server.endpoint()))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
    closing.add(client);
    StepFunctionsEmulator sfn =
        emulator(
            "{'StartAt':'Q','States':{'Q':{'Type':'Task','Resource':"
                + "'arn:aws:states:::athena:startQueryExecution.sync','Parameters':{"
                + "'QueryString':'SELECT 1','QueryExecutionContext':{'Database':'default'}},"
                + "'ResultPath':'$.q','Catch':[{'ErrorEquals':['States.ALL'],'Next':'N'}],"
                + "'Next':'N'},'N':{'Type':'Task','Resource':'"
                + NEXT
                + "','End':true}}}",
            client,
            Map.of());
    String arn = start(sfn, "e1");
    sleeper.awaitWaiting();

    JsonNode stopped = ok(stop(sfn, arn, "Cancelled", "client cancel"));
    assertThat(stopped.path("stopDate").asDouble()).isEqualTo(seconds(time.instant()));

    JsonNode d = awaitEnd(sfn, arn);
    assertThat(d.path("status").asText()).isEqualTo("ABORTED");
    assertThat(d.path("error").asText()).isEqualTo("Cancelled");
    assertThat(d.path("cause").asText()).isEqualTo("client cancel");
    assertThat(d.path("stopDate").asDouble()).isEqualTo(stopped.path("stopDate").asDouble());
    assertThat(d.has("output")).isFalse();
    assertThat(queries).isNotEmpty().allMatch(queries.get(0)::equals);
    String query = queries.get(0);
    assertThat(awaitState(client, query)).isEqualTo(QueryExecutionState.CANCELLED);
    assertThat(nextCalls).isEmpty();
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(100));
  }

  @Test
  void aLambdaTaskRunningAtTheStopFinishesButItsResultIsDiscarded() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> seen = new CopyOnWriteArrayList<>();
    StepFunctionsEmulator[] self = new StepFunctionsEmulator[1];
    LocalFunction slow =
        (in, out, remaining) -> {
          String arn = JSON.readTree(in).path("arn").asText();
          inside.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            seen.add("interrupted");
            return;
          }
          // What a function learns by DescribeExecution of its own execution.
          seen.add(describe(self[0], arn).path("status").asText());
          out.write("{\"done\":true}".getBytes(StandardCharsets.UTF_8));
        };
    StepFunctionsEmulator sfn =
        emulator(
            "{'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'arn.$':'$$.Execution.Id'},"
                + "'Next':'L'},'L':{'Type':'Task','Resource':'"
                + FN
                + "','ResultPath':'$.r','Next':'N'},'N':{'Type':'Task','Resource':'"
                + NEXT
                + "','End':true}}}",
            null,
            Map.of(FN, slow));
    self[0] = sfn;
    String arn = start(sfn, "e2");
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

    ok(stop(sfn, arn, null, null));
    assertThat(describe(sfn, arn).path("status").asText()).isEqualTo("ABORTED");
    release.countDown();
    awaitRunning(sfn, 0);

    assertThat(seen).containsExactly("ABORTED");
    JsonNode d = describe(sfn, arn);
    assertThat(d.path("status").asText()).isEqualTo("ABORTED");
    // No error or cause given: DescribeExecution leaves both out.
    assertThat(d.has("error")).isFalse();
    assertThat(d.has("cause")).isFalse();
    assertThat(d.has("output")).isFalse();
    assertThat(nextCalls).isEmpty();
  }

  @Test
  void aRetryWaitEndsAtTheStop() throws Exception {
    List<Integer> calls = new CopyOnWriteArrayList<>();
    LocalFunction failing =
        (in, out, remaining) -> {
          calls.add(1);
          throw new IllegalStateException("boom");
        };
    StepFunctionsEmulator sfn =
        emulator(
            "{'StartAt':'L','States':{'L':{'Type':'Task','Resource':'"
                + FN
                + "','Retry':[{'ErrorEquals':['States.ALL'],'IntervalSeconds':3600}],"
                + "'Catch':[{'ErrorEquals':['States.ALL'],'Next':'N'}],'Next':'N'},"
                + "'N':{'Type':'Task','Resource':'"
                + NEXT
                + "','End':true}}}",
            null,
            Map.of(FN, failing));
    String arn = start(sfn, "e3");
    sleeper.awaitWaiting();
    ok(stop(sfn, arn, "E", null));
    JsonNode d = awaitEnd(sfn, arn);
    assertThat(d.path("status").asText()).isEqualTo("ABORTED");
    assertThat(d.path("error").asText()).isEqualTo("E");
    assertThat(d.has("cause")).isFalse();
    awaitRunning(sfn, 0);
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofHours(1));
    assertThat(calls).hasSize(1);
    assertThat(nextCalls).isEmpty();
  }

  @Test
  void stoppingAClosedExecutionChangesNothingAndSucceeds() throws Exception {
    StepFunctionsEmulator sfn =
        emulator("{'StartAt':'S','States':{'S':{'Type':'Succeed'}}}", null, Map.of());
    String arn = start(sfn, "e4");
    JsonNode ended = awaitEnd(sfn, arn);
    assertThat(ended.path("status").asText()).isEqualTo("SUCCEEDED");
    time.advance(Duration.ofSeconds(5));

    JsonNode stopped = ok(stop(sfn, arn, "late", "too late"));
    assertThat(stopped.path("stopDate").asDouble()).isEqualTo(seconds(time.instant()));
    JsonNode d = describe(sfn, arn);
    assertThat(d.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(d.path("stopDate").asDouble()).isEqualTo(ended.path("stopDate").asDouble());
    assertThat(d.has("error")).isFalse();
    assertThat(d.path("output").asText()).isEqualTo("{\"a\":1}");
  }

  @Test
  void unknownAndMalformedArns() throws Exception {
    StepFunctionsEmulator sfn =
        emulator("{'StartAt':'S','States':{'S':{'Type':'Succeed'}}}", null, Map.of());
    assertThat(
            type(stop(sfn, "arn:aws:states:us-east-1:000000000000:execution:sm:nope", null, null)))
        .isEqualTo("ExecutionDoesNotExist");
    assertThat(type(stop(sfn, "nope", null, null))).isEqualTo("InvalidArn");
    assertThat(type(stop(sfn, ARN, null, null))).isEqualTo("InvalidArn");
    assertThat(type(sfn.handle("AWSStepFunctions.StopExecution", bytes("{}"))))
        .isEqualTo("InvalidArn");
    String arn = start(sfn, "e5");
    awaitEnd(sfn, arn);
    assertThat(type(stop(sfn, arn, "x".repeat(257), null))).isEqualTo("ValidationException");
  }

  private StepFunctionsEmulator emulator(
      String definition, AthenaClient athena, Map<String, LocalFunction> functions) {
    Map<String, LocalFunction> all = new java.util.HashMap<>(functions);
    all.put(
        NEXT,
        (in, out, remaining) -> {
          nextCalls.add(JSON.readTree(in));
          out.write("{}".getBytes(StandardCharsets.UTF_8));
        });
    StepFunctionsEmulator sfn =
        new StepFunctionsEmulator(
            ARN,
            definition.replace('\'', '"'),
            athena,
            all,
            new WorkflowSettings(Duration.ofSeconds(60), Duration.ofMillis(100)),
            time,
            sleeper);
    closing.add(sfn);
    return sfn;
  }

  static String start(StepFunctionsEmulator sfn, String name) throws IOException {
    return ok(sfn.handle(
            "AWSStepFunctions.StartExecution",
            bytes(
                JSON.createObjectNode()
                    .put("stateMachineArn", ARN)
                    .put("name", name)
                    .put("input", "{\"a\":1}")
                    .toString())))
        .path("executionArn")
        .asText();
  }

  private static EmulatorResponse stop(
      StepFunctionsEmulator sfn, String arn, String error, String cause) {
    var body = JSON.createObjectNode().put("executionArn", arn);
    if (error != null) {
      body.put("error", error);
    }
    if (cause != null) {
      body.put("cause", cause);
    }
    return sfn.handle("AWSStepFunctions.StopExecution", bytes(body.toString()));
  }

  static JsonNode describe(StepFunctionsEmulator sfn, String arn) throws IOException {
    return ok(
        sfn.handle(
            "AWSStepFunctions.DescribeExecution",
            bytes(JSON.createObjectNode().put("executionArn", arn).toString())));
  }

  /** Until the execution threads are done (a stopped execution's thread may still be finishing). */
  private static void awaitRunning(StepFunctionsEmulator sfn, int threads) throws Exception {
    for (int i = 0; i < 1000 && sfn.busy() > threads; i++) {
      Thread.sleep(5);
    }
    assertThat(sfn.busy()).isEqualTo(threads);
  }

  private static QueryExecutionState awaitState(AthenaClient client, String id)
      throws InterruptedException {
    for (int i = 0; i < 1000; i++) {
      QueryExecutionState s =
          client.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution().status().state();
      if (s != QueryExecutionState.QUEUED && s != QueryExecutionState.RUNNING) {
        return s;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("query did not end: " + id);
  }

  private static double seconds(Instant i) {
    return i.toEpochMilli() / 1000.0;
  }
}
