package dev.athenaws.lambda.sfn;

import static dev.athenaws.lambda.sfn.Fixtures.connection;
import static dev.athenaws.lambda.sfn.Fixtures.key;
import static dev.athenaws.lambda.sfn.Fixtures.named;
import static dev.athenaws.lambda.sfn.Fixtures.overridden;
import static dev.athenaws.lambda.sfn.Fixtures.statement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.Continuation;
import dev.athenaws.catalog.Statement;
import dev.athenaws.internal.protocol.Delivery;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ExecutionInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void namedQueryHasTheConnectionsEndpointAndSortedParameters() {
    String input = ExecutionInput.of(connection(), "r-1", named(), key());
    assertThat(input)
        .isEqualTo(
            "{\"connection\":{\"connectionId\":\"L0SM9cOFvHcCIhw=\","
                + "\"endpoint\":\"https://abcdef1234.execute-api.eu-west-1.amazonaws.com/dev\"},"
                + "\"requestId\":\"r-1\","
                + "\"query\":{\"name\":\"top_sales\",\"parameters\":{\"all\":false,\"limit\":1000,"
                + "\"min\":0.10,\"region\":\"EU\",\"since\":null}},"
                + "\"clientRequestToken\":\""
                + key().hex()
                + "\"}");
  }

  @Test
  void aLinkRequestAddsDeliveryAndARowsRequestIsUnchanged() throws Exception {
    String rows = ExecutionInput.of(connection(), "r-1", named(), key());
    assertThat(ExecutionInput.of(connection(), "r-1", named(), key(), Delivery.ROWS, null))
        .isEqualTo(rows);
    JsonNode link =
        JSON.readTree(ExecutionInput.of(connection(), "r-1", named(), key(), Delivery.LINK, null));
    assertThat(link.path("delivery").asText()).isEqualTo("link");
    JsonNode withoutDelivery =
        ((com.fasterxml.jackson.databind.node.ObjectNode) link).without("delivery");
    assertThat(withoutDelivery).isEqualTo(JSON.readTree(rows));
  }

  @Test
  void aConnectionWithoutEndpointWritesOnlyItsId() throws Exception {
    JsonNode input =
        JSON.readTree(
            ExecutionInput.of(
                dev.athenaws.notify.Connection.of(Fixtures.CONNECTION_ID),
                null,
                statement(),
                key()));
    assertThat(input.path("connection"))
        .isEqualTo(JSON.readTree("{\"connectionId\":\"L0SM9cOFvHcCIhw=\"}"));
  }

  @Test
  void statementWithOverrideHasEndpointAndNoRequestIdWhenNull() throws Exception {
    JsonNode input = JSON.readTree(ExecutionInput.of(overridden(), null, statement(), key()));
    assertThat(input)
        .isEqualTo(
            JSON.readTree(
                "{\"connection\":{\"connectionId\":\"L0SM9cOFvHcCIhw=\","
                    + "\"endpoint\":\"https://ws.example.com/dev\"},"
                    + "\"query\":{\"sql\":\"SELECT * FROM sales WHERE region = ? AND n > ?\","
                    + "\"executionParameters\":[\"'EU'\",\"10\"],"
                    + "\"resultReuseConfiguration\":"
                    + "{\"ResultReuseByAgeConfiguration\":{\"Enabled\":false}}},"
                    + "\"clientRequestToken\":\""
                    + key().hex()
                    + "\"}"));
    assertThat(input.has("requestId")).isFalse();
  }

  @Test
  void statementWithAQueryNameNamesIt() throws Exception {
    QuerySpec.Rendered s =
        new QuerySpec.Rendered(new Statement("SELECT ?", List.of("'EU'"), "top_sales"));
    JsonNode input = JSON.readTree(ExecutionInput.of(connection(), "r-1", s, key()));
    assertThat(input.get("query"))
        .isEqualTo(
            JSON.readTree(
                "{\"name\":\"top_sales\",\"sql\":\"SELECT ?\",\"executionParameters\":[\"'EU'\"],"
                    + "\"resultReuseConfiguration\":"
                    + "{\"ResultReuseByAgeConfiguration\":{\"Enabled\":false}}}"));
  }

  @Test
  void reuseIsTheStatementsOwnAgeElseTheDeploymentsInAthenasShape() throws Exception {
    Statement own = new Statement("SELECT ?", List.of("'EU'"), "top_sales", Duration.ofMinutes(5));
    Statement none = new Statement("SELECT ?", List.of("'EU'"), "top_sales");
    Duration deployment = Duration.ofMinutes(60);

    assertThat(reuse(own, deployment))
        .isEqualTo(JSON.readTree("{\"Enabled\":true,\"MaxAgeInMinutes\":5}"));
    assertThat(reuse(own, null))
        .isEqualTo(JSON.readTree("{\"Enabled\":true,\"MaxAgeInMinutes\":5}"));
    assertThat(reuse(none, deployment))
        .isEqualTo(JSON.readTree("{\"Enabled\":true,\"MaxAgeInMinutes\":60}"));
    assertThat(reuse(none, null)).isEqualTo(JSON.readTree("{\"Enabled\":false}"));
  }

  private JsonNode reuse(Statement s, Duration deployment) throws Exception {
    String input =
        ExecutionInput.of(
            connection(), "r-1", new QuerySpec.Rendered(s), key(), Delivery.ROWS, deployment);
    return JSON.readTree(input)
        .path("query")
        .path("resultReuseConfiguration")
        .path("ResultReuseByAgeConfiguration");
  }

  @Test
  void runningQueryCarriesItsIdNameAndContinuation() {
    QuerySpec.Running fresh = new QuerySpec.Running("qid-1", null, Continuation.start());
    assertThat(ExecutionInput.of(connection(), null, fresh, key()))
        .contains(
            "\"query\":{\"queryExecutionId\":\"qid-1\",\"continuation\":{\"pageNumber\":1,"
                + "\"nextSeq\":0,\"rowsSoFar\":0,\"chunksSoFar\":0}}");
    QuerySpec.Running resumed =
        new QuerySpec.Running("qid-1", "top_sales", new Continuation("tok", 3, 7, 2000, 7, -1));
    assertThat(ExecutionInput.of(connection(), null, resumed, key()))
        .contains(
            "\"query\":{\"name\":\"top_sales\",\"queryExecutionId\":\"qid-1\",\"continuation\":"
                + "{\"nextToken\":\"tok\",\"pageNumber\":3,\"nextSeq\":7,\"rowsSoFar\":2000,"
                + "\"chunksSoFar\":7}}");
  }

  @Test
  void parameterOrderDoesNotChangeTheInput() {
    Map<String, Object> reversed = new HashMap<>();
    named().parameters().forEach(reversed::put);
    String a = ExecutionInput.of(connection(), "r-1", named(), key());
    String b =
        ExecutionInput.of(connection(), "r-1", new QuerySpec.Named("top_sales", reversed), key());
    assertThat(b).isEqualTo(a);
  }

  @Test
  void inputOfExactlyTheLimitIsAcceptedOneByteMoreIsNot() {
    int base = bytes(ExecutionInput.of(connection(), null, padded("", 'a'), key()));
    int room = ExecutionInput.MAX_BYTES - base;
    assertThat(bytes(ExecutionInput.of(connection(), null, padded("a".repeat(room), 'a'), key())))
        .isEqualTo(262_144);
    assertThatThrownBy(
            () -> ExecutionInput.of(connection(), null, padded("a".repeat(room + 1), 'a'), key()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("execution input is 262145 bytes; Step Functions accepts at most 262144");
  }

  @Test
  void theLimitCountsUtf8BytesNotCharacters() {
    String wide = "\u00e9".repeat(ExecutionInput.MAX_BYTES / 2); // 2 bytes each in UTF-8
    assertThat(wide.length()).isLessThan(ExecutionInput.MAX_BYTES);
    assertThatThrownBy(() -> ExecutionInput.of(connection(), null, padded(wide, 'x'), key()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bytes; Step Functions accepts at most 262144");
  }

  @Property(tries = 300)
  void decimalsAreWrittenInPlainNotation(
      @ForAll long unscaled, @ForAll @IntRange(min = -40, max = 40) int scale) throws Exception {
    BigDecimal d = new BigDecimal(BigInteger.valueOf(unscaled), scale);
    String input =
        ExecutionInput.of(connection(), null, new QuerySpec.Named("q", Map.of("d", d)), key());
    JsonNode node = JSON.readTree(input).at("/query/parameters/d");
    assertThat(node.isNumber()).isTrue();
    assertThat(input).contains("\"d\":" + d.toPlainString() + "}").doesNotContain("E");
  }

  private static QuerySpec padded(String value, char unused) {
    return new QuerySpec.Named("q", Map.of("s", value));
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
