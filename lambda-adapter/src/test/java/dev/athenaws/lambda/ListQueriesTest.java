package dev.athenaws.lambda;

import static dev.athenaws.lambda.Harness.event;
import static dev.athenaws.lambda.Harness.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.athenaws.testing.FakeManagementApi;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ListQueriesTest {
  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void listQueriesAnswersTheCatalogWithoutSql() {
    APIGatewayV2WebSocketResponse response =
        new QueryRouteHandler(h.wiring()).handle(event("list-queries.json"), ScriptedTime.plenty());

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(h.messages())
        .containsExactly(
            read(
                "{\"type\":\"catalog\",\"requestId\":\"r2\",\"queries\":["
                    + "{\"name\":\"numbers\",\"description\":\"Numbered rows\",\"default\":true,\"parameters\":[]},"
                    + "{\"name\":\"by-region\",\"default\":false,\"parameters\":["
                    + "{\"name\":\"region\",\"type\":\"string\",\"required\":true,"
                    + "\"pattern\":\"[a-z]{2}(-[a-z]+)+-[0-9]\",\"maxLength\":32},"
                    + "{\"name\":\"limit\",\"type\":\"integer\",\"required\":false,\"default\":10,"
                    + "\"description\":\"Most rows\",\"min\":1,\"max\":1000}]}]}"));
    assertThat(h.api.messages(Harness.CONNECTION).get(0)).doesNotContain("SELECT");
  }

  @Test
  void theDefaultCatalogIsTheCoreExample() {
    h.without("QUERY_CATALOG");
    new QueryRouteHandler(h.wiring()).handle(event("list-queries.json"), ScriptedTime.plenty());
    assertThat(h.messages().get(0).path("queries").get(0).path("name").asText())
        .isEqualTo("create-table-events");
  }

  @Test
  void withoutAnEndpointOverrideTheEndpointIsBuiltFromApiIdRegionAndStage() {
    h.without("WEBSOCKET_ENDPOINT").with("AWS_REGION", "eu-west-1");
    new QueryRouteHandler(h.wiring()).handle(event("list-queries.json"), ScriptedTime.plenty());
    // The fake's client ignores the endpoint; the handler asked for the one API Gateway documents,
    // not the event's domainName.
    assertThat(h.managementEndpoints)
        .containsExactly(URI.create("https://abcdef1234.execute-api.eu-west-1.amazonaws.com/dev"));
    assertThat(h.messages()).hasSize(1);
  }

  @Test
  void behindACustomDomainTheEndpointIsStillTheStagesExecuteApiUrl() {
    h.without("WEBSOCKET_ENDPOINT").with("AWS_REGION", "eu-west-1");
    var event = event("list-queries.json");
    // Behind a custom domain name, domainName is that domain and its path is the API mapping's.
    event.getRequestContext().setDomainName("ws.example.com");

    new QueryRouteHandler(h.wiring()).handle(event, ScriptedTime.plenty());

    assertThat(h.managementEndpoints)
        .containsExactly(URI.create("https://abcdef1234.execute-api.eu-west-1.amazonaws.com/dev"));
  }

  @Test
  void theOverrideEndpointIsUsedWhenSet() {
    new QueryRouteHandler(h.wiring()).handle(event("list-queries.json"), ScriptedTime.plenty());
    assertThat(h.managementEndpoints).containsExactly(h.api.endpoint());
    assertThat(FakeManagementApi.MAX_PAYLOAD)
        .isGreaterThan(h.api.messages(Harness.CONNECTION).get(0).length());
  }
}
