package dev.athenaws.local.athena;

import java.util.List;

/**
 * Athena's {@code StatementType} and {@code SubstatementType} of a query, decided from its first
 * keywords: SELECT/WITH/VALUES/TABLE -> DML SELECT; INSERT -> DML INSERT; UPDATE/DELETE/MERGE ->
 * DML; CREATE TABLE ... AS (an AS outside parentheses) -> DDL CREATE_TABLE_AS_SELECT; other
 * CREATE/DROP/ALTER -> DDL {@code <VERB>_<OBJECT>}; SHOW/DESCRIBE/EXPLAIN and anything else ->
 * UTILITY.
 *
 * <p>Thread-safety: an immutable record.
 */
record StatementKind(String statementType, String substatementType) {
  static final String DML = "DML";
  static final String DDL = "DDL";
  static final String UTILITY = "UTILITY";

  boolean isSelect() {
    return DML.equals(statementType) && "SELECT".equals(substatementType);
  }

  /**
   * @return true for INSERT and CTAS, whose result is the {@code rows} count
   */
  boolean returnsUpdateCount() {
    return "INSERT".equals(substatementType) || "CREATE_TABLE_AS_SELECT".equals(substatementType);
  }

  static StatementKind of(List<SqlTokens.Token> tokens) {
    // The statement's own words are at the depth of its first word: "(SELECT 1)" is a SELECT.
    int depth =
        tokens.stream()
            .filter(t -> t.kind() == SqlTokens.Kind.WORD)
            .mapToInt(SqlTokens.Token::depth)
            .findFirst()
            .orElse(0);
    List<SqlTokens.Token> words =
        tokens.stream().filter(t -> t.kind() == SqlTokens.Kind.WORD && t.depth() == depth).toList();
    if (words.isEmpty()) {
      return new StatementKind(UTILITY, "UNKNOWN");
    }
    String first = words.get(0).upper();
    String second = words.size() > 1 ? words.get(1).upper() : "";
    switch (first) {
      case "SELECT":
      case "WITH":
      case "VALUES":
      case "TABLE":
        return new StatementKind(DML, "SELECT");
      case "INSERT":
        return new StatementKind(DML, "INSERT");
      case "UPDATE":
      case "DELETE":
        return new StatementKind(DML, first);
      case "MERGE":
        return new StatementKind(DML, "MERGE_INTO");
      case "CREATE":
        boolean table = words.stream().anyMatch(w -> w.upper().equals("TABLE"));
        boolean as = words.stream().skip(2).anyMatch(w -> w.upper().equals("AS"));
        if (table && as) {
          return new StatementKind(DDL, "CREATE_TABLE_AS_SELECT");
        }
        return new StatementKind(DDL, "CREATE_" + object(words));
      case "DROP":
      case "ALTER":
        return new StatementKind(DDL, first + "_" + object(words));
      case "DESCRIBE":
        return new StatementKind(UTILITY, "DESCRIBE_TABLE");
      case "SHOW":
        return new StatementKind(UTILITY, "SHOW_" + second);
      default:
        return new StatementKind(UTILITY, first);
    }
  }

  private static String object(List<SqlTokens.Token> words) {
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i).upper();
      if (!w.equals("OR")
          && !w.equals("REPLACE")
          && !w.equals("EXTERNAL")
          && !w.equals("TEMP")
          && !w.equals("TEMPORARY")) {
        return w;
      }
    }
    return "UNKNOWN";
  }
}
