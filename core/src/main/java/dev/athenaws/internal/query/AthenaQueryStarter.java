package dev.athenaws.internal.query;

import dev.athenaws.AthenaSettings;
import dev.athenaws.catalog.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecutionContext;
import software.amazon.awssdk.services.athena.model.ResultConfiguration;
import software.amazon.awssdk.services.athena.model.ResultReuseByAgeConfiguration;
import software.amazon.awssdk.services.athena.model.ResultReuseConfiguration;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;

/**
 * {@link QueryStarter} over {@code StartQueryExecution}. Every retry sends the same request, and so
 * the same {@code ClientRequestToken}: a start that reached Athena but whose answer was lost (a 5xx
 * after the fact, a timeout) is not run a second time by the retry.
 */
final class AthenaQueryStarter implements QueryStarter {
  private static final Logger LOG = LoggerFactory.getLogger(AthenaQueryStarter.class);
  static final String OPERATION = "StartQueryExecution";

  private final AthenaClient client;
  private final AthenaSettings settings;
  private final RetryLoop retry;

  AthenaQueryStarter(AthenaClient client, AthenaSettings settings, RetryLoop retry) {
    this.client = client;
    this.settings = settings;
    this.retry = retry;
  }

  @Override
  public String start(Statement statement, RequestKey key) {
    return run(statement, key, null);
  }

  @Override
  public String start(Statement statement, RequestKey key, Instant deadline) {
    return run(statement, key, Objects.requireNonNull(deadline, "deadline"));
  }

  /**
   * @param deadline null: bounded by the attempts only
   */
  private String run(Statement statement, RequestKey key, Instant deadline) {
    StartQueryExecutionRequest request = request(statement, key);
    try {
      String id =
          retry.call(
              OPERATION, () -> client.startQueryExecution(request).queryExecutionId(), deadline);
      LOG.debug(
          "Started query {} ({}) in work group {}", id, statement.label(), settings.workGroup());
      return id;
    } catch (InvalidRequestException e) {
      throw AthenaRejection.of(e, null, "Athena rejected the query");
    }
  }

  StartQueryExecutionRequest request(Statement statement, RequestKey key) {
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(key, "key");
    List<String> parameters = statement.executionParameters();
    StartQueryExecutionRequest.Builder b =
        StartQueryExecutionRequest.builder()
            .queryString(statement.sql())
            .clientRequestToken(key.clientRequestToken())
            .workGroup(settings.workGroup())
            .queryExecutionContext(
                QueryExecutionContext.builder()
                    .catalog(settings.catalog())
                    .database(settings.database())
                    .build());
    // Athena rejects an empty ExecutionParameters list: leave the field out instead.
    if (!parameters.isEmpty()) {
      b.executionParameters(parameters);
    }
    settings
        .outputLocation()
        .ifPresent(
            o -> b.resultConfiguration(ResultConfiguration.builder().outputLocation(o).build()));
    // The named query's own age wins over the deployment's.
    statement
        .resultReuse()
        .or(settings::resultReuseMaxAge)
        .ifPresent(
            age ->
                b.resultReuseConfiguration(
                    ResultReuseConfiguration.builder()
                        .resultReuseByAgeConfiguration(
                            ResultReuseByAgeConfiguration.builder()
                                .enabled(true)
                                .maxAgeInMinutes((int) age.toMinutes())
                                .build())
                        .build()));
    return b.build();
  }
}
