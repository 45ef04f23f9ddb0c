package dev.athenaws.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The context object of an execution, what a {@code $$} path selects (Step Functions developer
 * guide, "Accessing execution data from the Context object"): {@code Execution.Id} (the execution
 * ARN), {@code Execution.Input}, {@code Execution.Name}, {@code Execution.StartTime}, {@code
 * StateMachine.Id}, {@code StateMachine.Name}, {@code State.Name} and {@code State.EnteredTime},
 * times in ISO 8601 with milliseconds as in the guide's example. The guide's other fields ({@code
 * Execution.RoleArn}, {@code Execution.RedriveCount}/{@code RedriveTime}, {@code State.RetryCount},
 * {@code Task.Token}, {@code Map.*}) and whole nodes that would lack them ({@code $$}, {@code
 * $$.Execution}, {@code $$.State}) are refused when the definition is parsed ({@link #check}).
 *
 * <p>Thread-safety: immutable after construction, thread-safe.
 */
final class ContextObject {
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final Map<String, Set<String>> SUPPORTED =
      Map.of(
          "Execution", Set.of("Id", "Input", "Name", "StartTime"),
          "StateMachine", Set.of("Id", "Name"),
          "State", Set.of("Name", "EnteredTime"));

  private final ObjectNode execution;
  private final ObjectNode stateMachine;

  ContextObject(
      String executionArn, String name, JsonNode input, Instant startTime, String stateMachineArn) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    this.execution = f.objectNode().put("Id", executionArn);
    execution.set("Input", input.deepCopy());
    execution.put("Name", name).put("StartTime", ISO_MILLIS.format(startTime));
    this.stateMachine =
        f.objectNode()
            .put("Id", stateMachineArn)
            .put("Name", stateMachineArn.substring(stateMachineArn.lastIndexOf(':') + 1));
  }

  /** The context object as the state {@code name}, entered at {@code entered}, sees it. */
  JsonNode forState(String name, Instant entered) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    // Shared nodes: paths read copies (Paths.read), nothing writes into the context object.
    root.set("Execution", execution);
    root.set("StateMachine", stateMachine);
    root.putObject("State").put("EnteredTime", ISO_MILLIS.format(entered)).put("Name", name);
    return root;
  }

  /**
   * Refuses a context path the local context object does not hold exactly.
   *
   * @param steps the path's steps after {@code $$}
   * @throws DefinitionException naming the path
   */
  static void check(List<String> steps, String path, String where) {
    boolean ok =
        !steps.isEmpty()
            && SUPPORTED.containsKey(steps.get(0))
            && (steps.size() == 1
                ? steps.get(0).equals("StateMachine")
                : SUPPORTED.get(steps.get(0)).contains(steps.get(1))
                    && (steps.size() == 2 || steps.get(1).equals("Input")));
    if (!ok) {
      throw new DefinitionException(
          where,
          "context object path not supported locally: "
              + path
              + " (supported: $$.Execution.Id, .Input, .Name, .StartTime; $$.StateMachine, .Id,"
              + " .Name; $$.State.Name, .EnteredTime)");
    }
  }
}
