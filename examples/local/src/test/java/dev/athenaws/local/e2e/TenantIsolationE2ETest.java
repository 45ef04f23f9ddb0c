package dev.athenaws.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.local.LocalStack;
import dev.athenaws.local.athena.AthenaEmulator;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Identity-bound queries over real sockets with {@code --auth jwt}: {@code events-for-my-account}
 * takes the account from the caller's token, never from the client; a query restricted to a group
 * is neither listed nor run for anyone outside it.
 */
class TenantIsolationE2ETest {
  private static final String ALICE_ACCOUNT = "123456789012";
  private static final String BOB_ACCOUNT = "210987654321";
  private static final String MINE =
      "{\"action\":\"query\",\"query\":\"events-for-my-account\",\"requestId\":\"%s\","
          + "\"parameters\":{\"startDate\":\"2021/07/01\",\"endDate\":\"2021/09/30\"%s}}";
  static LocalStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = Stacks.start("--auth", "jwt", "--events", "2000");
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void twoAccountsAtOnceEachGetOnlyTheirRows() throws Exception {
    try (WsClient alice = connect("sub=alice&claim.account=" + ALICE_ACCOUNT);
        WsClient bob = connect("sub=bob&claim.account=" + BOB_ACCOUNT)) {
      alice.send(String.format(MINE, "a", ""));
      bob.send(String.format(MINE, "b", ""));
      CompletableFuture<Result> a =
          CompletableFuture.supplyAsync(() -> Result.of(alice.untilDone(FlowScenarios.WAIT)));
      CompletableFuture<Result> b =
          CompletableFuture.supplyAsync(() -> Result.of(bob.untilDone(FlowScenarios.WAIT)));
      assertOnly(a.get(), ALICE_ACCOUNT);
      assertOnly(b.get(), BOB_ACCOUNT);
    }
  }

  private static void assertOnly(Result r, String account) {
    assertThat(r.rows()).isNotEmpty();
    assertThat(r.rows())
        .extracting(row -> row.path("recipientaccountid").asText())
        .containsOnly(account);
    assertThat(r.complete().path("rowCount").asLong()).isEqualTo(r.rows().size());
  }

  @Test
  void refusalsStartNoQuery() throws Exception {
    Set<String> started = ConcurrentHashMap.newKeySet();
    stack.athena().observe(new StartedQueries(started));
    try (WsClient alice = connect("sub=alice&claim.account=" + ALICE_ACCOUNT);
        WsClient noClaim = connect("sub=carol");
        WsClient badClaim = connect("sub=dave&claim.account=x")) {
      alice.send(String.format(MINE, "sends", ",\"account\":\"" + BOB_ACCOUNT + "\""));
      JsonNode sends = alice.expect("error", FlowScenarios.WAIT);
      assertThat(sends.path("code").asText()).isEqualTo("INVALID_PARAMETER");
      assertThat(sends.path("field").asText()).isEqualTo("account");
      assertThat(sends.path("requestId").asText()).isEqualTo("sends");

      for (WsClient c : List.of(noClaim, badClaim)) {
        c.send(String.format(MINE, "f", ""));
        JsonNode forbidden = c.expect("error", FlowScenarios.WAIT);
        assertThat(forbidden.path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(forbidden.toString()).doesNotContain("\"x\"");
      }

      alice.send("{\"action\":\"query\",\"query\":\"" + Stacks.AUDIT + "\"}");
      String outside = alice.expect("error", FlowScenarios.WAIT).path("message").asText();
      alice.send("{\"action\":\"query\",\"query\":\"" + Stacks.AUDIT + "x\"}");
      String missing = alice.expect("error", FlowScenarios.WAIT).path("message").asText();
      assertThat(outside).isEqualTo(missing.replace(Stacks.AUDIT + "x", Stacks.AUDIT));
      assertThat(started).isEmpty();
      // what is watched does start a query: the same request without the account
      alice.send(String.format(MINE, "ok", ""));
      assertThat(Result.of(alice.untilDone(FlowScenarios.WAIT)).rows()).isNotEmpty();
      assertThat(started).hasSize(1);
    } finally {
      stack.athena().observe(AthenaEmulator.Observer.NONE);
    }
  }

  @Test
  void aGroupRestrictedQueryIsListedAndRunOnlyForItsMembers() throws Exception {
    try (WsClient user = connect("sub=alice&groups=users&claim.account=" + ALICE_ACCOUNT);
        WsClient auditor = connect("sub=erin&groups=users," + Stacks.AUDITORS);
        WsClient noAccount = connect("sub=carol&groups=users")) {
      assertThat(listed(user)).contains("events-for-my-account").doesNotContain(Stacks.AUDIT);
      // Erin has no account claim: the query bound to it is not one she may run, so not listed.
      assertThat(listed(auditor)).contains(Stacks.AUDIT).doesNotContain("events-for-my-account");
      assertThat(listed(noAccount))
          .doesNotContain("events-for-my-account")
          .doesNotContain(Stacks.AUDIT);
      auditor.send("{\"action\":\"query\",\"query\":\"" + Stacks.AUDIT + "\"}");
      assertThat(Result.of(auditor.untilDone(FlowScenarios.WAIT)).rows()).hasSize(3);
      user.send("{\"action\":\"query\",\"query\":\"" + Stacks.AUDIT + "\"}");
      assertThat(user.expect("error", FlowScenarios.WAIT).path("code").asText())
          .isEqualTo("UNKNOWN_QUERY");
    }
  }

  /** The listing hides the claim-bound parameter: only the client's date range is listed. */
  @Test
  void theListingHidesTheClaimBoundParameter() throws Exception {
    try (WsClient alice = connect("sub=alice&claim.account=" + ALICE_ACCOUNT)) {
      alice.send("{\"action\":\"listQueries\"}");
      JsonNode catalog = alice.expect("catalog", FlowScenarios.WAIT);
      for (JsonNode q : catalog.path("queries")) {
        if (q.path("name").asText().equals("events-for-my-account")) {
          List<String> params = new ArrayList<>();
          q.path("parameters").forEach(p -> params.add(p.path("name").asText()));
          assertThat(params).containsExactly("startDate", "endDate");
          return;
        }
      }
      throw new AssertionError("events-for-my-account not listed: " + catalog);
    }
  }

  private static List<String> listed(WsClient c) {
    c.send("{\"action\":\"listQueries\"}");
    List<String> names = new ArrayList<>();
    c.expect("catalog", FlowScenarios.WAIT)
        .path("queries")
        .forEach(q -> names.add(q.path("name").asText()));
    return names;
  }

  private static WsClient connect(String tokenQuery) throws Exception {
    String token = Stacks.devToken(stack, "ttl=600&" + tokenQuery);
    return WsClient.connect(URI.create(stack.webSocketUri() + "?token=" + token));
  }

  /**
   * The queries StartQueryExecution started (a hand-off to the worker starts the same query again
   * with the same client request token: one id).
   */
  private record StartedQueries(Set<String> ids) implements AthenaEmulator.Observer {
    @Override
    public void called(String operation, List<String> queryExecutionIds) {
      if (operation.equals("StartQueryExecution")) {
        ids.addAll(queryExecutionIds);
      }
    }

    @Override
    public void succeeded(String queryExecutionId) {}
  }
}
