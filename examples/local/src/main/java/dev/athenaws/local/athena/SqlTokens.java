package dev.athenaws.local.athena;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A minimal SQL lexer in the Trino lexer's terms: {@code '...'} string literals and {@code "..."}
 * quoted identifiers (doubled quotes escape), {@code --} line and {@code /* *}{@code /} block
 * comments (skipped), words, {@code ?} markers and single-character symbols. Enough to find the
 * first keyword, positional markers and typed literals without touching text inside literals or
 * comments.
 *
 * <p>Thread-safety: stateless; token lists are immutable.
 */
final class SqlTokens {
  enum Kind {
    WORD,
    STRING,
    QUOTED,
    MARKER,
    SYMBOL
  }

  /** One token: its kind, exact text and span in the SQL, and its parenthesis depth. */
  record Token(Kind kind, String text, int start, int end, int depth) {
    String upper() {
      return text.toUpperCase(Locale.ROOT);
    }

    /**
     * @return a string literal's value without quotes and with doubled quotes undone
     */
    String literalValue() {
      return text.substring(1, text.length() - 1).replace("''", "'");
    }
  }

  private SqlTokens() {}

  /**
   * @return the tokens of {@code sql}, comments and blanks left out
   * @throws IllegalArgumentException when a literal, quoted identifier or comment is not closed
   */
  static List<Token> of(String sql) {
    List<Token> out = new ArrayList<>();
    int n = sql.length();
    int depth = 0;
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int nl = sql.indexOf('\n', i);
        i = nl < 0 ? n : nl + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int close = sql.indexOf("*/", i + 2);
        if (close < 0) {
          throw new IllegalArgumentException("unterminated /* comment");
        }
        i = close + 2;
      } else if (c == '\'' || c == '"') {
        int end = closing(sql, i, c);
        out.add(
            new Token(c == '\'' ? Kind.STRING : Kind.QUOTED, sql.substring(i, end), i, end, depth));
        i = end;
      } else if (Character.isLetterOrDigit(c) || c == '_') {
        int end = i;
        while (end < n
            && (Character.isLetterOrDigit(sql.charAt(end))
                || sql.charAt(end) == '_'
                || sql.charAt(end) == '.' && Character.isDigit(c))) {
          end++;
        }
        out.add(new Token(Kind.WORD, sql.substring(i, end), i, end, depth));
        i = end;
      } else {
        if (c == ')') {
          depth--;
        }
        out.add(
            new Token(c == '?' ? Kind.MARKER : Kind.SYMBOL, String.valueOf(c), i, i + 1, depth));
        if (c == '(') {
          depth++;
        }
        i++;
      }
    }
    return List.copyOf(out);
  }

  private static int closing(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    throw new IllegalArgumentException(
        (quote == '\'' ? "unterminated string literal" : "unterminated quoted identifier")
            + " at offset "
            + start);
  }
}
