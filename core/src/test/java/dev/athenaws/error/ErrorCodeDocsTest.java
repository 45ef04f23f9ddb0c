package dev.athenaws.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every stable error code is documented where clients look for it: the AsyncAPI document's enum,
 * the protocol page's table and the web client's type, and none of them names a code the server
 * does not have.
 */
class ErrorCodeDocsTest {
  private static final Set<String> CODES =
      Arrays.stream(ErrorCode.values())
          .map(Enum::name)
          .collect(Collectors.toCollection(LinkedHashSet::new));

  @Test
  void theAsyncApiEnumListsExactlyTheCodes() throws IOException {
    String yaml = Files.readString(Path.of("../docs/asyncapi.yaml"));
    Matcher m = Pattern.compile("enum: \\[(BAD_REQUEST[^\\]]*)\\]").matcher(yaml);
    assertThat(m.find()).as("the error code enum in asyncapi.yaml").isTrue();
    assertThat(Arrays.stream(m.group(1).split(",")).map(String::trim))
        .containsExactlyInAnyOrderElementsOf(CODES);
  }

  @Test
  void theWebClientsTypeNamesExactlyTheCodes() throws IOException {
    String ts = Files.readString(Path.of("../examples/web/src/protocol/messages.ts"));
    Matcher block = Pattern.compile("ServerErrorCode =([^;]*);").matcher(ts);
    assertThat(block.find()).as("ServerErrorCode in messages.ts").isTrue();
    Matcher code = Pattern.compile("'([A-Z_]+)'").matcher(block.group(1));
    Set<String> named = new LinkedHashSet<>();
    while (code.find()) {
      named.add(code.group(1));
    }
    assertThat(named).containsExactlyInAnyOrderElementsOf(CODES);
  }

  @Test
  void theProtocolPageHasARowForEveryCode() throws IOException {
    String md = Files.readString(Path.of("../docs/protocol.md"));
    for (String c : CODES) {
      assertThat(md).as(c).containsPattern("\\| `" + c + "` \\|");
    }
  }
}
