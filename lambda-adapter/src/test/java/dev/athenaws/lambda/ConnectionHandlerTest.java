package dev.athenaws.lambda;

import static dev.athenaws.lambda.Harness.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionHandlerTest {
  private static ConnectionHandler handler(String allowedOrigins) {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_REGION", "us-east-1");
    if (allowedOrigins != null) {
      env.put("ALLOWED_ORIGINS", allowedOrigins);
    }
    return new ConnectionHandler(Config.from(env));
  }

  @Test
  void connectIsAcceptedWhenNoOriginsAreListed() {
    assertThat(handler(null).handle(event("connect.json")).getStatusCode()).isEqualTo(200);
  }

  @Test
  void connectFromAListedOriginIsAccepted() {
    assertThat(
            handler(" https://other.example.org , https://app.example.com")
                .handle(event("connect.json"))
                .getStatusCode())
        .isEqualTo(200);
  }

  @Test
  void connectFromAnotherOriginIs403() {
    assertThat(handler("https://other.example.org").handle(event("connect.json")).getStatusCode())
        .isEqualTo(403);
  }

  @Test
  void connectWithoutOriginIs403WhenOriginsAreListed() {
    APIGatewayV2WebSocketEvent e = event("connect.json");
    e.setHeaders(null);
    e.setMultiValueHeaders(null);
    assertThat(handler("https://app.example.com").handle(e).getStatusCode()).isEqualTo(403);
  }

  @Test
  void originHeaderNameIsCaseInsensitiveAndMultiValueHeadersAreRead() {
    APIGatewayV2WebSocketEvent e = event("connect.json");
    e.setHeaders(Map.of("origin", "https://app.example.com"));
    assertThat(handler("https://app.example.com").handle(e).getStatusCode()).isEqualTo(200);
    APIGatewayV2WebSocketEvent multiOnly = event("connect.json");
    multiOnly.setHeaders(null);
    assertThat(handler("https://app.example.com").handle(multiOnly).getStatusCode()).isEqualTo(200);
  }

  private static APIGatewayV2WebSocketEvent offering(String... lines) {
    APIGatewayV2WebSocketEvent e = event("connect.json");
    Map<String, String> headers = new HashMap<>(e.getHeaders());
    Map<String, java.util.List<String>> multi = new HashMap<>(e.getMultiValueHeaders());
    headers.put("sec-websocket-protocol", lines[lines.length - 1]);
    multi.put("sec-websocket-protocol", java.util.List.of(lines));
    e.setHeaders(headers);
    e.setMultiValueHeaders(multi);
    return e;
  }

  @Test
  void offeredAthenaWsIsSelectedAndTheBearerEntryIsNeverEchoed() {
    APIGatewayV2WebSocketResponse r =
        handler(null).handle(offering("athena-ws, bearer.eyJhbGciOiJSUzI1NiJ9.e30.c2ln"));
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(r.getHeaders()).containsExactly(Map.entry("Sec-WebSocket-Protocol", "athena-ws"));
    assertThat(r.getMultiValueHeaders()).isNull();
  }

  @Test
  void athenaWsIsFoundInAnyLineAndPosition() {
    APIGatewayV2WebSocketResponse r =
        handler(null).handle(offering("bearer.eyJ.e30.c2ln", "chat ,athena-ws"));
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(r.getHeaders()).containsExactly(Map.entry("Sec-WebSocket-Protocol", "athena-ws"));
  }

  @Test
  void subprotocolsWithoutAthenaWsAre400AndEchoNothing() {
    for (String offered : new String[] {"bearer.eyJ.e30.c2ln", "chat, superchat", "Athena-WS"}) {
      APIGatewayV2WebSocketResponse r = handler(null).handle(offering(offered));
      assertThat(r.getStatusCode()).as(offered).isEqualTo(400);
      assertThat(r.getHeaders()).as(offered).isNull();
    }
  }

  @Test
  void noSubprotocolOfferedMeansNoSubprotocolHeader() {
    APIGatewayV2WebSocketResponse r = handler(null).handle(event("connect.json"));
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(r.getHeaders()).isNull();
  }

  @Test
  void theOriginCheckComesFirst() {
    assertThat(handler("https://other.example.org").handle(offering("athena-ws")).getStatusCode())
        .isEqualTo(403);
  }

  @Test
  void disconnectIsAcknowledgedEvenWithOriginsListed() {
    assertThat(handler("https://app.example.com").handle(event("disconnect.json")).getStatusCode())
        .isEqualTo(200);
  }

  @Test
  void fixturesLoadWithTheLambdaRuntimeSerializer() {
    APIGatewayV2WebSocketEvent e = event("connect.json");
    assertThat(e.getRequestContext().getConnectionId()).isEqualTo("L0SM9cOFvHcCIhw=");
    assertThat(e.getRequestContext().getEventType()).isEqualTo("CONNECT");
    assertThat(e.getRequestContext().getApiId()).isEqualTo("abcdef1234");
    assertThat(e.getRequestContext().getStage()).isEqualTo("dev");
    assertThat(WebSocketRequest.of(e).origin()).isEqualTo("https://app.example.com");
    WebSocketRequest query = WebSocketRequest.of(event("query.json"));
    assertThat(query.routeKey()).isEqualTo("query");
    assertThat(query.body()).startsWith("{\"action\":\"query\"");
    assertThat(query.base64()).isFalse();
  }
}
