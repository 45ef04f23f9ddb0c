package dev.athenaws.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A payload template: the {@code Parameters} or {@code ResultSelector} of a state. Keys ending in
 * {@code .$} take their value from a path ({@code $} the input, {@code $$} the context object) or
 * an intrinsic function ({@link Intrinsic}); other values are copied; nested objects are templates
 * too (ASL "Payload Template").
 *
 * <p>Thread-safety: immutable after parsing, thread-safe.
 */
final class Template {
  private sealed interface Value permits Literal, FromPath, FromIntrinsic, Nested {}

  private record Literal(JsonNode value) implements Value {}

  private record FromPath(Paths.Source source) implements Value {}

  private record FromIntrinsic(Intrinsic function) implements Value {}

  private record Nested(Template template) implements Value {}

  private record Field(String name, Value value) {}

  private final List<Field> fields;

  private Template(List<Field> fields) {
    this.fields = fields;
  }

  /** Parses a template, or fails at startup naming the field. */
  static Template parse(JsonNode json, String where) {
    if (!json.isObject()) {
      throw new DefinitionException(where, "must be a JSON object");
    }
    List<Field> fields = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      String at = where + "." + key;
      if (key.endsWith(".$")) {
        String expression = e.getValue().asText(null);
        if (!e.getValue().isTextual()) {
          throw new DefinitionException(at, "a .$ field needs a path or intrinsic function text");
        }
        Value v =
            expression.startsWith("States.")
                ? new FromIntrinsic(Intrinsic.parse(expression, at))
                : new FromPath(Paths.source(expression, at));
        fields.add(new Field(key.substring(0, key.length() - 2), v));
      } else if (e.getValue().isObject()) {
        fields.add(new Field(key, new Nested(parse(e.getValue(), at))));
      } else {
        fields.add(new Field(key, new Literal(e.getValue().deepCopy())));
      }
    }
    return new Template(List.copyOf(fields));
  }

  /** The field names, {@code .$} removed: what the payload will have. */
  List<String> names() {
    return fields.stream().map(Field::name).toList();
  }

  /** The nested template of a field, or null when that field is not an object literal. */
  Template nested(String name) {
    for (Field f : fields) {
      if (f.name().equals(name) && f.value() instanceof Nested n) {
        return n.template();
      }
    }
    return null;
  }

  /**
   * Builds the payload from the state's input and, for {@code $$} paths, the context object.
   *
   * @param context the context object as the state sees it ({@link ContextObject#forState})
   */
  ObjectNode apply(JsonNode input, JsonNode context, String where) throws WorkflowFailure {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Field f : fields) {
      JsonNode v;
      if (f.value() instanceof Literal l) {
        v = l.value().deepCopy();
      } else if (f.value() instanceof FromPath p) {
        v = p.source().require(input, context, where);
      } else if (f.value() instanceof FromIntrinsic i) {
        v = i.function().apply(input, where);
      } else {
        v = ((Nested) f.value()).template().apply(input, context, where);
      }
      out.set(f.name(), v);
    }
    return out;
  }
}
