package dev.athenaws.local.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.local.LocalOptions;
import dev.athenaws.local.LocalStack;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.Row;
import software.amazon.awssdk.services.s3.S3Client;

/** The emulator writes each SELECT's result to S3 as Athena's CSV, equal to GetQueryResults. */
class ResultObjectTest {
  static LocalStack stack;
  static S3Client s3;
  static AthenaClient athena;

  @BeforeAll
  static void start() throws Exception {
    stack =
        LocalStack.start(LocalOptions.parse("--port", "0", "--events", "0", "--mode", "inline"));
    s3 = S3EndpointTest.client(stack.httpUri());
    athena =
        AthenaClient.builder()
            .endpointOverride(stack.httpUri())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(S3EndpointTest.CREDENTIALS))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  @AfterAll
  static void stop() {
    athena.close();
    s3.close();
    stack.close();
  }

  @Test
  void aSelectsCsvObjectEqualsGetQueryResults() throws Exception {
    QueryExecution q =
        run(
            "SELECT * FROM (VALUES "
                + "('say \"hi\"', 'line1' || chr(10) || 'line2', CAST(NULL AS varchar), '',"
                + " ARRAY[1, 2], MAP(ARRAY['k'], ARRAY['v'])),"
                + " ('a,b', '', 'x', CAST(NULL AS varchar), ARRAY[3], MAP(ARRAY['k2'], ARRAY['v2']))"
                + ") AS t(quoted, newline, nul, empty, arr, m) ORDER BY 1 DESC");
    String location = q.resultConfiguration().outputLocation();
    assertThat(location)
        .isEqualTo(
            "s3://" + LocalStack.RESULTS_BUCKET + "/results/" + q.queryExecutionId() + ".csv");

    List<List<String>> api = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      GetQueryResultsResponse page =
          athena.getQueryResults(b -> b.queryExecutionId(q.queryExecutionId()).nextToken(t));
      for (Row r : page.resultSet().rows()) {
        api.add(r.data().stream().map(Datum::varCharValue).toList());
      }
      token = page.nextToken();
    } while (token != null);
    assertThat(api).hasSize(3); // header + 2 rows

    String key = location.substring(("s3://" + LocalStack.RESULTS_BUCKET + "/").length());
    String csv =
        s3.getObjectAsBytes(b -> b.bucket(LocalStack.RESULTS_BUCKET).key(key)).asUtf8String();
    assertThat(csv).isEqualTo(athenaCsv(api));
    // What the rules mean for this result, spelled out:
    assertThat(csv)
        .startsWith("\"quoted\",\"newline\",\"nul\",\"empty\",\"arr\",\"m\"\n")
        .contains("\"say \"\"hi\"\"\",\"line1\nline2\",,\"\",\"[1, 2]\",\"{k=v}\"\n")
        .contains("\"a,b\",\"\",\"x\",,\"[3]\",\"{k2=v2}\"\n");
  }

  @Test
  void aDdlStatementWritesNoCsv() throws Exception {
    QueryExecution q = run("CREATE TABLE ddl_only (x integer)");
    assertThat(q.resultConfiguration().outputLocation()).endsWith(q.queryExecutionId() + ".txt");
    assertThat(
            stack
                .objects()
                .head(LocalStack.RESULTS_BUCKET, "results/" + q.queryExecutionId() + ".csv"))
        .isEmpty();
  }

  /** The CSV rules, independently of the writer: all quoted, quotes doubled, NULL empty, \n. */
  private static String athenaCsv(List<List<String>> rows) {
    StringBuilder sb = new StringBuilder();
    for (List<String> row : rows) {
      List<String> fields = new ArrayList<>();
      for (String v : row) {
        fields.add(v == null ? "" : "\"" + v.replace("\"", "\"\"") + "\"");
      }
      sb.append(String.join(",", fields)).append('\n');
    }
    return sb.toString();
  }

  private static QueryExecution run(String sql) throws InterruptedException {
    String id = athena.startQueryExecution(b -> b.queryString(sql)).queryExecutionId();
    for (int i = 0; i < 500; i++) {
      QueryExecution q = athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution();
      QueryExecutionState s = q.status().state();
      if (s == QueryExecutionState.SUCCEEDED) {
        return q;
      }
      assertThat(s).isIn(QueryExecutionState.QUEUED, QueryExecutionState.RUNNING);
      Thread.onSpinWait();
    }
    throw new AssertionError("query " + id + " did not finish");
  }
}
