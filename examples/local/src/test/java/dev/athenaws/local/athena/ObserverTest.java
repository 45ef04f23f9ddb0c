package dev.athenaws.local.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;

/** The observer sees every call answered, by operation and query, and each query's success. */
class ObserverTest {
  /** Records what it sees. */
  private static final class Recorder implements AthenaEmulator.Observer {
    final Map<String, List<String>> callsByQuery = new ConcurrentHashMap<>();
    final List<String> succeeded = new CopyOnWriteArrayList<>();

    @Override
    public void called(String operation, List<String> queryExecutionIds) {
      for (String id : queryExecutionIds) {
        callsByQuery.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(operation);
      }
      if (queryExecutionIds.isEmpty()) {
        callsByQuery.computeIfAbsent("", k -> new CopyOnWriteArrayList<>()).add(operation);
      }
    }

    @Override
    public void succeeded(String queryExecutionId) {
      succeeded.add(queryExecutionId);
    }
  }

  private final Recorder seen = new Recorder();
  private EmulatorClient client;

  @BeforeEach
  void start() throws Exception {
    client = EmulatorClient.create();
    client.emulator.observe(seen);
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void countsEachCallUnderItsQueryAndSeesTheSuccessOnce() {
    String id = client.run("SELECT * FROM range(2500)");
    int polls = seen.callsByQuery.get(id).size() - 1; // all but the start are polls so far
    assertThat(client.pages(id, null)).hasSize(3);
    client.athena.batchGetQueryExecution(b -> b.queryExecutionIds(id, "no-such-query"));
    assertThatThrownBy(() -> client.athena.getQueryResults(b -> b.queryExecutionId("nope")))
        .isInstanceOf(InvalidRequestException.class);

    List<String> calls = new ArrayList<>(seen.callsByQuery.get(id));
    assertThat(calls.get(0)).isEqualTo("StartQueryExecution");
    assertThat(calls.stream().filter("GetQueryExecution"::equals).count())
        .isEqualTo(polls)
        .isPositive();
    assertThat(calls.stream().filter("GetQueryResults"::equals).count()).isEqualTo(3);
    assertThat(calls.stream().filter("BatchGetQueryExecution"::equals).count()).isEqualTo(1);
    assertThat(calls).hasSize(1 + polls + 3 + 1);
    assertThat(seen.callsByQuery.get("no-such-query")).containsExactly("BatchGetQueryExecution");
    assertThat(seen.callsByQuery.get("nope")).containsExactly("GetQueryResults");
    assertThat(seen.succeeded).containsExactly(id);

    client.emulator.observe(AthenaEmulator.Observer.NONE);
    client.execution(id);
    assertThat(seen.callsByQuery.get(id)).hasSize(calls.size());
  }

  @Test
  void aFailedQueryIsNotReportedAsSucceeded() {
    String id = client.start("SELECT * FROM no_such_table");
    client.await(id);
    assertThat(seen.succeeded).isEmpty();
    assertThat(seen.callsByQuery.get(id)).startsWith("StartQueryExecution");
  }
}
