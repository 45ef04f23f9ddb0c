package dev.athenaws.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSONPath as the States Language uses it: paths are evaluated with Jayway JsonPath (the
 * implementation the Step Functions "Paths" documentation links to), only definite paths (one
 * value, no wildcards or filters) are accepted, and reference paths (ResultPath) are placed here:
 * {@code $} followed by {@code .name} or {@code ['name']} steps only, as the ASL specification
 * restricts them.
 *
 * <p>Thread-safety: immutable, thread-safe.
 */
final class Paths {
  private static final Configuration JACKSON =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider())
          .mappingProvider(new JacksonMappingProvider())
          .build();
  private static final Configuration PATH_LIST = JACKSON.addOptions(Option.AS_PATH_LIST);
  private static final Pattern NORMALIZED_STEP =
      Pattern.compile("\\['((?:[^'\\\\]|\\\\.)*)'\\]|\\[(\\d+)\\]");
  private static final Pattern STEP =
      Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)|\\['([^']+)'\\]");

  private Paths() {}

  /**
   * The path of a payload template's {@code .$} field: on the state input ({@code $...}) or on the
   * context object ({@code $$...}, Step Functions developer guide, "Accessing execution data from
   * the Context object").
   *
   * @param path the compiled path, {@code $$} read as {@code $} for a context path
   * @param context true for a context object path
   */
  record Source(JsonPath path, boolean context) {
    /** The value, or the States.Runtime error of a path that does not exist. */
    JsonNode require(JsonNode input, JsonNode contextObject, String where) throws WorkflowFailure {
      return Paths.require(path, context ? contextObject : input, where);
    }
  }

  /** A payload template path ({@code $} or {@code $$}), or a startup error naming where. */
  static Source source(String path, String where) {
    if (path == null || !path.startsWith("$$")) {
      return new Source(compile(path, where), false);
    }
    JsonPath compiled = definite(path.substring(1), where);
    List<String> steps = new ArrayList<>();
    Matcher m = NORMALIZED_STEP.matcher(compiled.getPath());
    while (m.find()) {
      steps.add(m.group(1) != null ? m.group(1) : "[" + m.group(2) + "]");
    }
    ContextObject.check(steps, path, where);
    return new Source(compiled, true);
  }

  /** A compiled definite path on the input, or a startup error naming where it was found. */
  static JsonPath compile(String path, String where) {
    if (path == null || !path.startsWith("$")) {
      throw new DefinitionException(where, "not a path (must start with $): " + path);
    }
    if (path.startsWith("$$")) {
      throw new DefinitionException(
          where,
          "context object path "
              + path
              + " is supported locally only in Parameters and ResultSelector fields");
    }
    return definite(path, where);
  }

  private static JsonPath definite(String path, String where) {
    JsonPath compiled;
    try {
      compiled = JsonPath.compile(path);
    } catch (InvalidPathException e) {
      throw new DefinitionException(where, "invalid path " + path + ": " + e.getMessage());
    }
    if (!compiled.isDefinite()) {
      throw new DefinitionException(
          where,
          "path "
              + path
              + " selects several values (wildcard, filter or slice): not supported locally");
    }
    return compiled;
  }

  /**
   * The value at a path.
   *
   * @return the value (a copy), or empty when the path does not exist in {@code json}
   */
  static Optional<JsonNode> read(JsonPath path, JsonNode json) {
    try {
      JsonNode v = path.read(json, JACKSON);
      if (v == null || v.isNull()) {
        // Jayway answers null for an array index past the end ($.list[0] of []); Step Functions
        // treats that as absent (IsPresent false). Confirm a null on the normalized path.
        JsonNode found = path.read(json, PATH_LIST);
        return found.size() == 1 && exists(found.get(0).asText(), json)
            ? Optional.of(JsonNodeFactory.instance.nullNode())
            : Optional.empty();
      }
      return Optional.of(v.deepCopy());
    } catch (PathNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Walks a normalized path ({@code $['a'][0]}) on the JSON tree. */
  private static boolean exists(String normalized, JsonNode json) {
    Matcher m = NORMALIZED_STEP.matcher(normalized);
    JsonNode at = json;
    int from = 1;
    while (from < normalized.length()) {
      if (!m.find(from) || m.start() != from || at == null) {
        return false;
      }
      at =
          m.group(1) != null
              ? (at.isObject() ? at.get(m.group(1).replace("\\'", "'")) : null)
              : (at.isArray() ? at.get(Integer.parseInt(m.group(2))) : null);
      from = m.end();
    }
    return at != null;
  }

  /** The value at a path, or the States.Runtime error Step Functions raises for a missing one. */
  static JsonNode require(JsonPath path, JsonNode json, String where) throws WorkflowFailure {
    return read(path, json)
        .orElseThrow(
            () ->
                new WorkflowFailure(
                    "States.Runtime",
                    "An error occurred while executing the state '"
                        + where
                        + "'. The JSONPath '"
                        + path.getPath()
                        + "' could not be found in the input"));
  }

  /** The steps of a reference path ({@code $} alone: none), or a startup error. */
  static List<String> referencePath(String path, String where) {
    if (path == null || !path.startsWith("$")) {
      throw new DefinitionException(where, "not a reference path: " + path);
    }
    List<String> steps = new ArrayList<>();
    Matcher m = STEP.matcher(path);
    int at = 1;
    while (at < path.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new DefinitionException(
            where, "not a reference path (only $, .name and ['name'] " + "steps): " + path);
      }
      steps.add(m.group(1) != null ? m.group(1) : m.group(2));
      at = m.end();
    }
    return List.copyOf(steps);
  }

  /**
   * Places {@code value} into a copy of {@code input} at a reference path, creating missing objects
   * (ASL ResultPath).
   *
   * @throws WorkflowFailure States.Runtime when a step crosses a value that is not an object
   */
  static JsonNode place(JsonNode input, List<String> steps, JsonNode value, String where)
      throws WorkflowFailure {
    if (steps.isEmpty()) {
      return value;
    }
    if (!input.isObject()) {
      throw new WorkflowFailure(
          "States.Runtime",
          "ResultPath of '" + where + "' needs an object input, got " + input.getNodeType());
    }
    ObjectNode root = ((ObjectNode) input).deepCopy();
    ObjectNode at = root;
    for (int i = 0; i < steps.size() - 1; i++) {
      JsonNode next = at.get(steps.get(i));
      if (next == null || next.isNull()) {
        at = at.putObject(steps.get(i));
      } else if (next.isObject()) {
        at = (ObjectNode) next;
      } else {
        throw new WorkflowFailure(
            "States.Runtime",
            "ResultPath of '" + where + "' crosses " + steps.get(i) + ", which is not an object");
      }
    }
    at.set(steps.get(steps.size() - 1), value);
    return root;
  }
}
