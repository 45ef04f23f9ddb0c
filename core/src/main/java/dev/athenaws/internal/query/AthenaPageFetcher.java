package dev.athenaws.internal.query;

import java.util.Objects;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.GetQueryResultsRequest;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;

/** {@link PageFetcher} over GetQueryResults with bounded push-back retries. */
final class AthenaPageFetcher implements PageFetcher {
  static final String OPERATION = "GetQueryResults";

  private final AthenaClient client;
  private final int maxResults;
  private final RetryLoop retry;

  AthenaPageFetcher(AthenaClient client, int maxResults, RetryLoop retry) {
    this.client = client;
    this.maxResults = maxResults;
    this.retry = retry;
  }

  @Override
  public GetQueryResultsResponse fetch(String queryExecutionId, String nextToken) {
    GetQueryResultsRequest request =
        GetQueryResultsRequest.builder()
            .queryExecutionId(Objects.requireNonNull(queryExecutionId, "queryExecutionId"))
            .nextToken(nextToken)
            .maxResults(maxResults)
            .build();
    try {
      return retry.call(OPERATION, () -> client.getQueryResults(request));
    } catch (InvalidRequestException e) {
      throw AthenaRejection.of(e, queryExecutionId, "Athena rejected the results request");
    }
  }
}
