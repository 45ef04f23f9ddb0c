package dev.athenaws.internal.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.AthenaSettings;
import dev.athenaws.AthenaWs;
import dev.athenaws.Outcome;
import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.RunOptions;
import dev.athenaws.catalog.NamedQuery;
import dev.athenaws.catalog.ParameterSpec;
import dev.athenaws.catalog.ParameterType;
import dev.athenaws.catalog.QueryCatalog;
import dev.athenaws.catalog.Statement;
import dev.athenaws.internal.protocol.ChunkPolicy;
import dev.athenaws.internal.query.CompletionWaiter;
import dev.athenaws.internal.query.PageFetcher;
import dev.athenaws.internal.query.QueryStarter;
import dev.athenaws.internal.query.RequestKey;
import dev.athenaws.internal.s3.ObjectReader;
import dev.athenaws.notify.ApiGateway;
import dev.athenaws.notify.Connection;
import dev.athenaws.notify.ConnectionNotifier;
import dev.athenaws.retry.Backoff;
import dev.athenaws.retry.RetryPolicy;
import dev.athenaws.retry.VirtualTime;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeAthenaQuery;
import dev.athenaws.testing.FakeManagementApi;
import dev.athenaws.testing.FixedRandom;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Real SDK clients against FakeAthena and FakeManagementApi, in virtual time: everything between
 * them (starter, waiter, pager, mapper, chunker, notifier, publisher) is production code.
 */
final class PublishHarness implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final VirtualTime time = new VirtualTime();
  final FakeAthena athena = FakeAthena.start(time);
  final FakeManagementApi api = FakeManagementApi.start();
  final ConnectionNotifier notifier =
      ApiGateway.notifier()
          .clientFactory(ref -> api.client())
          .retry(
              new RetryPolicy(
                  Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1)), 6))
          .sleeper(time)
          .random(new FixedRandom(0))
          .build();
  final QueryStarter starter =
      QueryStarter.builder(athena.client()).sleeper(time).clock(time).build();
  final CompletionWaiter waiter =
      CompletionWaiter.builder(athena.client())
          .polling(Backoff.POLLING.withJitter(0))
          .sleeper(time)
          .clock(time)
          .random(new FixedRandom(0))
          .build();
  final PageFetcher fetcher = PageFetcher.builder(athena.client()).sleeper(time).build();

  ResultPublisher publisher(int maxMessageBytes) {
    return ResultPublisher.builder(notifier, fetcher)
        .chunkPolicy(new ChunkPolicy(maxMessageBytes))
        .build();
  }

  /** The catalog of the runs: query {@code t} is {@code SELECT n FROM t WHERE a = ?}. */
  static final QueryCatalog CATALOG =
      QueryCatalog.of(
          List.of(
              NamedQuery.named("t")
                  .sql("SELECT n FROM t WHERE a = ?")
                  .parameters(List.of(ParameterSpec.required("a", ParameterType.STRING)))
                  .build()),
          null);

  /**
   * The front door over these fakes, run to the end with a timeout; its waiter leaves a query
   * running at the deadline (the run stops it), as {@code AthenaWs}'s own does.
   */
  Runner runner(int maxMessageBytes, Duration timeout) {
    return runner(maxMessageBytes, timeout, AthenaSettings.ResultFetch.API, null);
  }

  /** As {@link #runner(int, Duration)}, reading results as {@code fetch} says with {@code s3}. */
  Runner runner(
      int maxMessageBytes, Duration timeout, AthenaSettings.ResultFetch fetch, ObjectReader s3) {
    AthenaWs.Builder ws =
        AthenaWs.builder()
            .notifier(notifier)
            .catalog(CATALOG)
            .settings(AthenaSettings.builder().resultFetch(fetch).build())
            .queryTimeout(timeout)
            .chunkPolicy(new ChunkPolicy(maxMessageBytes))
            .clock(time)
            .sleeper(time)
            .queryStarter(starter)
            .completionWaiter(
                CompletionWaiter.builder(athena.client())
                    .polling(Backoff.POLLING.withJitter(0))
                    .sleeper(time)
                    .clock(time)
                    .random(new FixedRandom(0))
                    .stopAtDeadline(false)
                    .build())
            .athenaClient(athena.client())
            .pageFetcher(fetcher);
    if (s3 != null) {
      ws.objectReader(s3);
    }
    AthenaWs built = ws.build();
    runners.add(built);
    return new Runner(built);
  }

  private final List<AthenaWs> runners = new ArrayList<>();

  /** Runs jobs through {@link AthenaWs#handle}; each must end in this call. */
  record Runner(AthenaWs ws) {
    PublishResult run(Job job) {
      Outcome outcome =
          ws.handle(
              job.connection(),
              job.frame(),
              RunOptions.defaults().withTransportRequestId(job.identity()));
      return ((Outcome.Ran) outcome).result();
    }
  }

  /** One client frame of query {@code t} (a = 'x') and what identifies it. */
  record Job(Connection connection, String frame, String identity) {
    RequestKey key() {
      return RequestKey.of(
          connection.id(),
          identity,
          new Statement("SELECT n FROM t WHERE a = ?", List.of("'x'"), "t"));
    }
  }

  /** A job identified by its request id, or by message id "m1" when it has none. */
  Job job(Connection connection, String requestId) {
    return job(connection, requestId, requestId != null ? requestId : "m1");
  }

  Job job(Connection connection, String requestId, String identity) {
    String id = requestId == null ? "" : ",\"requestId\":\"" + requestId + "\"";
    return new Job(
        connection,
        "{\"action\":\"query\",\"query\":\"t\",\"parameters\":{\"a\":\"x\"}" + id + "}",
        identity);
  }

  /**
   * @return the messages the connection received, parsed
   */
  List<JsonNode> received(String connectionId) {
    List<JsonNode> out = new ArrayList<>();
    for (String m : api.messages(connectionId)) {
      try {
        out.add(JSON.readTree(m));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    return inSeqOrder(out);
  }

  /**
   * The messages as a client renders them: with several posts in flight rows messages may arrive
   * out of order, so they are put in {@code seq} order where rows messages arrived; every other
   * message keeps its place.
   */
  private static List<JsonNode> inSeqOrder(List<JsonNode> messages) {
    List<Integer> at = new ArrayList<>();
    List<JsonNode> rows = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i).path("type").asText().equals("rows")) {
        at.add(i);
        rows.add(messages.get(i));
      }
    }
    rows.sort(java.util.Comparator.comparingInt(m -> m.get("seq").asInt()));
    List<JsonNode> out = new ArrayList<>(messages);
    for (int k = 0; k < at.size(); k++) {
      out.set(at.get(k), rows.get(k));
    }
    return out;
  }

  /**
   * @return the "type" of each message, e.g. [accepted, progress, rows, complete]
   */
  List<String> types(String connectionId) {
    return received(connectionId).stream().map(m -> m.get("type").asText()).toList();
  }

  /**
   * @return the values of column {@code n} across all rows messages, in seq order (as a client
   *     orders them: with more than one post in flight they may arrive out of order)
   */
  List<String> rowValues(String connectionId) {
    List<String> out = new ArrayList<>();
    received(connectionId).stream()
        .filter(m -> m.get("type").asText().equals("rows"))
        .sorted(java.util.Comparator.comparingInt(m -> m.get("seq").asInt()))
        .forEach(m -> m.get("results").forEach(r -> out.add(r.get("n").asText())));
    return out;
  }

  /**
   * @return the seq of each rows message
   */
  List<Integer> seqs(String connectionId) {
    return received(connectionId).stream()
        .filter(m -> m.get("type").asText().equals("rows"))
        .map(m -> m.get("seq").asInt())
        .toList();
  }

  /** A finished SELECT of column n with values 0, 1, 2, ... over pages, header row on page 1. */
  static FakeAthenaQuery.Builder numbered(int pages, int rowsPerPage) {
    return FakeAthenaQuery.numberedSelect(pages, rowsPerPage);
  }

  static List<String> numbers(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(Integer.toString(i));
    }
    return out;
  }

  @Override
  public void close() {
    runners.forEach(AthenaWs::close);
    notifier.close();
    api.close();
    athena.close();
  }
}
