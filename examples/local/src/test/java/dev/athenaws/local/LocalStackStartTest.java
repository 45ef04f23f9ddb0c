package dev.athenaws.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackStartTest {
  @Test
  void aBadCatalogFailsTheStartNamingItAndLeavesThePortFree(@TempDir Path dir) throws Exception {
    Path catalog = Files.writeString(dir.resolve("catalog.json"), "{\"queries\": [ {\"name\": ");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String[] args = {
      "--port", Integer.toString(port), "--events", "10", "--query-catalog", catalog.toString()
    };

    assertThatThrownBy(() -> LocalStack.start(LocalOptions.parse(args)))
        .hasMessageContaining("QUERY_CATALOG is invalid");
    // Nothing of the failed start holds the port.
    try (ServerSocket again = new ServerSocket(port)) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void aDefinitionTheInterpreterCannotRunFailsTheStartNamingStateAndField(@TempDir Path dir)
      throws Exception {
    Path definition =
        Files.writeString(
            dir.resolve("definition.json"),
            "{\"StartAt\":\"Each\"," + "\"States\":{\"Each\":{\"Type\":\"Map\",\"End\":true}}}");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String[] args = {
      "--port",
      Integer.toString(port),
      "--events",
      "10",
      "--state-machine-definition",
      definition.toString()
    };

    assertThatThrownBy(() -> LocalStack.start(LocalOptions.parse(args)))
        .isInstanceOf(dev.athenaws.local.sfn.DefinitionException.class)
        .hasMessageContaining("state 'Each', field Type");
    try (ServerSocket again = new ServerSocket(port)) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void theLatencyFlagsReachTheFaults() throws Exception {
    try (LocalStack stack =
        LocalStack.start(
            LocalOptions.parse(
                "--port",
                "0",
                "--events",
                "0",
                "--athena-latency-ms",
                "5",
                "--get-results-latency-ms",
                "200",
                "--post-latency-ms",
                "25"))) {
      assertThat(stack.faults().athenaLatencyMs()).isEqualTo(5);
      assertThat(stack.faults().getResultsLatencyMs()).isEqualTo(200);
      assertThat(stack.faults().postLatencyMs()).isEqualTo(25);
    }
  }

  @Test
  void authJwtServesTheLocalIssuerAtTheHandlersJwtIssuerAndOffServesNone() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    try (LocalStack stack =
        LocalStack.start(LocalOptions.parse("--port", "0", "--events", "10", "--auth", "jwt"))) {
      String issuer = stack.jwtIssuer().orElseThrow();
      assertThat(stack.handlerEnvironment()).containsEntry("JWT_ISSUER", issuer);
      assertThat(stack.jwtAudience()).hasValue("athena-ws-local");
      var token =
          http.send(
              java.net.http.HttpRequest.newBuilder(stack.httpUri().resolve("/dev-token?sub=a"))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(token.statusCode()).isEqualTo(200);
      assertThat(com.auth0.jwt.JWT.decode(token.body()).getIssuer()).isEqualTo(issuer);
      assertThat(stack.banner()).contains(issuer + "/dev-token").contains("/?auth=jwt");
    }
    try (LocalStack stack = LocalStack.start(LocalOptions.parse("--port", "0", "--events", "10"))) {
      assertThat(stack.jwtIssuer()).isEmpty();
      assertThat(stack.banner()).doesNotContain("auth=jwt");
      var jwks =
          http.send(
              java.net.http.HttpRequest.newBuilder(
                      stack.httpUri().resolve("/.well-known/jwks.json"))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(jwks.statusCode()).isEqualTo(404);
    }
  }
}
