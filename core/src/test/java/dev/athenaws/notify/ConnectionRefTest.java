package dev.athenaws.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ConnectionRefTest {
  @Test
  void buildsTheExecuteApiEndpointFromItsParts() {
    ConnectionRef c = ConnectionRef.of("abc=", "a1b2c3d4e5", "ap-northeast-1", "prod");

    assertThat(c.endpoint())
        .isEqualTo(URI.create("https://a1b2c3d4e5.execute-api.ap-northeast-1.amazonaws.com/prod"));
  }

  @Test
  void anOverrideWinsAndLosesItsTrailingSlash() {
    ConnectionRef c = ConnectionRef.of("abc=", "a1b2c3d4e5", "eu-west-1", "dev");

    assertThat(c.withEndpoint(URI.create("http://127.0.0.1:8080/dev/")).endpoint())
        .isEqualTo(URI.create("http://127.0.0.1:8080/dev"));
    assertThat(new ConnectionRef("x", null, null, null, URI.create("https://ws.example.com/live")).endpoint())
        .isEqualTo(URI.create("https://ws.example.com/live"));
  }

  @Test
  void rejectsMissingOrMalformedParts() {
    assertThatThrownBy(() -> ConnectionRef.of("abc", "a1b2", null, "dev")).hasMessageContaining("region");
    assertThatThrownBy(() -> ConnectionRef.of("abc", "a1b2", "eu-west-1", "dev/x")).hasMessageContaining("stage");
    assertThatThrownBy(() -> ConnectionRef.of("abc", "A.B", "eu-west-1", "dev")).hasMessageContaining("apiId");
    assertThatThrownBy(() -> ConnectionRef.of(" ", "a1b2", "eu-west-1", "dev")).hasMessageContaining("connectionId");
    assertThatThrownBy(() -> new ConnectionRef("abc", null, null, null, URI.create("ftp://x/y")))
        .hasMessageContaining("endpointOverride");
  }
}
