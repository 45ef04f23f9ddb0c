package dev.athenaws.local.athena;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Athena's query result reuse, as the Athena user guide ("Reuse query results in Athena") and the
 * StartQueryExecution API reference describe it: with {@code ResultReuseConfiguration.
 * ResultReuseByAgeConfiguration.Enabled} true, a start reuses the most recent previous execution
 * that ran with the exact same query string, execution parameters, work group, catalog, database
 * and result configuration (here: the output location), SUCCEEDED no longer ago than {@code
 * MaxAgeInMinutes} (0..10080, default 60); only SELECT (and EXECUTE) statements are supported. The
 * new execution does not run the SQL: it is SUCCEEDED at once, reports {@code
 * ResultReuseInformation.ReusedPreviousResult: true} and "points to the previous result location"
 * (user guide, Key features): its {@code OutputLocation} is the previous execution's result object.
 *
 * <p>Thread-safety: stateless.
 */
final class ResultReuse {
  static final int DEFAULT_MAX_AGE_MINUTES = 60;
  static final int MAX_AGE_MINUTES = 10_080;

  private ResultReuse() {}

  /**
   * @return the maximum age a start asks for, or null when it does not enable reuse
   * @throws ApiException InvalidRequestException when MaxAgeInMinutes is out of 0..10080
   */
  static Duration maxAge(JsonNode startRequest) {
    JsonNode byAge =
        startRequest.path("ResultReuseConfiguration").path("ResultReuseByAgeConfiguration");
    if (!byAge.path("Enabled").asBoolean(false)) {
      return null;
    }
    int minutes = byAge.path("MaxAgeInMinutes").asInt(DEFAULT_MAX_AGE_MINUTES);
    if (minutes < 0 || minutes > MAX_AGE_MINUTES) {
      throw ApiException.invalidRequest(
          "1 validation error detected: Value '"
              + minutes
              + "' at 'resultReuseConfiguration.resultReuseByAgeConfiguration.maxAgeInMinutes'"
              + " failed to satisfy constraint: Member must have value less than or equal to "
              + MAX_AGE_MINUTES);
    }
    return Duration.ofMinutes(minutes);
  }

  /**
   * @param candidates the retained executions in submission order
   * @param fresh the execution about to start (not yet in the store)
   * @return the most recent execution whose result {@code fresh} may reuse, or null
   */
  static Execution find(List<Execution> candidates, Execution fresh, Duration maxAge, Instant now) {
    if (maxAge == null || !fresh.kind.isSelect()) {
      return null;
    }
    for (int i = candidates.size() - 1; i >= 0; i--) {
      Execution e = candidates.get(i);
      Execution.Snapshot s = e.snapshot();
      if (e.reusedFrom == null
          && s.state() == Execution.State.SUCCEEDED
          && s.result() != null
          && !s.completed().plus(maxAge).isBefore(now)
          && e.query.equals(fresh.query)
          && e.parameters.equals(fresh.parameters)
          && e.workGroup.equals(fresh.workGroup)
          && e.catalog.equals(fresh.catalog)
          && e.database.equals(fresh.database)
          && e.outputLocation.equals(fresh.outputLocation)) {
        return e;
      }
    }
    return null;
  }
}
