package dev.athenaws.catalog;

/**
 * Counts the positional parameter markers ({@code ?}) of a SQL text the way the Trino lexer sees
 * them: a {@code ?} inside a {@code '...'} string literal, a {@code "..."} quoted identifier (both
 * with doubled-quote escapes), a {@code --} line comment or a {@code /* *}{@code /} block comment
 * (not nested in Trino) is not a marker.
 */
final class SqlMarkers {
  private SqlMarkers() {}

  /**
   * @return the number of {@code ?} markers outside literals, quoted identifiers and comments
   * @throws IllegalArgumentException if a string literal, quoted identifier or block comment is not
   *     closed
   */
  static int count(String sql) {
    int markers = 0;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '?') {
        markers++;
        i++;
      } else if (c == '\'' || c == '"') {
        i = skipQuoted(sql, i, c);
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int newline = sql.indexOf('\n', i + 2);
        i = newline < 0 ? n : newline + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int close = sql.indexOf("*/", i + 2);
        if (close < 0) {
          throw new IllegalArgumentException("sql has an unterminated /* comment");
        }
        i = close + 2;
      } else {
        i++;
      }
    }
    return markers;
  }

  /**
   * @return the index after the closing quote of the quoted run opened at {@code start}
   */
  private static int skipQuoted(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2; // doubled quote: an escaped quote character, still inside
          continue;
        }
        return i + 1;
      }
      i++;
    }
    throw new IllegalArgumentException(
        "sql has an unterminated "
            + (quote == '\'' ? "string literal" : "quoted identifier")
            + " starting at offset "
            + start);
  }
}
