package dev.athenaws.internal.s3;

/**
 * Where a finished query's rows are read from.
 *
 * <p>Thread-safety: immutable.
 */
public enum ResultFetchMode {
  /** The result object in S3 where it can serve, else {@code GetQueryResults}, per query. */
  AUTO,
  /** The result object in S3 only: a query S3 cannot serve fails with an error. */
  S3,
  /** {@code GetQueryResults} only (what athena-ws did before the S3 reader). */
  API
}
