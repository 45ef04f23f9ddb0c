package dev.athenaws.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cold-start harness once per handler, each in a fresh JVM from the shaded jar: the invocation
 * returns what it should and the wire fakes see exactly the calls and messages expected. No timing
 * is asserted (figures come from {@link ColdStartFigures}, never from tests). Run with priming off
 * and on: priming must not reach the fakes (it talks to no network) nor change any result.
 */
class ColdStartIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ColdStart.Paths paths;

  @BeforeAll
  static void paths() {
    paths = ColdStart.Paths.fromSystemProperties();
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<JsonNode> messages(ColdStart.Run run) {
    List<JsonNode> out = new ArrayList<>();
    run.observed().messages().forEach(m -> out.add(read(m)));
    return out;
  }

  private static List<String> types(ColdStart.Run run) {
    return messages(run).stream().map(m -> m.path("type").asText()).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"off", "init"})
  void connectIsAccepted(String prime) {
    ColdStart.Run run = ColdStart.run(ColdStart.Case.CONNECT, prime, 1, paths);

    assertThat(read(run.output()).path("statusCode").asInt()).isEqualTo(200);
    assertThat(run.observed()).isEqualTo(new ColdStart.Observed(0, 0, 0, 0, List.of()));
    assertThat(run.invokeMillis()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"off", "init"})
  void queryInStepFunctionsModeStartsOneExecutionAndAcknowledges(String prime) {
    ColdStart.Run run = ColdStart.run(ColdStart.Case.QUERY_STEPFUNCTIONS, prime, 1, paths);

    assertThat(read(run.output()).path("statusCode").asInt()).isEqualTo(200);
    assertThat(run.observed().stateMachineStarts()).isEqualTo(1);
    // The route starts the query itself (its accepted carries the id and the resume token); the
    // workflow's .sync start joins it by ClientRequestToken.
    assertThat(run.observed().athenaStarts()).isEqualTo(1);
    assertThat(messages(run)).hasSize(1);
    assertThat(messages(run).get(0).path("type").asText()).isEqualTo("accepted");
    assertThat(messages(run).get(0).path("requestId").asText()).isEqualTo("r1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"off", "init"})
  void queryInInlineModeRunsAndPushesTheRows(String prime) {
    ColdStart.Run run = ColdStart.run(ColdStart.Case.QUERY_INLINE, prime, 1, paths);

    assertThat(read(run.output()).path("statusCode").asInt()).isEqualTo(200);
    assertThat(run.observed().athenaStarts()).isEqualTo(1);
    assertThat(run.observed().athenaResultCalls()).isEqualTo(1);
    assertThat(run.observed().stateMachineStarts()).isZero();
    List<String> types = types(run);
    assertThat(types.get(0)).isEqualTo("accepted");
    assertThat(types)
        .containsOnly("accepted", "progress", "rows", "complete")
        .endsWith("rows", "complete");
    JsonNode complete = messages(run).get(types.size() - 1);
    assertThat(complete.path("rowCount").asInt()).isEqualTo(ColdStart.INLINE_ROWS);
    assertThat(messages(run).get(types.size() - 2).path("results")).hasSize(ColdStart.INLINE_ROWS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"off", "init"})
  void pushPublishesEveryPageOnce(String prime) {
    ColdStart.Run run = ColdStart.run(ColdStart.Case.PUSH, prime, 1, paths);

    int rows = ColdStart.PUSH_PAGES * ColdStart.PUSH_ROWS_PER_PAGE;
    JsonNode out = read(run.output());
    assertThat(out.path("done").asBoolean()).isTrue();
    assertThat(out.path("rowCount").asInt()).isEqualTo(rows);
    // The execution came with the input: no status call; one GetQueryResults per page.
    assertThat(run.observed().athenaStatusCalls()).isZero();
    assertThat(run.observed().athenaResultCalls()).isEqualTo(ColdStart.PUSH_PAGES);
    List<JsonNode> messages = messages(run);
    assertThat(types(run)).first().isEqualTo("progress"); // the query's end, before the rows
    assertThat(types(run)).last().isEqualTo("complete");
    List<Integer> ids = new ArrayList<>();
    List<JsonNode> chunks = new ArrayList<>(messages.subList(1, messages.size() - 1));
    // Several posts in flight may arrive out of order: the client orders them by seq.
    chunks.sort(java.util.Comparator.comparingInt(m -> m.path("seq").asInt()));
    for (JsonNode m : chunks) {
      assertThat(m.path("type").asText()).isEqualTo("rows");
      m.path("results").forEach(r -> ids.add(r.path("id").asInt()));
    }
    assertThat(ids).hasSize(rows).isSorted().doesNotHaveDuplicates();
    assertThat(messages.get(messages.size() - 1).path("rowCount").asInt()).isEqualTo(rows);
  }
}
