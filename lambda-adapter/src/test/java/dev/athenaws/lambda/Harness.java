package dev.athenaws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.athenaws.retry.VirtualTime;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeDownloadLinks;
import dev.athenaws.testing.FakeManagementApi;
import dev.athenaws.testing.FakeStepFunctions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire fakes of core (Athena, the management API, Step Functions) in virtual time, an
 * environment to configure the adapter with, and helpers to load the event fixtures.
 */
final class Harness implements AutoCloseable {
  static final String CONNECTION = "L0SM9cOFvHcCIhw=";
  static final String FIRST_QUERY = "00000000-0000-4000-8000-000000000001";
  static final ObjectMapper JSON = new ObjectMapper();

  final VirtualTime time = new VirtualTime();
  final FakeAthena athena = FakeAthena.start(time);
  final FakeManagementApi api = FakeManagementApi.start();
  final FakeStepFunctions sfn = FakeStepFunctions.start();
  final String stateMachineArn = sfn.createStateMachine("athena-ws");
  final Map<String, String> env = new HashMap<>();
  final FakeDownloadLinks links = new FakeDownloadLinks(time);

  /** The management endpoints the handlers asked for a client for. */
  final List<URI> managementEndpoints = Collections.synchronizedList(new ArrayList<>());

  /** What the wiring wrote to stdout: the embedded-format metric lines. */
  final java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();

  Harness() {
    env.put("AWS_REGION", "us-east-1");
    env.put("WEBSOCKET_ENDPOINT", api.endpoint().toString());
    env.put("QUERY_CATALOG", "classpath:catalogs/test-catalog.json");
    // No S3 reader is given to these wirings: results come from GetQueryResults.
    env.put("RESULT_FETCH", "api");
    api.connect(CONNECTION);
  }

  Harness with(String name, String value) {
    env.put(name, value);
    return this;
  }

  Harness without(String name) {
    env.remove(name);
    return this;
  }

  Wiring wiring() {
    Config config = Config.from(env);
    return Wiring.create(
        config,
        new Wiring.Clients(athena.client(), sfn.client(), this::managementClient, links),
        time,
        time,
        new java.io.PrintStream(stdout, true, StandardCharsets.UTF_8));
  }

  private software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient
      managementClient(java.net.URI endpoint) {
    managementEndpoints.add(endpoint);
    return api.client();
  }

  /**
   * Runs the push handler on an input that names only the connection, the request and the query (so
   * it reads the query's status itself).
   *
   * @return the handler's output, parsed
   */
  JsonNode pushById(String queryExecutionId) throws IOException {
    ObjectNode input = JSON.createObjectNode();
    input.set("connection", fixture("push-state.json").get("connection"));
    input.put("requestId", "r1");
    input.put("queryExecutionId", queryExecutionId);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PushResultsHandler(wiring())
        .handle(
            new ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8)),
            out,
            ScriptedTime.plenty());
    return read(out.toString(StandardCharsets.UTF_8));
  }

  /**
   * @return the metric lines written so far, parsed
   */
  List<JsonNode> metricLines() {
    return stdout.toString(StandardCharsets.UTF_8).lines().map(Harness::read).toList();
  }

  /**
   * @return the messages the test connection received, parsed
   */
  List<JsonNode> messages() {
    List<JsonNode> out = new ArrayList<>();
    for (String m : api.messages(CONNECTION)) {
      out.add(read(m));
    }
    return out;
  }

  List<String> types() {
    return messages().stream().map(m -> m.path("type").asText()).toList();
  }

  static APIGatewayV2WebSocketEvent event(String name) {
    return EventLoader.loadEvent("events/" + name, APIGatewayV2WebSocketEvent.class);
  }

  /**
   * @return a MESSAGE event of the fixture query.json with another body
   */
  static APIGatewayV2WebSocketEvent message(String body) {
    APIGatewayV2WebSocketEvent e = event("query.json");
    e.setBody(body);
    return e;
  }

  static ObjectNode fixture(String name) {
    try (InputStream in = Harness.class.getClassLoader().getResourceAsStream("events/" + name)) {
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    athena.close();
    api.close();
    sfn.close();
  }

  /**
   * @return the push task's output for an input, with plenty of time
   */
  JsonNode push(JsonNode input) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    new PushResultsHandler(wiring())
        .handle(
            new java.io.ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8)),
            out,
            ScriptedTime.plenty());
    return read(out.toString(StandardCharsets.UTF_8));
  }
}
