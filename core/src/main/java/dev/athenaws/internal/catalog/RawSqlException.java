package dev.athenaws.internal.catalog;

import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;

/** A client's raw SQL was refused: BAD_REQUEST about the field {@code sql}. */
final class RawSqlException extends AthenaWsException {
  private static final long serialVersionUID = 1L;

  RawSqlException(String message) {
    super(ErrorCode.BAD_REQUEST, message);
  }

  @Override
  public String field() {
    return "sql";
  }
}
