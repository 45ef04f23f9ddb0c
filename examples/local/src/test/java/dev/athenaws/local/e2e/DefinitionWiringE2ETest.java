package dev.athenaws.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.athenaws.lambda.workflow.PushWorkflowDefinition;
import dev.athenaws.local.LocalStack;
import dev.athenaws.local.data.CloudTrailData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stepfunctions mode runs the deployed definition: queries run in the configured database
 * through its QueryExecutionContext, and a wiring mistake in the definition breaks the flow here
 * (before, the local endpoint ran a Java copy of the workflow and such mistakes passed).
 */
class DefinitionWiringE2ETest {
  private static final String DATABASE = "reports";

  @TempDir Path dir;

  @Test
  void queriesRunInTheConfiguredDatabase() throws Exception {
    try (LocalStack stack = Stacks.start("--events", "2000", "--database", DATABASE)) {
      // The sample table is only in "reports": a start without the context would not find it.
      assertThat(tablesIn(stack, "default")).isZero();
      assertThat(tablesIn(stack, DATABASE)).isOne();
      Result r = Result.of(query(stack));
      assertThat(r.complete().path("rowCount").asLong()).isEqualTo(r.rows().size());
    }
  }

  @Test
  void aDefinitionWithoutTheDatabaseFailsTheQuery() throws Exception {
    Path definition =
        mutated(
            states -> {
              for (String start :
                  List.of(
                      PushWorkflowDefinition.START, PushWorkflowDefinition.START_WITH_PARAMETERS)) {
                ((ObjectNode) states.path(start).path("Parameters"))
                    .remove("QueryExecutionContext");
              }
            });
    try (LocalStack stack =
        Stacks.start(
            "--events",
            "2000",
            "--database",
            DATABASE,
            "--state-machine-definition",
            definition.toString())) {
      JsonNode last = last(query(stack));
      assertThat(last.path("type").asText()).isEqualTo("error");
      // The route started the query in the configured database; the state machine's start, with
      // the same ClientRequestToken but without the database, is refused by Athena (a token
      // reused with other parameters): a deployment fault, INTERNAL for the client.
      assertThat(last.path("code").asText()).isEqualTo("INTERNAL");
    }
  }

  @Test
  void aQueryIdLiftedToTheWrongPlaceReachesTheClientAsAnError() throws Exception {
    // The start keeps the id under another name: Lift query id no longer puts queryExecutionId at
    // the top level, the push task fails, the Catch reports it to the client.
    Path definition =
        mutated(
            states -> {
              for (String start :
                  List.of(
                      PushWorkflowDefinition.START, PushWorkflowDefinition.START_WITH_PARAMETERS)) {
                ObjectNode selector = (ObjectNode) states.path(start).path("ResultSelector");
                selector.set("queryId.$", selector.remove("queryExecutionId.$"));
              }
            });
    try (LocalStack stack =
        Stacks.start(
            "--events",
            "2000",
            "--database",
            DATABASE,
            "--state-machine-definition",
            definition.toString())) {
      List<JsonNode> messages = query(stack);
      JsonNode last = last(messages);
      assertThat(last.path("type").asText()).isEqualTo("error");
      assertThat(last.path("code").asText()).isEqualTo("INTERNAL");
      assertThat(messages).noneMatch(m -> m.path("type").asText().equals("rows"));
    }
  }

  private static List<JsonNode> query(LocalStack stack) {
    try (WsClient c = WsClient.connect(stack.webSocketUri())) {
      c.send("{\"action\":\"query\"}");
      c.expect("accepted", FlowScenarios.WAIT);
      return c.untilDone(FlowScenarios.WAIT);
    }
  }

  private static JsonNode last(List<JsonNode> messages) {
    return messages.get(messages.size() - 1);
  }

  /** The deployed definition (function placeholder, database "reports"), changed. */
  private Path mutated(Consumer<JsonNode> change) throws Exception {
    ObjectNode tree =
        PushWorkflowDefinition.inAws(
                PushWorkflowDefinition.PUSH_FUNCTION_PLACEHOLDER,
                "primary",
                DATABASE,
                Optional.empty(),
                Duration.ofMinutes(30))
            .toTree();
    change.accept(tree.path("States"));
    return Files.writeString(dir.resolve("definition.json"), tree.toString());
  }

  private static int tablesIn(LocalStack stack, String schema) throws Exception {
    try (Connection c = stack.athena().openConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT count(*) FROM information_schema.tables WHERE "
                    + "table_schema = '"
                    + schema
                    + "' AND table_name = '"
                    + CloudTrailData.TABLE
                    + "'")) {
      r.next();
      return r.getInt(1);
    }
  }
}
