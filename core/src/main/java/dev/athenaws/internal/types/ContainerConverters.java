package dev.athenaws.internal.types;

import dev.athenaws.error.ValueFormatException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converters for {@code array}, {@code map} and {@code row} values guided by a type hint. Athena
 * prints them as {@code [1, 2, null]}, {@code {k=v, k2=v2}} and {@code {a=1, b=x}}
 * (docs/aws-behaviour.md; uber/athenadriver UndocumentedAthena.md; PyAthena
 * tests/pyathena/test_cursor.py test_complex).
 *
 * <p>Elements are separated by {@code ", "}. When an element type is itself an array, map or row
 * the split respects {@code []}/{@code {}} nesting; otherwise every {@code ", "} separates, so
 * brackets inside strings do no harm. A map entry or row field is split at its first top-level
 * {@code =}. The token {@code null} is a null element or value. Strings are printed unquoted, so a
 * varchar element containing {@code ", "} (or, as a map key, {@code =}) cannot be told apart from
 * two elements; such texts either fail (wrong element count, duplicate key, unparsable element) or
 * split wrongly. Only {@code CAST(x AS JSON)} with a {@code json} column is unambiguous.
 *
 * <p>Thread-safety: immutable converters, safe to share.
 */
final class ContainerConverters {
  private ContainerConverters() {}

  static ValueConverter array(AthenaType.ArrayType type, ValueConverter element) {
    String sig = type.signature();
    boolean nested = isContainer(type.element());
    return text -> {
      List<String> parts = parts(text, '[', ']', nested, sig);
      if (parts.isEmpty()) {
        return List.of();
      }
      List<Object> out = new ArrayList<>(parts.size());
      for (int i = 0; i < parts.size(); i++) {
        out.add(element(element, parts.get(i), sig, text, "element " + i));
      }
      return Collections.unmodifiableList(out);
    };
  }

  static ValueConverter map(AthenaType.MapType type, ValueConverter key, ValueConverter value) {
    String sig = type.signature();
    boolean nested = isContainer(type.key()) || isContainer(type.value());
    boolean nestedKey = isContainer(type.key());
    return text -> {
      List<String> parts = parts(text, '{', '}', nested, sig);
      Map<Object, Object> out = new LinkedHashMap<>(Math.max(4, parts.size() * 2));
      for (int i = 0; i < parts.size(); i++) {
        String entry = parts.get(i);
        int eq = indexOfTopLevel(entry, '=', nestedKey);
        if (eq < 0) {
          throw invalid(sig, text, "entry " + i + " has no '='");
        }
        // Map keys are never NULL in Trino, so a key "null" is the text null (of a varchar key).
        Object k = convert(key, entry.substring(0, eq), sig, text, "key " + i);
        Object v = element(value, entry.substring(eq + 1), sig, text, "value " + i);
        if (out.containsKey(k)) {
          throw invalid(sig, text, "duplicate key " + i + " (a key or value may contain ', ')");
        }
        out.put(k, v);
      }
      return Collections.unmodifiableMap(out);
    };
  }

  static ValueConverter row(AthenaType.RowType type, List<ValueConverter> fields) {
    String sig = type.signature();
    List<AthenaType.Field> defs = type.fields();
    boolean nested = defs.stream().anyMatch(f -> isContainer(f.type()));
    return text -> {
      List<String> parts = parts(text, '{', '}', nested, sig);
      if (parts.size() != defs.size()) {
        throw invalid(
            sig,
            text,
            parts.size()
                + " fields where the hint has "
                + defs.size()
                + " (a varchar field may contain ', ')");
      }
      Map<String, Object> out = new LinkedHashMap<>(Math.max(4, defs.size() * 2));
      for (int i = 0; i < defs.size(); i++) {
        String part = parts.get(i);
        int eq = part.indexOf('=');
        if (eq < 0) {
          throw invalid(sig, text, "field " + i + " has no '='");
        }
        String name = defs.get(i).name();
        out.put(name, element(fields.get(i), part.substring(eq + 1), sig, text, "field " + name));
      }
      return Collections.unmodifiableMap(out);
    };
  }

  private static Object element(
      ValueConverter converter, String part, String sig, String text, String what) {
    return part.equals("null") ? null : convert(converter, part, sig, text, what);
  }

  private static Object convert(
      ValueConverter converter, String part, String sig, String text, String what) {
    try {
      return converter.convert(part);
    } catch (ValueFormatException e) {
      throw invalid(sig, text, what + " is not a valid " + e.type() + ": '" + e.value() + "'");
    }
  }

  /** The parts between {@code open} and {@code close}, split at top-level {@code ", "}. */
  static List<String> parts(String text, char open, char close, boolean nested, String sig) {
    int n = text.length();
    if (n < 2 || text.charAt(0) != open || text.charAt(n - 1) != close) {
      throw invalid(sig, text, "expected " + open + "..." + close);
    }
    if (n == 2) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 1;
    int end = n - 1;
    for (int i = 1; i < end; i++) {
      char c = text.charAt(i);
      if (nested && (c == '[' || c == '{')) {
        depth++;
      } else if (nested && (c == ']' || c == '}')) {
        if (--depth < 0) {
          throw invalid(sig, text, "unbalanced '" + c + "'");
        }
      } else if (c == ',' && depth == 0 && i + 1 < end && text.charAt(i + 1) == ' ') {
        out.add(text.substring(start, i));
        start = i + 2;
        i++;
      }
    }
    if (depth != 0) {
      throw invalid(sig, text, "unbalanced brackets");
    }
    out.add(text.substring(start, end));
    return out;
  }

  private static int indexOfTopLevel(String s, char target, boolean nested) {
    if (!nested) {
      return s.indexOf(target);
    }
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '[' || c == '{') {
        depth++;
      } else if (c == ']' || c == '}') {
        depth--;
      } else if (c == target && depth == 0) {
        return i;
      }
    }
    return -1;
  }

  static boolean isContainer(AthenaType type) {
    TypeKind k = type.kind();
    return k == TypeKind.ARRAY || k == TypeKind.MAP || k == TypeKind.ROW;
  }

  private static ValueFormatException invalid(String sig, String text, String reason) {
    return new ValueFormatException(null, sig, text, reason);
  }
}
