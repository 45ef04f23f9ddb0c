package dev.athenaws.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ConnectionTest {
  @Test
  void aConnectionOfASelfHostedServerIsJustItsId() {
    Connection c = Connection.of("session-7");

    assertThat(c.id()).isEqualTo("session-7");
    assertThat(c.endpoint()).isNull();
  }

  @Test
  void anEndpointLosesItsTrailingSlash() {
    assertThat(Connection.at("abc=", URI.create("http://127.0.0.1:8080/dev/")).endpoint())
        .isEqualTo(URI.create("http://127.0.0.1:8080/dev"));
    assertThat(Connection.of("abc=").withEndpoint(URI.create("https://ws.example.com/orders")))
        .isEqualTo(new Connection("abc=", URI.create("https://ws.example.com/orders")));
  }

  @Test
  void rejectsABadIdOrEndpointNamingIt() {
    assertThatThrownBy(() -> Connection.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("id");
    assertThatThrownBy(() -> Connection.of(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> Connection.of("x".repeat(257)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id");
    assertThat(Connection.of("x".repeat(256)).id()).hasSize(256);
    assertThatThrownBy(() -> Connection.at("abc", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("endpoint");
    assertThatThrownBy(() -> Connection.at("abc", URI.create("ftp://x/y")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("endpoint");
    assertThatThrownBy(() -> Connection.at("abc", URI.create("/dev")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("endpoint");
  }
}
