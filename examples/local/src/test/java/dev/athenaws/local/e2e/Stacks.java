package dev.athenaws.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.athenaws.catalog.QueryCatalog;
import dev.athenaws.local.LocalOptions;
import dev.athenaws.local.LocalStack;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts local stacks for end-to-end tests, with the example catalog plus two test-only queries.
 */
final class Stacks {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** A query on a table that does not exist: FAILED in Athena, QUERY_FAILED for the client. */
  static final String BROKEN = "broken-query";

  /** A query that runs for minutes unless stopped (a self cross join of the events). */
  static final String SLOW = "slow-query";

  /** A query that runs about a second, then fails in the engine: FAILED mid-run. */
  static final String FAILS_MID_RUN = "fails-mid-run";

  /** The reason the engine gives for {@link #FAILS_MID_RUN}. */
  static final String MID_RUN_FAILURE = "the engine lost a worker";

  /** A query that declares its own result reuse age (60 minutes). */
  static final String REUSED = "reused-query";

  /** A query only members of {@value #AUDITORS} may run (and see). */
  static final String AUDIT = "audit-query";

  static final String AUDITORS = "auditors";

  private Stacks() {}

  static LocalStack start(String... flags) throws Exception {
    List<String> args =
        new ArrayList<>(List.of("--port", "0", "--query-catalog", catalog().toString()));
    args.addAll(List.of(flags));
    return LocalStack.start(LocalOptions.parse(args.toArray(String[]::new)));
  }

  /**
   * A token from the stack's local issuer ({@code --auth jwt}).
   *
   * @param query the dev-token query string, e.g. {@code sub=alice&ttl=600&claim.account=1}
   */
  static String devToken(LocalStack stack, String query) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(stack.httpUri().resolve("/dev-token?" + query)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body().strip();
  }

  private static Path catalog() throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root;
    try (InputStream in =
        QueryCatalog.class.getResourceAsStream("/" + QueryCatalog.CLOUDTRAIL_EXAMPLE)) {
      root = (ObjectNode) json.readTree(in);
    }
    ArrayNode queries = (ArrayNode) root.get("queries");
    queries
        .addObject()
        .put("name", BROKEN)
        .put("description", "reads a missing table")
        .put("sql", "SELECT * FROM no_such_table");
    queries
        .addObject()
        .put("name", SLOW)
        .put("description", "a self cross join")
        .put(
            "sql",
            "SELECT count(*) AS n FROM cloudtrail_logs_partition_projection a, "
                + "cloudtrail_logs_partition_projection b WHERE a.eventid < b.eventid");
    queries
        .addObject()
        .put("name", FAILS_MID_RUN)
        .put("description", "fails after running a while")
        .put(
            "sql",
            "SELECT count(*) AS n FROM range(300000000) t(i) WHERE CASE WHEN i = 200000000 "
                + "THEN error('"
                + MID_RUN_FAILURE
                + "') ELSE i >= 0 END");
    queries
        .addObject()
        .put("name", REUSED)
        .put("description", "declares a result reuse age")
        .put("sql", "SELECT range AS n FROM range(7)")
        .put("resultReuseMaxAgeMinutes", 60);
    ObjectNode audit =
        queries
            .addObject()
            .put("name", AUDIT)
            .put("description", "for auditors only")
            .put("sql", "SELECT range AS n FROM range(3)");
    audit.putArray("groups").add(AUDITORS);
    Path file = Files.createTempFile("e2e-catalog", ".json");
    file.toFile().deleteOnExit();
    json.writeValue(file.toFile(), root);
    return file;
  }
}
