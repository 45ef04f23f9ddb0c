package dev.athenaws.local.athena;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.Row;

/**
 * Test harness: an emulator behind its HTTP adapter and the real {@link AthenaClient} pointed at it
 * (dummy static credentials, us-east-1, url-connection HTTP client, no retries), plus polling
 * helpers.
 */
final class EmulatorClient implements AutoCloseable {
  final AthenaEmulator emulator;
  final EmulatorHttpServer server;
  final AthenaClient athena;

  EmulatorClient(AthenaEmulator emulator) throws IOException {
    this.emulator = emulator;
    this.server = EmulatorHttpServer.start(emulator, new InetSocketAddress("127.0.0.1", 0));
    this.athena =
        AthenaClient.builder()
            .endpointOverride(URI.create(server.endpoint()))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "secret")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
  }

  static EmulatorClient create() throws IOException {
    return new EmulatorClient(AthenaEmulator.builder().build());
  }

  String start(String sql, String... parameters) {
    return athena
        .startQueryExecution(
            b -> {
              b.queryString(sql).queryExecutionContext(c -> c.database("default"));
              if (parameters.length > 0) {
                b.executionParameters(parameters);
              }
            })
        .queryExecutionId();
  }

  QueryExecution execution(String id) {
    return athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution();
  }

  /** Polls every 10 ms (up to 30 s) until the query is terminal. */
  QueryExecution await(String id) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      QueryExecution q = execution(id);
      QueryExecutionState s = q.status().state();
      if (s == QueryExecutionState.SUCCEEDED
          || s == QueryExecutionState.FAILED
          || s == QueryExecutionState.CANCELLED) {
        return q;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("query " + id + " still " + s);
      }
      pause(10);
    }
  }

  /** Runs {@code sql} to SUCCEEDED (or fails the test) and returns its id. */
  String run(String sql, String... parameters) {
    String id = start(sql, parameters);
    QueryExecution q = await(id);
    if (q.status().state() != QueryExecutionState.SUCCEEDED) {
      throw new AssertionError("query failed: " + q.status());
    }
    return id;
  }

  /**
   * @return every page of the query's results, following NextToken
   */
  List<GetQueryResultsResponse> pages(String id, Integer maxResults) {
    List<GetQueryResultsResponse> pages = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      GetQueryResultsResponse page =
          athena.getQueryResults(b -> b.queryExecutionId(id).nextToken(t).maxResults(maxResults));
      pages.add(page);
      token = page.nextToken();
    } while (token != null);
    return pages;
  }

  /**
   * @return the VarCharValue strings (null for a NULL datum) of every row of every page
   */
  static List<List<String>> values(List<GetQueryResultsResponse> pages) {
    List<List<String>> rows = new ArrayList<>();
    for (GetQueryResultsResponse p : pages) {
      for (Row r : p.resultSet().rows()) {
        List<String> row = new ArrayList<>();
        r.data().forEach(d -> row.add(d.varCharValue()));
        rows.add(row);
      }
    }
    return rows;
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    athena.close();
    server.close();
    emulator.close();
  }
}
