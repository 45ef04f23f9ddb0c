package dev.athenaws.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ManagementApiTest {
  @Test
  void connectionIdsDecodeWithSlashAndPlusIntact() {
    assertThat(ManagementApi.percentDecode("ab%2Fcd%2B%3D")).isEqualTo("ab/cd+=");
    assertThat(ManagementApi.percentDecode("a+b/c=")).isEqualTo("a+b/c=");
    assertThat(ManagementApi.percentDecode("bad%2")).isEqualTo("bad%2");
    assertThat(ManagementApi.percentDecode("%E2%82%AC")).isEqualTo("\u20ac");
  }

  @Test
  void framesNeverExceed32KiBAndNeverSplitACharacter() {
    String text = "a".repeat(32_767) + "\u20ac" + "\uD83D\uDE00".repeat(10_000);
    int from = 0;
    StringBuilder joined = new StringBuilder();
    while (from < text.length()) {
      int to = Connection.frameEnd(text, from);
      String frame = text.substring(from, to);
      assertThat(frame.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
          .isLessThanOrEqualTo(Gateway.MAX_FRAME);
      assertThat(Character.isHighSurrogate(frame.charAt(frame.length() - 1))).isFalse();
      joined.append(frame);
      from = to;
    }
    assertThat(joined.toString()).isEqualTo(text);
  }
}
