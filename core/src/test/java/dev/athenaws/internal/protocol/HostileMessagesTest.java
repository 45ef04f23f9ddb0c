package dev.athenaws.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.catalog.QueryCatalog;
import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.internal.catalog.QueryResolver;
import dev.athenaws.testing.HostileMessages;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every hostile message gets its stable code from the decoder or the catalog; nothing throws. */
class HostileMessagesTest {
  private static final ClientMessageDecoder DECODER = new ClientMessageDecoder();
  private static final QueryResolver RESOLVER =
      QueryResolver.catalogOnly(QueryCatalog.cloudTrailExample());

  static List<HostileMessages.Message> corpus() {
    return HostileMessages.all();
  }

  @Test
  void theCorpusHasAtLeastFortyMessages() {
    assertThat(corpus()).hasSizeGreaterThanOrEqualTo(40);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void getsItsStableCode(HostileMessages.Message message) {
    assertThat(codeOf(message.text())).isEqualTo(message.code());
  }

  private static ErrorCode codeOf(String text) {
    DecodeResult result = DECODER.decode(text);
    if (result instanceof DecodeResult.Rejected r) {
      assertThat(r.message()).isNotBlank().hasSizeLessThanOrEqualTo(300);
      return r.code();
    }
    ClientMessage message = ((DecodeResult.Decoded) result).message();
    if (!(message instanceof ClientMessage.QueryRequest q)) {
      return null; // accepted: not hostile after all
    }
    try {
      RESOLVER.resolve(q.query(), q.parameters(), q.sql());
      return null;
    } catch (AthenaWsException e) {
      return e.code();
    }
  }
}
