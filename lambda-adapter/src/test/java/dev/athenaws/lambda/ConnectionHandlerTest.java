package dev.athenaws.lambda;

import static dev.athenaws.lambda.Harness.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
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
