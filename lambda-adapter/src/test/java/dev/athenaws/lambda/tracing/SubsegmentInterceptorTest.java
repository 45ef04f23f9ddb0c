package dev.athenaws.lambda.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.retry.VirtualTime;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeAthenaFault;
import dev.athenaws.testing.FakeManagementApi;
import dev.athenaws.testing.FakeStepFunctions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * The documents {@link SubsegmentInterceptor} sends for real SDK calls against the in-process
 * fakes: fields, ids, parent, times from the injected clock, and the error, throttle and fault
 * flags.
 */
class SubsegmentInterceptorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";
  private static final String PARENT = "53995c3f42cd8ad8";
  private static final String SAMPLED = "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1";

  private final VirtualTime time = new VirtualTime();
  private final FakeAthena athena = FakeAthena.start(time);
  private final List<String> documents = new ArrayList<>();
  private final AtomicReference<String> header = new AtomicReference<>(SAMPLED);
  private final AtomicLong nextId = new AtomicLong(0x00c0ffee00000001L);
  private SegmentSender sender = documents::add;
  private final SubsegmentInterceptor interceptor =
      new SubsegmentInterceptor(header::get, time, nextId::getAndIncrement, d -> sender.send(d));
  private final TracedClients clients = new TracedClients(interceptor);
  private final AthenaClient client = clients.build(AthenaClient.builder(), athena.endpoint());

  @AfterEach
  void close() {
    client.close();
    athena.close();
  }

  private JsonNode only() throws IOException {
    assertThat(documents).hasSize(1);
    return JSON.readTree(documents.get(0));
  }

  @Test
  void successfulCallIsOneSubsegmentUnderTheInvocationsSegment() throws IOException {
    athena.latency(op -> Duration.ofMillis(250), time);

    client.startQueryExecution(r -> r.queryString("SELECT 1"));

    JsonNode doc = only();
    assertThat(doc.get("type").asText()).isEqualTo("subsegment");
    assertThat(doc.get("name").asText()).isEqualTo("Athena");
    assertThat(doc.get("namespace").asText()).isEqualTo("aws");
    assertThat(doc.get("id").asText()).isEqualTo("00c0ffee00000001");
    assertThat(doc.get("trace_id").asText()).isEqualTo(ROOT);
    assertThat(doc.get("parent_id").asText()).isEqualTo(PARENT);
    // VirtualTime starts at 2021-08-01T00:00:00Z; the fake answered after 250 ms of it.
    assertThat(doc.get("start_time").asDouble()).isEqualTo(1_627_776_000.0);
    assertThat(doc.get("end_time").asDouble()).isEqualTo(1_627_776_000.25);
    assertThat(doc.get("aws").get("operation").asText()).isEqualTo("StartQueryExecution");
    assertThat(doc.get("aws").get("region").asText()).isEqualTo("us-east-1");
    assertThat(doc.get("aws").get("request_id").asText()).isEqualTo("fake-request-id");
    assertThat(doc.get("aws").get("retries").asInt()).isZero();
    assertThat(doc.get("http").get("response").get("status").asInt()).isEqualTo(200);
    assertThat(doc.get("http").get("response").get("content_length").asLong()).isPositive();
    assertThat(doc.has("error") || doc.has("fault") || doc.has("throttle")).isFalse();
    // Downstream, the call carries the trace parented on its own subsegment.
    assertThat(clients.sentHeaders)
        .containsExactly("Root=" + ROOT + ";Parent=00c0ffee00000001;Sampled=1");
  }

  @Test
  void eachCallHasItsOwnId() throws IOException {
    client.startQueryExecution(r -> r.queryString("SELECT 1"));
    client.startQueryExecution(r -> r.queryString("SELECT 2"));
    assertThat(documents).hasSize(2);
    assertThat(JSON.readTree(documents.get(1)).get("id").asText()).isEqualTo("00c0ffee00000002");
  }

  @Test
  void athenaThrottlingIsAThrottledErrorNotAFault() throws IOException {
    athena.failNext(FakeAthena.START, 1, FakeAthenaFault.throttling());
    assertThatThrownBy(() -> client.startQueryExecution(r -> r.queryString("SELECT 1")))
        .isInstanceOf(AthenaException.class);

    JsonNode doc = only();
    assertThat(doc.get("http").get("response").get("status").asInt()).isEqualTo(400);
    assertThat(doc.get("throttle").asBoolean()).isTrue();
    assertThat(doc.get("error").asBoolean()).isTrue();
    assertThat(doc.has("fault")).isFalse();
    assertThat(doc.get("aws").get("request_id").asText()).isEqualTo("fake-request-id");
  }

  @Test
  void athenaServerErrorIsAFault() throws IOException {
    athena.failNext(FakeAthena.START, 1, FakeAthenaFault.internal());
    assertThatThrownBy(() -> client.startQueryExecution(r -> r.queryString("SELECT 1")))
        .isInstanceOf(AthenaException.class);

    JsonNode doc = only();
    assertThat(doc.get("http").get("response").get("status").asInt()).isEqualTo(500);
    assertThat(doc.get("fault").asBoolean()).isTrue();
    assertThat(doc.has("error") || doc.has("throttle")).isFalse();
  }

  @Test
  void clientErrorIsAnErrorOnly() throws IOException {
    athena.failNext(FakeAthena.START, 1, FakeAthenaFault.invalidRequest("INVALID_INPUT", "bad"));
    assertThatThrownBy(() -> client.startQueryExecution(r -> r.queryString("SELECT 1")))
        .isInstanceOf(AthenaException.class);

    JsonNode doc = only();
    assertThat(doc.get("error").asBoolean()).isTrue();
    assertThat(doc.has("fault") || doc.has("throttle")).isFalse();
    assertThat(documents.get(0)).doesNotContain("bad"); // no error message: it can quote the query
  }

  @Test
  void managementApi429IsAThrottle() throws IOException {
    try (FakeManagementApi api = FakeManagementApi.start();
        ApiGatewayManagementApiClient management =
            clients.build(ApiGatewayManagementApiClient.builder(), api.endpoint())) {
      api.connect("c-1");
      api.failNext("c-1", 429);
      assertThatThrownBy(
              () ->
                  management.postToConnection(
                      r -> r.connectionId("c-1").data(SdkBytes.fromUtf8String("{}"))))
          .isInstanceOf(software.amazon.awssdk.core.exception.SdkServiceException.class);

      JsonNode doc = only();
      assertThat(doc.get("name").asText()).isEqualTo("ApiGatewayManagementApi");
      assertThat(doc.get("aws").get("operation").asText()).isEqualTo("PostToConnection");
      assertThat(doc.get("http").get("response").get("status").asInt()).isEqualTo(429);
      assertThat(doc.get("throttle").asBoolean()).isTrue();
      assertThat(doc.get("error").asBoolean()).isTrue();
      assertThat(doc.has("fault")).isFalse();
    }
  }

  @Test
  void stepFunctionsCallsAreRecordedToo() throws IOException {
    try (FakeStepFunctions sfn = FakeStepFunctions.start();
        SfnClient starter = clients.build(SfnClient.builder(), sfn.endpoint())) {
      String arn = sfn.createStateMachine("athena-ws");
      sfn.throttleNext(1);
      assertThatThrownBy(
              () -> starter.startExecution(r -> r.stateMachineArn(arn).name("n").input("{}")))
          .isInstanceOf(SfnException.class);
      starter.startExecution(r -> r.stateMachineArn(arn).name("n").input("{}"));

      assertThat(documents).hasSize(2);
      JsonNode throttled = JSON.readTree(documents.get(0));
      JsonNode started = JSON.readTree(documents.get(1));
      assertThat(throttled.get("name").asText()).isEqualTo("Sfn");
      assertThat(throttled.get("aws").get("operation").asText()).isEqualTo("StartExecution");
      assertThat(throttled.get("throttle").asBoolean()).isTrue();
      assertThat(started.get("http").get("response").get("status").asInt()).isEqualTo(200);
      assertThat(started.has("throttle")).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0",
        "Root=1-5759e988-bd862e3fe1be46a994272793",
        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=?",
        "garbage",
        ""
      })
  void unsampledOrIncompleteHeaderSendsNothingAndLeavesTheRequestAlone(String value) {
    header.set(value);
    client.startQueryExecution(r -> r.queryString("SELECT 1"));
    assertThat(documents).isEmpty();
    assertThat(clients.sentHeaders).containsOnlyNulls();
    assertThat(interceptor.failures()).isZero();
  }

  @Test
  void noHeaderSendsNothing() {
    header.set(null);
    client.startQueryExecution(r -> r.queryString("SELECT 1"));
    assertThat(documents).isEmpty();
    assertThat(interceptor.sent()).isZero();
  }

  @Test
  void aSenderThatFailsNeitherFailsNorChangesTheCall() {
    sender =
        d -> {
          throw new IOException("daemon gone");
        };
    String id = client.startQueryExecution(r -> r.queryString("SELECT 1")).queryExecutionId();
    assertThat(id).isNotBlank();
    assertThat(interceptor.failures()).isEqualTo(1);
    assertThat(athena.calls(FakeAthena.START)).isEqualTo(1);
  }

  @Test
  void aTraceHeaderSourceThatThrowsIsCountedNotPropagated() {
    SubsegmentInterceptor broken =
        new SubsegmentInterceptor(
            () -> {
              throw new IllegalStateException("no property access");
            },
            time,
            nextId::getAndIncrement,
            documents::add);
    try (AthenaClient other =
        new TracedClients(broken).build(AthenaClient.builder(), athena.endpoint())) {
      other.startQueryExecution(r -> r.queryString("SELECT 1"));
    }
    assertThat(broken.failures()).isEqualTo(1);
    assertThat(documents).isEmpty();
  }
}
