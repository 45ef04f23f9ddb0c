package dev.athenaws.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A state machine definition parsed for the local interpreter. Everything the interpreter does not
 * run exactly is refused here, when the local stack starts: a state type, a field, a Task resource,
 * a Choice operator, an indefinite path or an intrinsic function, with the state and field named.
 *
 * <p>Thread-safety: immutable, thread-safe.
 *
 * @param startAt the first state
 * @param states every state by name
 * @param timeout the execution's TimeoutSeconds, null when none
 */
record Definition(String startAt, Map<String, AslState> states, Duration timeout) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ATHENA_SYNC =
      Pattern.compile("arn:[a-z-]+:states:::athena:startQueryExecution\\.sync");
  private static final Set<String> TOP =
      Set.of("Comment", "StartAt", "States", "TimeoutSeconds", "Version");
  private static final Set<String> TASK =
      Set.of(
          "Type",
          "Comment",
          "Resource",
          "Parameters",
          "ResultSelector",
          "InputPath",
          "OutputPath",
          "ResultPath",
          "TimeoutSeconds",
          "Retry",
          "Catch",
          "Next",
          "End");
  private static final Set<String> PASS =
      Set.of(
          "Type",
          "Comment",
          "Parameters",
          "Result",
          "InputPath",
          "OutputPath",
          "ResultPath",
          "Next",
          "End");
  private static final Set<String> CHOICE =
      Set.of("Type", "Comment", "Choices", "Default", "InputPath", "OutputPath");
  private static final Set<String> SUCCEED = Set.of("Type", "Comment", "InputPath", "OutputPath");
  private static final Set<String> FAIL =
      Set.of("Type", "Comment", "Error", "Cause", "ErrorPath", "CausePath");
  private static final Set<String> RULE = Set.of("Variable", "Next", "IsPresent", "BooleanEquals");
  private static final Set<String> RETRY =
      Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate");
  private static final Set<String> CATCH = Set.of("ErrorEquals", "Next", "ResultPath");

  /** The StartQueryExecution request fields the local integration passes on. */
  private static final Set<String> ATHENA_PARAMETERS =
      Set.of(
          "QueryString",
          "ExecutionParameters",
          "ClientRequestToken",
          "WorkGroup",
          "QueryExecutionContext",
          "ResultReuseConfiguration");

  private static final Set<String> ATHENA_CONTEXT = Set.of("Database", "Catalog");

  /**
   * Parses and checks a definition.
   *
   * @param text the definition (JSON)
   * @param functions the Lambda function ARNs the local stack can invoke
   * @return the definition
   * @throws DefinitionException naming the state and field of the first thing not supported
   */
  static Definition parse(String text, Set<String> functions) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (IOException e) {
      throw new DefinitionException("(root)", "not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new DefinitionException("(root)", "must be a JSON object");
    }
    only(root, TOP, "(root)");
    if (!root.path("States").isObject() || root.path("States").isEmpty()) {
      throw new DefinitionException("(root)", "States is missing or empty");
    }
    Map<String, AslState> states = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.get("States").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      states.put(e.getKey(), state(e.getKey(), e.getValue(), functions));
    }
    String startAt = root.path("StartAt").asText("");
    Definition d =
        new Definition(
            startAt,
            Map.copyOf(states),
            root.has("TimeoutSeconds") ? seconds(root.get("TimeoutSeconds"), "(root)") : null);
    d.checkTransitions();
    return d;
  }

  private void checkTransitions() {
    target(startAt, "(root)", "StartAt");
    for (AslState s : states.values()) {
      if (s instanceof AslState.Task t) {
        target(t.next(), t.name(), "Next");
        t.catchers().forEach(c -> target(c.next(), t.name(), "Catch.Next"));
      } else if (s instanceof AslState.Pass p) {
        target(p.next(), p.name(), "Next");
      } else if (s instanceof AslState.Choice c) {
        c.rules().forEach(r -> target(r.next(), c.name(), "Choices.Next"));
        target(c.defaultNext(), c.name(), "Default");
      }
    }
  }

  private void target(String name, String state, String field) {
    if (name != null && !states.containsKey(name)) {
      throw new DefinitionException(where(state, field), "no state named '" + name + "'");
    }
  }

  private static AslState state(String name, JsonNode json, Set<String> functions) {
    if (!json.isObject()) {
      throw new DefinitionException(where(name, null), "must be a JSON object");
    }
    String type = json.path("Type").asText("");
    return switch (type) {
      case "Task" -> task(name, json, functions);
      case "Pass" -> {
        only(json, PASS, name);
        yield new AslState.Pass(
            name,
            io(name, json),
            json.has("Parameters")
                ? Template.parse(json.get("Parameters"), where(name, "Parameters"))
                : null,
            json.get("Result"),
            next(name, json));
      }
      case "Choice" -> choice(name, json);
      case "Succeed" -> {
        only(json, SUCCEED, name);
        yield new AslState.Succeed(name, io(name, json));
      }
      case "Fail" -> {
        only(json, FAIL, name);
        yield new AslState.Fail(
            name,
            json.path("Error").asText(null),
            json.path("Cause").asText(null),
            optionalPath(json, "ErrorPath", name),
            optionalPath(json, "CausePath", name));
      }
      default ->
          throw new DefinitionException(
              where(name, "Type"), "state type not supported locally: '" + type + "'");
    };
  }

  private static AslState.Task task(String name, JsonNode json, Set<String> functions) {
    only(json, TASK, name);
    String resource = json.path("Resource").asText("");
    Template parameters =
        json.has("Parameters")
            ? Template.parse(json.get("Parameters"), where(name, "Parameters"))
            : null;
    AslState.Resource r;
    if (ATHENA_SYNC.matcher(resource).matches()) {
      if (parameters == null) {
        throw new DefinitionException(where(name, "Parameters"), "StartQueryExecution needs them");
      }
      for (String field : parameters.names()) {
        if (!ATHENA_PARAMETERS.contains(field)) {
          throw new DefinitionException(
              where(name, "Parameters." + field),
              "StartQueryExecution field not passed on by the local integration");
        }
      }
      Template context = parameters.nested("QueryExecutionContext");
      if (context != null) {
        for (String field : context.names()) {
          if (!ATHENA_CONTEXT.contains(field)) {
            throw new DefinitionException(
                where(name, "Parameters.QueryExecutionContext." + field),
                "not a QueryExecutionContext field");
          }
        }
      }
      r = new AslState.AthenaSync();
    } else if (functions.contains(resource)) {
      r = new AslState.LambdaFunction(resource);
    } else {
      throw new DefinitionException(
          where(name, "Resource"),
          "resource not supported locally: '"
              + resource
              + "' (supported: arn:aws:states:::athena:startQueryExecution.sync and the "
              + "function ARNs "
              + functions
              + ")");
    }
    List<AslState.Retrier> retry = new ArrayList<>();
    for (JsonNode rj : array(json, "Retry", name)) {
      only(rj, RETRY, name + ".Retry");
      int max = rj.has("MaxAttempts") ? rj.get("MaxAttempts").asInt(-1) : 3;
      double rate = rj.has("BackoffRate") ? rj.get("BackoffRate").asDouble(0) : 2.0;
      if (max < 0 || rate < 1) {
        throw new DefinitionException(where(name, "Retry"), "MaxAttempts >= 0, BackoffRate >= 1");
      }
      retry.add(
          new AslState.Retrier(
              errors(rj, name, "Retry"),
              rj.has("IntervalSeconds")
                  ? seconds(rj.get("IntervalSeconds"), name)
                  : Duration.ofSeconds(1),
              max,
              rate));
    }
    List<AslState.Catcher> catchers = new ArrayList<>();
    for (JsonNode cj : array(json, "Catch", name)) {
      only(cj, CATCH, name + ".Catch");
      catchers.add(
          new AslState.Catcher(
              errors(cj, name, "Catch"),
              resultPath(cj, name + ".Catch"),
              cj.path("Next").asText(null)));
    }
    return new AslState.Task(
        name,
        r,
        io(name, json),
        parameters,
        json.has("ResultSelector")
            ? Template.parse(json.get("ResultSelector"), where(name, "ResultSelector"))
            : null,
        json.has("TimeoutSeconds") ? seconds(json.get("TimeoutSeconds"), name) : null,
        List.copyOf(retry),
        List.copyOf(catchers),
        next(name, json));
  }

  private static AslState.Choice choice(String name, JsonNode json) {
    only(json, CHOICE, name);
    List<AslState.Rule> rules = new ArrayList<>();
    for (JsonNode rule : array(json, "Choices", name)) {
      for (Iterator<String> f = rule.fieldNames(); f.hasNext(); ) {
        String field = f.next();
        if (!RULE.contains(field)) {
          throw new DefinitionException(
              where(name, "Choices." + field),
              "Choice operator not supported locally (only Variable with IsPresent or "
                  + "BooleanEquals)");
        }
      }
      String operator = rule.has("IsPresent") ? "IsPresent" : "BooleanEquals";
      if (rule.has("IsPresent") == rule.has("BooleanEquals") || !rule.get(operator).isBoolean()) {
        throw new DefinitionException(
            where(name, "Choices"),
            "each rule needs exactly one of IsPresent or BooleanEquals, with a boolean");
      }
      rules.add(
          new AslState.Rule(
              Paths.compile(rule.path("Variable").asText(null), where(name, "Choices.Variable")),
              operator,
              rule.get(operator).booleanValue(),
              rule.path("Next").asText(null)));
    }
    if (rules.isEmpty()) {
      throw new DefinitionException(where(name, "Choices"), "missing or empty");
    }
    return new AslState.Choice(
        name, io(name, json), List.copyOf(rules), json.path("Default").asText(null));
  }

  private static AslState.Io io(String name, JsonNode json) {
    return new AslState.Io(
        path(json, "InputPath", name), path(json, "OutputPath", name), resultPath(json, name));
  }

  /** Missing: {@code $}; JSON null: null. */
  private static JsonPath path(JsonNode json, String field, String name) {
    if (!json.has(field)) {
      return JsonPath.compile("$");
    }
    return json.get(field).isNull()
        ? null
        : Paths.compile(json.get(field).asText(null), where(name, field));
  }

  private static JsonPath optionalPath(JsonNode json, String field, String name) {
    return json.hasNonNull(field)
        ? Paths.compile(json.get(field).asText(null), where(name, field))
        : null;
  }

  private static List<String> resultPath(JsonNode json, String name) {
    if (!json.has("ResultPath")) {
      return List.of();
    }
    return json.get("ResultPath").isNull()
        ? null
        : Paths.referencePath(json.get("ResultPath").asText(null), where(name, "ResultPath"));
  }

  private static String next(String name, JsonNode json) {
    boolean end = json.path("End").asBoolean(false);
    if (end == json.has("Next")) {
      throw new DefinitionException(where(name, "Next"), "needs exactly one of Next or End: true");
    }
    return end ? null : json.get("Next").asText();
  }

  private static List<String> errors(JsonNode json, String name, String field) {
    List<String> errors = new ArrayList<>();
    json.path("ErrorEquals").forEach(e -> errors.add(e.asText()));
    if (errors.isEmpty()) {
      throw new DefinitionException(where(name, field + ".ErrorEquals"), "missing or empty");
    }
    return List.copyOf(errors);
  }

  private static Iterable<JsonNode> array(JsonNode json, String field, String name) {
    if (!json.has(field)) {
      return List.of();
    }
    if (!json.get(field).isArray()) {
      throw new DefinitionException(where(name, field), "must be an array");
    }
    return json.get(field);
  }

  private static Duration seconds(JsonNode value, String name) {
    if (!value.canConvertToExactIntegral() || value.asLong() < 1) {
      throw new DefinitionException(name, "seconds must be a positive whole number: " + value);
    }
    return Duration.ofSeconds(value.asLong());
  }

  private static void only(JsonNode json, Set<String> allowed, String name) {
    for (Iterator<String> f = json.fieldNames(); f.hasNext(); ) {
      String field = f.next();
      if (!allowed.contains(field)) {
        throw new DefinitionException(where(name, field), "field not supported locally");
      }
    }
  }

  private static String where(String state, String field) {
    String s = state.startsWith("(") ? state : "state '" + state + "'";
    return field == null ? s : s + ", field " + field;
  }
}
