package dev.athenaws.internal.query;

import java.util.Locale;
import software.amazon.awssdk.services.athena.model.QueryExecution;

/**
 * What kind of statement produced a result, as Athena reports it in {@code
 * QueryExecution.StatementType} ({@code DDL}, {@code DML}, {@code UTILITY}) and {@code
 * SubstatementType} ({@code SELECT}, {@code INSERT}, {@code CREATE_TABLE_AS_SELECT}, {@code
 * SHOW_TABLES}, ...).
 *
 * <p>It decides one thing: whether row 0 of page 1 is the header row of column labels. Athena
 * writes that row only for SELECT. Deciding it by comparing row 0 with the labels (as several
 * clients do) drops a real row from {@code SELECT 'x' AS x}; deciding it per page drops the first
 * row of every later page. See docs/aws-behaviour.md, "Header row".
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: the constructor never throws; {@link #of} throws {@link NullPointerException} for
 * a null execution.
 *
 * @param statementType Athena's statement type, upper case, or null when unknown
 * @param substatementType Athena's substatement type, upper case, or null when unknown
 */
public record StatementKind(String statementType, String substatementType) {
  /** A SELECT query: the common case, with a header row on page 1. */
  public static final StatementKind SELECT = new StatementKind("DML", "SELECT");

  /**
   * Normalizes the components: trimmed, upper case, blank taken as null.
   *
   * @param statementType Athena's statement type, or null
   * @param substatementType Athena's substatement type, or null
   */
  public StatementKind {
    statementType = upper(statementType);
    substatementType = upper(substatementType);
  }

  /**
   * Reads the kind off a query execution.
   *
   * @param execution the query execution from {@code GetQueryExecution}, not null
   * @return its statement kind
   * @throws NullPointerException if execution is null
   */
  public static StatementKind of(QueryExecution execution) {
    return new StatementKind(execution.statementTypeAsString(), execution.substatementType());
  }

  /**
   * @return true when page 1 starts with a header row: a DML statement whose substatement is
   *     SELECT. A DML statement without a substatement type (responses from before Athena added the
   *     field) is taken as SELECT, the only DML that returns rows then.
   */
  public boolean hasHeaderRow() {
    return "DML".equals(statementType)
        && (substatementType == null || "SELECT".equals(substatementType));
  }

  private static String upper(String s) {
    return s == null || s.isBlank() ? null : s.trim().toUpperCase(Locale.ROOT);
  }
}
