package dev.athenaws.internal.query;

import software.amazon.awssdk.services.athena.model.EncryptionConfiguration;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.ResultConfiguration;

/**
 * Where and how a query's result object was written, read null-safely off a {@code
 * GetQueryExecution} snapshot ({@code ResultConfiguration}).
 *
 * <p>Thread-safety: stateless.
 *
 * <p>Exceptions: never throws; every method accepts null.
 */
public final class ResultLocation {
  private ResultLocation() {}

  /**
   * @param execution a snapshot, may be null
   * @return its {@code ResultConfiguration.OutputLocation}, or null
   */
  public static String outputLocation(QueryExecution execution) {
    ResultConfiguration r = execution == null ? null : execution.resultConfiguration();
    return r == null ? null : r.outputLocation();
  }

  /**
   * @param execution a snapshot, may be null
   * @return its {@code EncryptionConfiguration.EncryptionOption} as Athena spelled it ({@code
   *     SSE_S3}, {@code SSE_KMS}, {@code CSE_KMS}), or null when the result is not encrypted
   */
  public static String encryptionOption(QueryExecution execution) {
    ResultConfiguration r = execution == null ? null : execution.resultConfiguration();
    EncryptionConfiguration e = r == null ? null : r.encryptionConfiguration();
    return e == null ? null : e.encryptionOptionAsString();
  }
}
