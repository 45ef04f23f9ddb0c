package dev.athenaws.internal.query;

import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.ResultConfiguration;

/**
 * Reads where a finished query's result object is, and how it is encrypted, off a {@code
 * QueryExecution}: {@code ResultConfiguration.OutputLocation} (absent for managed query results)
 * and {@code ResultConfiguration.EncryptionConfiguration.EncryptionOption}.
 *
 * <p>Thread-safety: stateless. Exceptions: none; missing parts read as null.
 */
public final class ResultLocation {
  private ResultLocation() {}

  /**
   * @param execution a query execution, nullable
   * @return its output location, or null
   */
  public static String outputLocation(QueryExecution execution) {
    ResultConfiguration c = execution == null ? null : execution.resultConfiguration();
    return c == null ? null : c.outputLocation();
  }

  /**
   * @param execution a query execution, nullable
   * @return its result encryption option as Athena spells it, or null
   */
  public static String encryptionOption(QueryExecution execution) {
    ResultConfiguration c = execution == null ? null : execution.resultConfiguration();
    return c == null || c.encryptionConfiguration() == null
        ? null
        : c.encryptionConfiguration().encryptionOptionAsString();
  }
}
