package dev.athenaws.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.retry.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The interpreter's semantics on small definitions, with scripted tasks and virtual time. */
class InterpreterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FN = "arn:aws:lambda:us-east-1:000000000000:function:f";
  private static final String SYNC = "arn:aws:states:::athena:startQueryExecution.sync";

  private final VirtualTime time = new VirtualTime(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<String> errors = new ArrayList<>();
  private final List<JsonNode> inputs = new ArrayList<>();
  private final List<Instant> deadlines = new ArrayList<>();

  /** Fails with the next scripted error, if any, else answers {"id":"q1"}. */
  private final Interpreter.Tasks tasks =
      (task, input, deadline, stop) -> {
        inputs.add(input);
        deadlines.add(deadline);
        if (!errors.isEmpty()) {
          throw new WorkflowFailure(errors.remove(0), "cause " + inputs.size());
        }
        return JSON.createObjectNode().put("id", "q1");
      };

  private JsonNode run(String definition, String input) throws Exception {
    JsonNode in = JSON.readTree(json(input));
    return new Interpreter(Definition.parse(json(definition), Set.of(FN)), tasks, time, time)
        .run(in, context(in), new StopSignal());
  }

  private ContextObject context(JsonNode input) {
    return new ContextObject(
        "arn:aws:states:us-east-1:000000000000:execution:sm:e1",
        "e1",
        input,
        time.instant(),
        "arn:aws:states:us-east-1:000000000000:stateMachine:sm");
  }

  /** Definitions are written with ' for " to keep them readable. */
  private static String json(String s) {
    return s.replace('\'', '"');
  }

  @Test
  void parametersResultSelectorResultPathAndOutputPath() throws Exception {
    JsonNode out =
        run(
            "{'StartAt':'T','States':{"
                + "'T':{'Type':'Task','Resource':'"
                + FN
                + "','InputPath':'$.in',"
                + "'Parameters':{'sql.$':'$.q','fixed':{'n':1},'ctx':{'db.$':'$.db'}},"
                + "'ResultSelector':{'queryExecutionId.$':'$.id'},'ResultPath':'$.started.x','Next':'L'},"
                + "'L':{'Type':'Pass','Parameters':{'state.$':'States.JsonMerge($, $.started.x, false)'},"
                + "'OutputPath':'$.state','End':true}}}",
            "{'in':{'q':'SELECT 1','db':'reports'},'keep':true}");
    assertThat(inputs.get(0).toString())
        .isEqualTo(json("{'sql':'SELECT 1','fixed':{'n':1},'ctx':{'db':'reports'}}"));
    // ResultPath writes into the raw input (not the InputPath selection); the merge lifts the id.
    assertThat(out.toString())
        .isEqualTo(
            json(
                "{'in':{'q':'SELECT 1','db':'reports'},'keep':true,"
                    + "'started':{'x':{'queryExecutionId':'q1'}},'queryExecutionId':'q1'}"));
  }

  @Test
  void resultPathNullKeepsTheInputAndDollarReplacesIt() throws Exception {
    assertThat(
            run(
                    "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'"
                        + FN
                        + "','ResultPath':null,'End':true}}}",
                    "{'a':1}")
                .toString())
        .isEqualTo("{\"a\":1}");
    assertThat(
            run(
                    "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'"
                        + FN
                        + "','End':true}}}",
                    "{'a':1}")
                .path("id")
                .asText())
        .isEqualTo("q1");
  }

  @Test
  void choiceIsPresentBooleanEqualsAndNoMatch() throws Exception {
    String def =
        "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':["
            + "{'Variable':'$.list[0]','IsPresent':true,'Next':'Has'},"
            + "{'Variable':'$.done','BooleanEquals':false,'Next':'NotDone'}]},"
            + "'Has':{'Type':'Pass','Result':'has','ResultPath':'$.r','End':true},"
            + "'NotDone':{'Type':'Pass','Result':'not done','ResultPath':'$.r','End':true}}}";
    assertThat(run(def, "{'list':[7]}").path("r").asText()).isEqualTo("has");
    assertThat(run(def, "{'list':[],'done':false}").path("r").asText()).isEqualTo("not done");
    assertThatThrownBy(() -> run(def, "{'list':[],'done':true}"))
        .isInstanceOfSatisfying(
            WorkflowFailure.class, f -> assertThat(f.error).isEqualTo("States.NoChoiceMatched"));
    // BooleanEquals on a missing variable is a runtime error, not a silent "false".
    assertThatThrownBy(() -> run(def, "{}"))
        .isInstanceOfSatisfying(
            WorkflowFailure.class, f -> assertThat(f.error).isEqualTo("States.Runtime"));
  }

  @Test
  void retryWaitsIntervalTimesBackoffInVirtualTime() throws Exception {
    errors.addAll(
        List.of(
            "Athena.TooManyRequestsException",
            "Athena.InternalServerException",
            "Athena.TooManyRequestsException"));
    JsonNode out = run(startWithRetry(), "{}");
    assertThat(out.path("id").asText()).isEqualTo("q1");
    assertThat(time.sleeps())
        .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
    assertThat(inputs).hasSize(4);
  }

  @Test
  void retriesStopAtMaxAttemptsThenTheCatchPutsTheErrorAtItsResultPath() throws Exception {
    for (int i = 0; i < 6; i++) {
      errors.add("Athena.TooManyRequestsException");
    }
    JsonNode out = run(startWithRetry(), "{'a':1}");
    assertThat(time.sleeps())
        .containsExactly(
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(16),
            Duration.ofSeconds(32));
    assertThat(out.toString())
        .isEqualTo(
            json(
                "{'a':1,'error':{'Error':'Athena.TooManyRequestsException','Cause':'cause 6'},'caught':1}"));
  }

  @Test
  void anErrorNoRetrierMatchesIsCaughtAtOnce() throws Exception {
    errors.add("States.TaskFailed");
    JsonNode out = run(startWithRetry(), "{}");
    assertThat(time.sleeps()).isEmpty();
    assertThat(out.at("/error/Error").asText()).isEqualTo("States.TaskFailed");
  }

  private static String startWithRetry() {
    return "{'StartAt':'S','States':{'S':{'Type':'Task','Resource':'"
        + FN
        + "',"
        + "'Retry':[{'ErrorEquals':['Athena.TooManyRequestsException',"
        + "'Athena.InternalServerException'],'IntervalSeconds':2,'MaxAttempts':5,'BackoffRate':2}],"
        + "'Catch':[{'ErrorEquals':['States.ALL'],'ResultPath':'$.error','Next':'Caught'}],"
        + "'End':true},'Caught':{'Type':'Pass','Result':1,'ResultPath':'$.caught','End':true}}}";
  }

  @Test
  void failTakesErrorAndCauseFromPathsOrText() {
    errors.add("Boom");
    String def =
        "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'"
            + FN
            + "',"
            + "'Catch':[{'ErrorEquals':['States.ALL'],'ResultPath':'$.error','Next':'F'}],'End':true},"
            + "'F':{'Type':'Fail','ErrorPath':'$.error.Error','CausePath':'$.error.Cause'}}}";
    assertThatThrownBy(() -> run(def, "{}"))
        .isInstanceOfSatisfying(
            WorkflowFailure.class,
            f -> {
              assertThat(f.error).isEqualTo("Boom");
              assertThat(f.cause).isEqualTo("cause 1");
            });
    assertThatThrownBy(
            () ->
                run(
                    "{'StartAt':'F','States':{'F':{'Type':'Fail','Error':'E'," + "'Cause':'C'}}}",
                    "{}"))
        .isInstanceOfSatisfying(
            WorkflowFailure.class,
            f -> {
              assertThat(f.error).isEqualTo("E");
              assertThat(f.cause).isEqualTo("C");
            });
  }

  @Test
  void runtimeErrorsAreNeitherRetriedNorCaught() {
    // ResultPath through a string: States.Runtime, which States.ALL does not catch.
    String def =
        "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'"
            + FN
            + "',"
            + "'ResultPath':'$.a.b','Catch':[{'ErrorEquals':['States.ALL'],'Next':'X'}],'End':true},"
            + "'X':{'Type':'Succeed'}}}";
    assertThatThrownBy(() -> run(def, "{'a':'text'}"))
        .isInstanceOfSatisfying(
            WorkflowFailure.class, f -> assertThat(f.error).isEqualTo("States.Runtime"));
  }

  @Test
  void taskTimeoutIsTheDeadlineAndTheExecutionTimeoutEndsTheRun() {
    String def =
        "{'StartAt':'T','TimeoutSeconds':60,'States':{'T':{'Type':'Task','Resource':'"
            + SYNC
            + "','Parameters':{'QueryString':'x'},'TimeoutSeconds':30,'Next':'W'},"
            + "'W':{'Type':'Task','Resource':'"
            + FN
            + "','Next':'T'}}}";
    Interpreter.Tasks slow =
        (task, input, deadline, stop) -> {
          deadlines.add(deadline);
          time.advance(Duration.ofSeconds(25));
          return JSON.createObjectNode();
        };
    Interpreter i = new Interpreter(Definition.parse(json(def), Set.of(FN)), slow, time, time);
    assertThatThrownBy(
            () ->
                i.run(JSON.createObjectNode(), context(JSON.createObjectNode()), new StopSignal()))
        .isInstanceOfSatisfying(
            WorkflowFailure.class, f -> assertThat(f.error).isEqualTo("States.Timeout"));
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(deadlines.get(0)).isEqualTo(start.plusSeconds(30));
    // Third task: the execution's deadline comes first.
    assertThat(deadlines.get(2)).isEqualTo(start.plusSeconds(60));
    assertThat(deadlines).hasSize(3);
  }

  @Test
  void theContextObjectInPassAndTaskParameters() throws Exception {
    time.advance(Duration.ofMillis(123));
    JsonNode out =
        run(
            "{'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{"
                + "'arn.$':'$$.Execution.Id','name.$':'$$.Execution.Name',"
                + "'start.$':'$$.Execution.StartTime','input.$':'$$.Execution.Input.a',"
                + "'machine.$':'$$.StateMachine','state.$':'$$.State.Name',"
                + "'entered.$':'$$.State.EnteredTime'},'ResultPath':'$.execution','Next':'T'},"
                + "'T':{'Type':'Task','Resource':'"
                + FN
                + "','Parameters':{'exec.$':'$$.Execution.Id','state.$':'$$.State.Name'},"
                + "'ResultSelector':{'id.$':'$.id','by.$':'$$.State.Name'},"
                + "'ResultPath':'$.task','End':true}}}",
            "{'a':{'b':2}}");
    assertThat(out.get("execution").toString())
        .isEqualTo(
            json(
                "{'arn':'arn:aws:states:us-east-1:000000000000:execution:sm:e1','name':'e1',"
                    + "'start':'2026-01-01T00:00:00.123Z','input':{'b':2},"
                    + "'machine':{'Id':'arn:aws:states:us-east-1:000000000000:stateMachine:sm',"
                    + "'Name':'sm'},'state':'P','entered':'2026-01-01T00:00:00.123Z'}"));
    assertThat(inputs.get(0).toString())
        .isEqualTo(
            json("{'exec':'arn:aws:states:us-east-1:000000000000:execution:sm:e1','state':'T'}"));
    assertThat(out.get("task").toString()).isEqualTo(json("{'id':'q1','by':'T'}"));
  }

  @Test
  void aMissingContextInputPathIsStatesRuntime() {
    assertThatThrownBy(
            () ->
                run(
                    "{'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{"
                        + "'x.$':'$$.Execution.Input.missing'},'End':true}}}",
                    "{}"))
        .isInstanceOfSatisfying(
            WorkflowFailure.class, f -> assertThat(f.error).isEqualTo("States.Runtime"));
  }
}
