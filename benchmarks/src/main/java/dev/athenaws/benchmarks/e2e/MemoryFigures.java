package dev.athenaws.benchmarks.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.local.LocalOptions;
import dev.athenaws.local.LocalStack;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

/**
 * Memory: a query of {@code memory.rows} rows (1,000,000 by default: {@code events-between}'s nine
 * columns of every sample event, times ten copies by a cross join) pushed through {@code
 * PushResultsHandler} in a child JVM limited to {@code -Xmx128m} (Lambda's smallest memory; serial
 * GC as on Lambda), against a local stack in this JVM, to a WebSocket client that checks every row
 * arrives. Reports the child's peak heap.
 *
 * <p>The push JVM reaches the stack's S3 endpoint as {@code AWS_ENDPOINT_URL_S3} (environment and
 * system property); {@code memory.env} ({@code NAME=value,...}, empty by default) adds handler
 * environment variables, such as the result-fetch setting that sends the push through the S3 path.
 */
public final class MemoryFigures {
  /** The heap limit of the pushing JVM. */
  public static final String HEAP = "-Xmx128m";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int COPIES = 10;

  private MemoryFigures() {}

  /**
   * @param rows rows pushed
   * @param seconds the push's wall time
   * @param megabytes bytes delivered to the client, 10^6
   * @param invocations push invocations
   * @param heapPeakBytes the child's heap pools' peak use, garbage included
   * @param liveAfterGcMaxBytes the largest heap left after a collection
   * @param collections garbage collections in the child
   * @param maxHeapBytes the child's heap limit as the JVM reports it
   */
  public record Result(
      long rows,
      double seconds,
      double megabytes,
      int invocations,
      long heapPeakBytes,
      long liveAfterGcMaxBytes,
      long collections,
      long maxHeapBytes) {}

  public static void main(String[] args) throws Exception {
    int rows = Integer.getInteger("memory.rows", 1_000_000);
    Result r = run(rows, System.getProperty("memory.env", ""));
    System.out.println(format(r));
  }

  /**
   * @param rows a multiple of 10, at most 100,000,000
   * @return the figures
   * @throws Exception when the stack, the query, the push or the client's checks fail
   */
  public static Result run(int rows) throws Exception {
    return run(rows, "");
  }

  /**
   * @param rows a multiple of 10, at most 100,000,000
   * @param env more environment variables of the push JVM's handlers, {@code NAME=value,...}
   * @return the figures
   * @throws Exception when the stack, the query, the push or the client's checks fail
   */
  public static Result run(int rows, String env) throws Exception {
    PushChild.environment(env); // a malformed list fails before the stack starts
    if (rows % COPIES != 0) {
      throw new IllegalArgumentException("rows must be a multiple of " + COPIES);
    }
    int events = rows / COPIES;
    try (LocalStack stack =
            LocalStack.start(
                LocalOptions.parse("--port", "0", "--events", Integer.toString(events)));
        AthenaClient athena = athena(stack.httpUri())) {
      String id =
          athena
              .startQueryExecution(
                  b ->
                      b.queryString(
                          "SELECT e.eventid, e.eventtime, e.eventname, e.eventsource, e.awsregion, e.sourceipaddress, "
                              + "e.errorcode, e.region, e.date, c.copy FROM cloudtrail_logs_partition_projection e "
                              + "CROSS JOIN range("
                              + COPIES
                              + ") c(copy)"))
              .queryExecutionId();
      awaitSucceeded(athena, id);
      try (StreamClient client = StreamClient.connect(stack.webSocketUri())) {
        // The gateway adds a connection when its socket opens, which may be just after the client
        // saw the handshake's 101.
        Set<String> ids = stack.gateway().connectionIds();
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (ids.isEmpty() && System.nanoTime() < end) {
          Thread.onSpinWait();
          ids = stack.gateway().connectionIds();
        }
        if (ids.size() != 1) {
          throw new IllegalStateException("expected one connection, found " + ids.size());
        }
        var stream =
            client.listen(
                row -> {
                  if (row.path("eventid").asText().isEmpty()) {
                    throw new IllegalStateException("row without eventid: " + row);
                  }
                });
        String out =
            ChildJvm.run(
                List.of(HEAP, "-XX:+UseSerialGC"),
                PushChild.class,
                List.of(
                    stack.httpUri().toString(),
                    stack.managementEndpoint().toString(),
                    ids.iterator().next(),
                    id,
                    env),
                java.util.Map.of("AWS_ENDPOINT_URL_S3", stack.httpUri().toString()),
                1800);
        StreamClient.Stream s = stream.get(60, TimeUnit.SECONDS);
        JsonNode pushed = pushed(out);
        if (!s.completed() || s.rows() != rows) {
          throw new IllegalStateException("client got " + s.rows() + " rows, ending " + s.last());
        }
        return new Result(
            s.rows(),
            pushed.path("seconds").asDouble(),
            s.bytes() / 1e6,
            pushed.path("invocations").asInt(),
            pushed.path("heapPeakBytes").asLong(),
            pushed.path("liveAfterGcMaxBytes").asLong(),
            pushed.path("collections").asLong(),
            pushed.path("maxHeapBytes").asLong());
      }
    }
  }

  private static JsonNode pushed(String out) throws java.io.IOException {
    for (String line : out.split("\n")) {
      if (line.startsWith("PUSHED ")) {
        return JSON.readTree(line.substring("PUSHED ".length()));
      }
    }
    throw new IllegalStateException("the push JVM printed no result: " + out);
  }

  static AthenaClient athena(URI endpoint) {
    return AthenaClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("b", "b")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static void awaitSucceeded(AthenaClient athena, String id) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < end) {
      QueryExecutionState s =
          athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution().status().state();
      if (s == QueryExecutionState.SUCCEEDED) {
        return;
      }
      if (s == QueryExecutionState.FAILED || s == QueryExecutionState.CANCELLED) {
        throw new IllegalStateException("query " + id + " ended " + s);
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("query " + id + " did not finish");
  }

  static String format(Result r) {
    return String.format(
        Locale.ROOT,
        "%nMemory: %,d rows (%.0f MB) pushed by PushResultsHandler in a "
            + "JVM with %s (-XX:+UseSerialGC; max heap reported %.0f MiB) in %.1f s, %d invocation(s): "
            + "peak heap in use %.1f MiB, largest heap after a collection %.1f MiB (old generation "
            + "included: an upper bound of the live set), %d collections%n",
        r.rows(),
        r.megabytes(),
        HEAP,
        r.maxHeapBytes() / 1048576.0,
        r.seconds(),
        r.invocations(),
        r.heapPeakBytes() / 1048576.0,
        r.liveAfterGcMaxBytes() / 1048576.0,
        r.collections());
  }
}
