package dev.athenaws.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.JsonPath;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one intrinsic function the push workflow uses: {@code States.JsonMerge(path, path, false)}, a
 * shallow merge in which the second object's fields win (Step Functions developer guide, "Intrinsic
 * functions", JSON data manipulation). Deep merge ({@code true}) and every other intrinsic are
 * startup errors.
 *
 * <p>Thread-safety: immutable, thread-safe.
 */
final class Intrinsic {
  private static final Pattern JSON_MERGE =
      Pattern.compile(
          "States\\.JsonMerge\\(\\s*(\\$[^,]*?)\\s*,\\s*(\\$[^,]*?)\\s*,\\s*(true|false)\\s*\\)");
  private static final Pattern NAME = Pattern.compile("(States\\.[A-Za-z0-9]+)\\(.*");

  private final JsonPath first;
  private final JsonPath second;

  private Intrinsic(JsonPath first, JsonPath second) {
    this.first = first;
    this.second = second;
  }

  static Intrinsic parse(String expression, String where) {
    Matcher m = JSON_MERGE.matcher(expression.trim());
    if (!m.matches()) {
      Matcher name = NAME.matcher(expression.trim());
      String function = name.matches() ? name.group(1) : expression;
      throw new DefinitionException(
          where,
          "intrinsic function not supported locally (only "
              + "States.JsonMerge($path, $path, false)): "
              + function);
    }
    if (m.group(3).equals("true")) {
      throw new DefinitionException(
          where, "States.JsonMerge deep merge (true) is not supported " + "locally");
    }
    return new Intrinsic(Paths.compile(m.group(1), where), Paths.compile(m.group(2), where));
  }

  JsonNode apply(JsonNode input, String where) throws WorkflowFailure {
    JsonNode a = Paths.require(first, input, where);
    JsonNode b = Paths.require(second, input, where);
    if (!a.isObject() || !b.isObject()) {
      throw new WorkflowFailure(
          "States.IntrinsicFailure", "States.JsonMerge in '" + where + "' needs two JSON objects");
    }
    ObjectNode merged = ((ObjectNode) a).deepCopy();
    merged.setAll((ObjectNode) b.deepCopy());
    return merged;
  }
}
