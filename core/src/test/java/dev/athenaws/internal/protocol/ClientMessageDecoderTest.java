package dev.athenaws.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.error.ErrorCode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientMessageDecoderTest {
  private final ClientMessageDecoder decoder = new ClientMessageDecoder();

  private ClientMessage decoded(String json) {
    DecodeResult r = decoder.decode(json);
    assertThat(r).isInstanceOf(DecodeResult.Decoded.class);
    return ((DecodeResult.Decoded) r).message();
  }

  private DecodeResult.Rejected rejected(String json) {
    DecodeResult r = decoder.decode(json);
    assertThat(r).isInstanceOf(DecodeResult.Rejected.class);
    DecodeResult.Rejected rej = (DecodeResult.Rejected) r;
    assertThat(rej.message()).hasSizeLessThanOrEqualTo(300);
    return rej;
  }

  @Test
  void bareQueryRunsTheDefaultQuery() {
    assertThat(decoded("{\"action\":\"query\"}"))
        .isEqualTo(new ClientMessage.QueryRequest(null, null, Map.of(), null));
  }

  @Test
  void fullQueryRequest() {
    ClientMessage m =
        decoded(
            "{\"action\":\"query\",\"requestId\":\"r-1.a:b_c\",\"query\":\"byRegion\","
                + "\"parameters\":{\"region\":\"eu-west-1\",\"limit\":10,\"ratio\":1.50,"
                + "\"big\":1e3,\"flag\":true,\"off\":false,\"none\":null},\"sql\":\"SELECT 1\"}");
    ClientMessage.QueryRequest q = (ClientMessage.QueryRequest) m;
    assertThat(q.requestId()).isEqualTo("r-1.a:b_c");
    assertThat(q.query()).isEqualTo("byRegion");
    assertThat(q.sql()).isEqualTo("SELECT 1");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("region", "eu-west-1");
    expected.put("limit", new BigDecimal("10"));
    expected.put("ratio", new BigDecimal("1.50"));
    expected.put("big", new BigDecimal("1e3"));
    expected.put("flag", true);
    expected.put("off", false);
    expected.put("none", null);
    assertThat(q.parameters()).containsExactlyEntriesOf(expected);
    assertThat(((BigDecimal) q.parameters().get("ratio")).scale()).isEqualTo(2);
  }

  @ParameterizedTest
  @CsvSource({
    "'{\"action\":\"query\"}', ROWS",
    "'{\"action\":\"query\",\"delivery\":null}', ROWS",
    "'{\"action\":\"query\",\"delivery\":\"rows\"}', ROWS",
    "'{\"action\":\"query\",\"delivery\":\"link\"}', LINK",
  })
  void deliveryIsRowsUnlessTheClientAsksForALink(String json, Delivery expected) {
    assertThat(((ClientMessage.QueryRequest) decoded(json)).delivery()).isEqualTo(expected);
  }

  @Test
  void aBadDeliveryStillEchoesTheRequestIdThatFollows() {
    DecodeResult.Rejected r =
        rejected("{\"action\":\"query\",\"delivery\":\"ftp\",\"requestId\":\"r9\"}");
    assertThat(r.field()).isEqualTo("delivery");
    assertThat(r.requestId()).isEqualTo("r9");
  }

  @Test
  void parametersAreUnmodifiable() {
    ClientMessage.QueryRequest q =
        (ClientMessage.QueryRequest) decoded("{\"action\":\"query\",\"parameters\":{\"a\":\"x\"}}");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> q.parameters().put("b", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void listQueries() {
    assertThat(decoded("{\"requestId\":\"r2\",\"action\":\"listQueries\"}"))
        .isEqualTo(new ClientMessage.ListQueriesRequest("r2"));
  }

  @Test
  void nullOptionalFieldsAreAbsent() {
    assertThat(
            decoded(
                "{\"action\":\"query\",\"requestId\":null,\"query\":null,\"sql\":null,"
                    + "\"parameters\":null}"))
        .isEqualTo(new ClientMessage.QueryRequest(null, null, Map.of(), null));
  }

  @Test
  void unknownTopLevelFieldsAreIgnored() {
    assertThat(
            decoded(
                " {\"v\":2,\"action\":\"query\",\"extra\":{\"a\":[1,{\"b\":null}]},\"x\":[]}\n"))
        .isEqualTo(new ClientMessage.QueryRequest(null, null, Map.of(), null));
  }

  // "at character N": the 0-based offset Jackson reports; for an unrecognized token it is the
  // token's first character since jackson-core 2.21 (before: its end), jackson-core issue #1180.
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "not json|BAD_REQUEST||Message is not valid JSON (at character 0).",
        "[1]|BAD_REQUEST||Message must be a JSON object.",
        "\"query\"|BAD_REQUEST||Message must be a JSON object.",
        "{}|BAD_REQUEST|action|Message has no field 'action'; expected \"query\", \"listQueries\", \"cancel\", \"resume\" or \"ping\".",
        "{\"action\":1}|BAD_REQUEST|action|Field 'action' must be a string.",
        "{\"action\":null}|BAD_REQUEST|action|Message has no field 'action'; expected \"query\", \"listQueries\", \"cancel\", \"resume\" or \"ping\".",
        "{\"action\":\"drop\"}|BAD_REQUEST|action|Unknown action 'drop'; expected \"query\", \"listQueries\", \"cancel\", \"resume\" or \"ping\".",
        "{\"action\":\"query\",\"query\":5}|BAD_REQUEST|query|Field 'query' must be a string.",
        "{\"action\":\"query\",\"sql\":[]}|BAD_REQUEST|sql|Field 'sql' must be a string.",
        "{\"action\":\"query\",\"delivery\":\"LINK\"}|BAD_REQUEST|delivery|Field 'delivery' must be \"rows\" or \"link\".",
        "{\"action\":\"query\",\"delivery\":\"\"}|BAD_REQUEST|delivery|Field 'delivery' must be \"rows\" or \"link\".",
        "{\"action\":\"query\",\"delivery\":\"email\"}|BAD_REQUEST|delivery|Field 'delivery' must be \"rows\" or \"link\".",
        "{\"action\":\"query\",\"delivery\":true}|BAD_REQUEST|delivery|Field 'delivery' must be \"rows\" or \"link\".",
        "{\"action\":\"query\",\"delivery\":1}|BAD_REQUEST|delivery|Field 'delivery' must be \"rows\" or \"link\".",
        "{\"action\":\"query\",\"delivery\":[\"link\"]}|BAD_REQUEST|delivery|Field 'delivery' must be \"rows\" or \"link\".",
        "{\"action\":\"query\",\"delivery\":{\"v\":\"link\"}}|BAD_REQUEST|delivery|Field 'delivery' must be \"rows\" or \"link\".",
        "{\"action\":\"query\",\"requestId\":7}|BAD_REQUEST|requestId|Field 'requestId' must be a string matching [A-Za-z0-9._:-]{1,64}.",
        "{\"action\":\"query\",\"requestId\":\"a b\"}|BAD_REQUEST|requestId|Field 'requestId' must be a string matching [A-Za-z0-9._:-]{1,64}.",
        "{\"action\":\"query\",\"requestId\":\"\"}|BAD_REQUEST|requestId|Field 'requestId' must be a string matching [A-Za-z0-9._:-]{1,64}.",
        "{\"action\":\"query\",\"parameters\":[]}|INVALID_PARAMETER|parameters|Field 'parameters' must be a JSON object.",
        "{\"action\":\"query\",\"parameters\":\"a=1\"}|INVALID_PARAMETER|parameters|Field 'parameters' must be a JSON object.",
        "{\"action\":\"query\",\"parameters\":{\"p\":{}}}|INVALID_PARAMETER|p|Parameter 'p' must be a string, number, boolean or null, not an object or array.",
        "{\"action\":\"query\",\"parameters\":{\"p\":[1]}}|INVALID_PARAMETER|p|Parameter 'p' must be a string, number, boolean or null, not an object or array.",
        "{\"action\":\"query\",\"parameters\":{\"p\":1e999999999}}|INVALID_PARAMETER|p|Parameter 'p' is a number out of range.",
        "{\"action\":\"query\",\"action\":\"query\"}|BAD_REQUEST||Message has a duplicate field 'action'.",
        "{\"action\":\"query\",\"parameters\":{\"a\":1,\"a\":2}}|BAD_REQUEST||Message has a duplicate field 'a'.",
        "{\"action\":\"query\"} x|BAD_REQUEST||Message is not valid JSON (at character 19).",
        "{\"action\":\"query\"} {}|BAD_REQUEST||Message has content after the JSON object.",
        "{\"action\":\"query\"}}|BAD_REQUEST||Message is not valid JSON (at character 18).",
        "{\"action\":\"query\"|BAD_REQUEST||Message is not valid JSON (at character 17).",
        "{\"action\":\"query\",\"query\":\"\\ud800\"}|BAD_REQUEST|query|Field 'query' contains invalid Unicode (an unpaired surrogate).",
        "{\"action\":\"query\",\"parameters\":{\"p\":\"\\udc00x\"}}|INVALID_PARAMETER|p|Parameter 'p' contains invalid Unicode (an unpaired surrogate).",
      })
  void rejections(String json, ErrorCode code, String field, String message) {
    DecodeResult.Rejected r = rejected(json);
    assertThat(r).isEqualTo(new DecodeResult.Rejected(code, message, null, field));
  }

  @Test
  void nullAndEmptyInput() {
    assertThat(rejected(null).code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(rejected("").message()).isEqualTo("Message is empty; expected a JSON object.");
    assertThat(rejected("   ").message()).isEqualTo("Message must be a JSON object.");
  }

  @Test
  void requestIdIsEchoedEvenWhenItComesAfterTheFault() {
    DecodeResult.Rejected r = rejected("{\"action\":\"nope\",\"requestId\":\"r9\"}");
    assertThat(r.requestId()).isEqualTo("r9");
    r = rejected("{\"parameters\":{\"p\":[]},\"requestId\":\"r8\",\"action\":\"query\"}");
    assertThat(r)
        .isEqualTo(
            new DecodeResult.Rejected(
                ErrorCode.INVALID_PARAMETER,
                "Parameter 'p' must be a string, number, boolean or null, not an object or array.",
                "r8",
                "p"));
    r = rejected("{\"requestId\":\"r7\",\"action\":\"query\",[");
    assertThat(r.requestId()).isEqualTo("r7");
  }

  @Test
  void firstFaultWins() {
    DecodeResult.Rejected r = rejected("{\"query\":1,\"action\":2}");
    assertThat(r.field()).isEqualTo("query");
  }

  @Test
  void echoIsCutTo64CharsAndSanitised() {
    String action = "\u0001" + "x".repeat(200);
    DecodeResult.Rejected r =
        rejected("{\"action\":\"" + action.replace("\u0001", "\\u0001") + "\"}");
    assertThat(r.message())
        .isEqualTo(
            "Unknown action '?"
                + "x".repeat(63)
                + "...'; expected \"query\", \"listQueries\", \"cancel\", \"resume\" or \"ping\".");
  }

  @Test
  void messageSizeLimit() {
    String pad = " ".repeat(DecoderLimits.DEFAULT_MAX_MESSAGE_CHARS - 18);
    assertThat(decoded("{\"action\":\"query\"}" + pad))
        .isInstanceOf(ClientMessage.QueryRequest.class);
    DecodeResult.Rejected r = rejected("{\"action\":\"query\"}" + pad + " ");
    assertThat(r.message())
        .isEqualTo("Message is too large: 131073 characters, the limit is 131072.");
    assertThat(r.code()).isEqualTo(ErrorCode.BAD_REQUEST);
  }

  @Test
  void stringLimits() {
    String ok = "q".repeat(4096);
    assertThat(
            ((ClientMessage.QueryRequest)
                    decoded("{\"action\":\"query\",\"query\":\"" + ok + "\"}"))
                .query())
        .isEqualTo(ok);
    assertThat(rejected("{\"action\":\"query\",\"query\":\"" + ok + "q\"}").message())
        .isEqualTo("Field 'query' is too long: 4097 characters, the limit is 4096.");
    assertThat(rejected("{\"action\":\"query\",\"parameters\":{\"p\":\"" + ok + "q\"}}"))
        .isEqualTo(
            new DecodeResult.Rejected(
                ErrorCode.INVALID_PARAMETER,
                "Parameter 'p' is too long: 4097 characters, the limit is 4096.",
                null,
                "p"));
    String sql = "s".repeat(100_000);
    assertThat(
            ((ClientMessage.QueryRequest) decoded("{\"action\":\"query\",\"sql\":\"" + sql + "\"}"))
                .sql())
        .isEqualTo(sql);
    ClientMessageDecoder small =
        new ClientMessageDecoder(
            new DecoderLimits(1000, 10, 20, 8, 64, 64, DecoderLimits.DEFAULT_REQUEST_ID_PATTERN));
    assertThat(small.decode("{\"action\":\"query\",\"sql\":\"" + "s".repeat(21) + "\"}"))
        .isEqualTo(
            new DecodeResult.Rejected(
                ErrorCode.BAD_REQUEST,
                "Field 'sql' is too long: 21 characters, the limit is 20.",
                null,
                "sql"));
  }

  @Test
  void requestIdOf64CharsIsAcceptedAnd65Refused() {
    String id = "a".repeat(64);
    assertThat(decoded("{\"action\":\"listQueries\",\"requestId\":\"" + id + "\"}").requestId())
        .isEqualTo(id);
    assertThat(rejected("{\"action\":\"listQueries\",\"requestId\":\"" + id + "a\"}").field())
        .isEqualTo("requestId");
  }

  @Test
  void depthLimit() {
    // depth 1 = the message object; 8 levels are allowed, 9 refused
    String ok = "{\"action\":\"query\",\"x\":" + "[".repeat(7) + "]".repeat(7) + "}";
    assertThat(decoded(ok)).isInstanceOf(ClientMessage.QueryRequest.class);
    String deep =
        "{\"action\":\"query\",\"requestId\":\"r1\",\"x\":" + "[".repeat(8) + "]".repeat(8) + "}";
    assertThat(rejected(deep))
        .isEqualTo(
            new DecodeResult.Rejected(
                ErrorCode.BAD_REQUEST,
                "Message is nested too deeply: the limit is 8 levels.",
                "r1",
                null));
    assertThat(rejected("{\"a\":[".repeat(20_000)).message())
        .isEqualTo("Message is nested too deeply: the limit is 8 levels.");
  }

  @Test
  void parameterCountAndNameLimits() {
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      entries.add("\"p" + i + "\":" + i);
    }
    String ok = "{\"action\":\"query\",\"parameters\":{" + String.join(",", entries) + "}}";
    assertThat(((ClientMessage.QueryRequest) decoded(ok)).parameters()).hasSize(64);
    entries.add("\"p64\":1");
    String tooMany = "{\"action\":\"query\",\"parameters\":{" + String.join(",", entries) + "}}";
    assertThat(rejected(tooMany))
        .isEqualTo(
            new DecodeResult.Rejected(
                ErrorCode.BAD_REQUEST,
                "Too many parameters: the limit is 64.",
                null,
                "parameters"));
    String longName = "n".repeat(65);
    assertThat(rejected("{\"action\":\"query\",\"parameters\":{\"" + longName + "\":1}}"))
        .isEqualTo(
            new DecodeResult.Rejected(
                ErrorCode.BAD_REQUEST,
                "Parameter name '"
                    + "n".repeat(64)
                    + "...' is not valid: at most 64 characters of valid Unicode.",
                null,
                "parameters"));
  }

  @Test
  void limitsAreValidated() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new DecoderLimits(0, 1, 1, 8, 1, 1, DecoderLimits.DEFAULT_REQUEST_ID_PATTERN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxMessageChars");
    assertThat(new ClientMessageDecoder().limits()).isEqualTo(DecoderLimits.defaults());
  }

  @Test
  void rejectedConvertsToAnErrorMessage() {
    DecodeResult.Rejected r = rejected("{\"action\":\"x\",\"requestId\":\"r1\"}");
    assertThat(
            new String(
                new MessageEncoder().encode(ServerMessage.Error.of(r)),
                java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"type\":\"error\",\"requestId\":\"r1\",\"code\":\"BAD_REQUEST\","
                + "\"message\":\"Unknown action 'x'; expected \\\"query\\\", \\\"listQueries\\\", \\\"cancel\\\", \\\"resume\\\" or \\\"ping\\\".\","
                + "\"field\":\"action\"}");
  }
}
