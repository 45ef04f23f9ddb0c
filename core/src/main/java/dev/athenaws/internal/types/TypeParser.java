package dev.athenaws.internal.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser for Trino type signatures as written in type hints, e.g. {@code
 * array(row(a integer, "quoted name" varchar))} or {@code timestamp(3) with time zone}. Keywords
 * are case-insensitive and blanks between tokens are ignored. Unquoted row field names keep the
 * spelling of the hint; a quoted name may contain {@code ""} for a double quote. A row field
 * without a name ({@code row(integer, double)}) is named {@code field0}, {@code field1}, ... as
 * Athena prints anonymous rows.
 *
 * <p>Thread-safety: one instance parses one string and is not shared; use {@link #parse(String)}.
 */
final class TypeParser {
  private final String src;
  private int pos;

  private TypeParser(String src) {
    this.src = src;
  }

  /**
   * @throws IllegalArgumentException when the signature is malformed; the message names the
   *     position
   * @throws NullPointerException when {@code signature} is null
   */
  static AthenaType parse(String signature) {
    if (signature == null) {
      throw new NullPointerException("signature");
    }
    TypeParser p = new TypeParser(signature);
    AthenaType type = p.type();
    p.skipBlanks();
    if (p.pos < p.src.length()) {
      throw p.error("unexpected '" + p.src.charAt(p.pos) + "' after the type");
    }
    return type;
  }

  private AthenaType type() {
    skipBlanks();
    int start = pos;
    String name = word();
    if (name.isEmpty()) {
      throw error(
          pos < src.length() ? "expected a type name" : "expected a type name, got the end");
    }
    switch (name) {
      case "array":
        if (!peek('(')) {
          return AthenaType.Simple.of(TypeKind.ARRAY);
        }
        expect('(');
        AthenaType element = type();
        expect(')');
        return new AthenaType.ArrayType(element);
      case "map":
        if (!peek('(')) {
          return AthenaType.Simple.of(TypeKind.MAP);
        }
        expect('(');
        AthenaType key = type();
        expect(',');
        AthenaType value = type();
        expect(')');
        return new AthenaType.MapType(key, value);
      case "row":
        if (!peek('(')) {
          return AthenaType.Simple.of(TypeKind.ROW);
        }
        return row();
      case "interval":
        return interval();
      case "double":
        optionalWords("precision");
        return AthenaType.Simple.of(TypeKind.DOUBLE);
      case "string":
        return AthenaType.Simple.of(TypeKind.VARCHAR);
      default:
        return named(name, start);
    }
  }

  private AthenaType named(String name, int start) {
    TypeKind kind = TypeKind.fromAthenaName(name);
    if (kind == TypeKind.UNKNOWN) {
      if (peek('(')) {
        skipBalancedParens();
      }
      return new AthenaType.Unknown(src.substring(start, pos).trim().toLowerCase(Locale.ROOT));
    }
    int precision = 0;
    int scale = 0;
    if (peek('(')) {
      expect('(');
      precision = number();
      if (kind == TypeKind.DECIMAL && peek(',')) {
        expect(',');
        scale = number();
      }
      expect(')');
    }
    if ((kind == TypeKind.TIME || kind == TypeKind.TIMESTAMP) && optionalWords("with")) {
      requireWord("time");
      requireWord("zone");
      kind =
          kind == TypeKind.TIME ? TypeKind.TIME_WITH_TIME_ZONE : TypeKind.TIMESTAMP_WITH_TIME_ZONE;
    }
    if (kind == TypeKind.DECIMAL && scale > precision) {
      throw error("decimal scale " + scale + " exceeds precision " + precision);
    }
    return new AthenaType.Simple(kind, precision, scale);
  }

  private AthenaType interval() {
    String from = word();
    if (from.equals("year")) {
      requireWord("to");
      requireWord("month");
      return AthenaType.Simple.of(TypeKind.INTERVAL_YEAR_TO_MONTH);
    }
    if (from.equals("day")) {
      requireWord("to");
      requireWord("second");
      return AthenaType.Simple.of(TypeKind.INTERVAL_DAY_TO_SECOND);
    }
    throw error("expected 'year to month' or 'day to second' after 'interval'");
  }

  private AthenaType row() {
    expect('(');
    List<AthenaType.Field> fields = new ArrayList<>();
    do {
      fields.add(field(fields.size()));
    } while (optional(','));
    expect(')');
    return new AthenaType.RowType(fields);
  }

  private AthenaType.Field field(int index) {
    skipBlanks();
    if (peek('"')) {
      String name = quoted();
      return new AthenaType.Field(name, type());
    }
    int start = pos;
    String raw = rawWord();
    if (raw.isEmpty()) {
      throw error("expected a row field");
    }
    skipBlanks();
    String lower = raw.toLowerCase(Locale.ROOT);
    boolean followedByWord = pos < src.length() && isWordStart(src.charAt(pos));
    if (followedByWord && !startsTypeContinuation(lower)) {
      return new AthenaType.Field(raw, type());
    }
    // An anonymous field: the word starts its type.
    pos = start;
    return new AthenaType.Field("field" + index, type());
  }

  /** Words after which another word continues the type rather than naming it. */
  private boolean startsTypeContinuation(String lower) {
    int save = pos;
    String next = word();
    pos = save;
    switch (lower) {
      case "time":
      case "timestamp":
        return next.equals("with");
      case "double":
        return next.equals("precision");
      case "interval":
        return next.equals("year") || next.equals("day");
      default:
        return false;
    }
  }

  private String quoted() {
    int open = pos;
    pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < src.length()) {
      char c = src.charAt(pos++);
      if (c == '"') {
        if (pos < src.length() && src.charAt(pos) == '"') {
          sb.append('"');
          pos++;
        } else {
          if (sb.toString().isBlank()) {
            throw error("empty quoted field name at position " + open);
          }
          return sb.toString();
        }
      } else {
        sb.append(c);
      }
    }
    pos = open;
    throw error("unterminated quoted name");
  }

  private int number() {
    skipBlanks();
    int start = pos;
    long value = 0;
    while (pos < src.length() && src.charAt(pos) >= '0' && src.charAt(pos) <= '9') {
      value = value * 10 + (src.charAt(pos) - '0');
      if (value > Integer.MAX_VALUE) {
        pos = start;
        throw error("number too large");
      }
      pos++;
    }
    if (pos == start) {
      throw error("expected a number");
    }
    return (int) value;
  }

  private void skipBalancedParens() {
    int open = pos;
    int depth = 0;
    while (pos < src.length()) {
      char c = src.charAt(pos++);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return;
      }
    }
    pos = open;
    throw error("unbalanced '('");
  }

  private String word() {
    return rawWord().toLowerCase(Locale.ROOT);
  }

  private String rawWord() {
    skipBlanks();
    int start = pos;
    while (pos < src.length() && isWordPart(src.charAt(pos))) {
      pos++;
    }
    return src.substring(start, pos);
  }

  private boolean optionalWords(String expected) {
    int save = pos;
    if (word().equals(expected)) {
      return true;
    }
    pos = save;
    return false;
  }

  private void requireWord(String expected) {
    int save = pos;
    if (!word().equals(expected)) {
      pos = save;
      skipBlanks();
      throw error("expected '" + expected + "'");
    }
  }

  private boolean peek(char c) {
    skipBlanks();
    return pos < src.length() && src.charAt(pos) == c;
  }

  private boolean optional(char c) {
    if (peek(c)) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!optional(c)) {
      throw error("expected '" + c + "'");
    }
  }

  private void skipBlanks() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isWordStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private IllegalArgumentException error(String what) {
    String found = pos < src.length() ? "" : " (end of input)";
    return new IllegalArgumentException(
        "malformed type signature at position " + pos + found + ": " + what + " in '" + src + "'");
  }
}
