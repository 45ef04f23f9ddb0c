package dev.athenaws.local.athena;

import java.math.BigDecimal;
import java.util.List;

/**
 * Prepares Athena SQL for DuckDB: binds {@code ExecutionParameters} and rewrites the two Trino
 * literal forms whose DuckDB meaning differs. Everything else runs unchanged (DuckDB accepts the
 * sample queries and Trino's {@code ARRAY[...]}, {@code MAP(ARRAY[..], ARRAY[..])}, {@code CAST(...
 * AS ROW(...))}, {@code X'..'}, {@code JSON '..'}, {@code UUID '..'} as they are).
 *
 * <ul>
 *   <li>{@code DECIMAL '0.10'}: DuckDB types it DECIMAL(18,3); Trino decimal(2,2). Rewritten to
 *       {@code CAST('0.10' AS DECIMAL(p,s))} with the literal's own precision and scale.
 *   <li>{@code TIMESTAMP '2001-08-22 03:04:05.321 America/Los_Angeles'}: DuckDB drops the zone and
 *       gives a timestamp; Trino a timestamp with time zone. A TIMESTAMP literal whose text has a
 *       zone (a letter or a +/- offset after the time) becomes {@code CAST('...' AS TIMESTAMPTZ)}.
 * </ul>
 *
 * <p>Thread-safety: stateless.
 */
final class SqlRewrite {
  private SqlRewrite() {}

  /** The parameter count did not match the markers: Athena fails the query as a user error. */
  static final class ParameterCountException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    ParameterCountException(int expected, int found) {
      super("Incorrect number of parameters: expected " + expected + " but found " + found);
    }
  }

  /**
   * @param sql the query text
   * @param parameters Athena {@code ExecutionParameters}: SQL literal texts, substituted in order
   * @return the DuckDB SQL
   * @throws ParameterCountException when the markers and parameters differ in number
   * @throws IllegalArgumentException when a literal or comment is not closed
   */
  static String prepare(String sql, List<String> parameters) {
    List<SqlTokens.Token> tokens = SqlTokens.of(sql);
    long markers = tokens.stream().filter(t -> t.kind() == SqlTokens.Kind.MARKER).count();
    if (markers != parameters.size()) {
      throw new ParameterCountException((int) markers, parameters.size());
    }
    return rewriteLiterals(bind(sql, tokens, parameters));
  }

  private static String bind(String sql, List<SqlTokens.Token> tokens, List<String> parameters) {
    StringBuilder out = new StringBuilder(sql.length() + 32);
    int copied = 0;
    int parameter = 0;
    for (SqlTokens.Token t : tokens) {
      if (t.kind() == SqlTokens.Kind.MARKER) {
        out.append(sql, copied, t.start()).append(parameters.get(parameter++));
        copied = t.end();
      }
    }
    return out.append(sql, copied, sql.length()).toString();
  }

  private static String rewriteLiterals(String sql) {
    List<SqlTokens.Token> tokens = SqlTokens.of(sql);
    StringBuilder out = new StringBuilder(sql.length() + 32);
    int copied = 0;
    for (int i = 0; i + 1 < tokens.size(); i++) {
      SqlTokens.Token t = tokens.get(i);
      SqlTokens.Token next = tokens.get(i + 1);
      if (t.kind() == SqlTokens.Kind.WORD && next.kind() == SqlTokens.Kind.STRING) {
        String replacement = typedLiteral(t.upper(), next.literalValue(), next.text());
        if (replacement != null) {
          out.append(sql, copied, t.start()).append(replacement);
          copied = next.end();
          i++;
        }
      }
    }
    return out.append(sql, copied, sql.length()).toString();
  }

  private static String typedLiteral(String keyword, String value, String quoted) {
    if (keyword.equals("DECIMAL")) {
      try {
        BigDecimal d = new BigDecimal(value.trim());
        int scale = Math.max(d.scale(), 0);
        int precision = Math.max(d.precision(), scale);
        return "CAST(" + quoted + " AS DECIMAL(" + Math.min(precision, 38) + "," + scale + "))";
      } catch (NumberFormatException e) {
        return null;
      }
    }
    if (keyword.equals("TIMESTAMP") && hasZone(value)) {
      return "CAST(" + quoted + " AS TIMESTAMPTZ)";
    }
    return null;
  }

  private static boolean hasZone(String value) {
    int colon = value.indexOf(':');
    if (colon < 0) {
      return false;
    }
    String tail = value.substring(colon);
    for (int i = 0; i < tail.length(); i++) {
      char c = tail.charAt(i);
      if (Character.isLetter(c) || c == '+' || c == '-') {
        return true;
      }
    }
    return false;
  }
}
