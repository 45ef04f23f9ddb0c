package dev.athenaws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.catalog.NamedQuery;
import dev.athenaws.catalog.ParameterSpec;
import dev.athenaws.catalog.ParameterType;
import dev.athenaws.catalog.QueryCatalog;
import dev.athenaws.catalog.QueryCatalog.Caller;
import dev.athenaws.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a client hears for identity-bound queries: listing, refusals, nothing started. */
class IdentityFrontDoorTest {
  private static final QueryCatalog CATALOG =
      QueryCatalog.of(
          List.of(
              NamedQuery.named("mine")
                  .sql("SELECT n FROM t WHERE account = ? AND region = ?")
                  .parameters(
                      List.of(
                          ParameterSpec.builder("account", ParameterType.STRING)
                              .fromClaim("account")
                              .pattern("[0-9]{12}")
                              .build(),
                          ParameterSpec.required("region", ParameterType.STRING)))
                  .build(),
              NamedQuery.named("audit").sql("SELECT 1").groups(Set.of("auditors")).build()),
          null);

  private final FrontDoorWire wire = new FrontDoorWire();
  private final AthenaWs ws =
      AthenaWs.builder()
          .athenaClient(wire.athena.client())
          .notifier(wire.notifier)
          .catalog(CATALOG)
          .settings(AthenaWsTest.API_RESULTS)
          .clock(wire.time)
          .sleeper(wire.time)
          .build();

  @AfterEach
  void close() {
    ws.close();
    wire.close();
  }

  private static RunOptions as(Set<String> groups, Map<String, String> claims) {
    return RunOptions.defaults().withIdentity(new RunOptions.Identity("u1", groups, claims));
  }

  private JsonNode last() {
    List<JsonNode> m = wire.received();
    return m.get(m.size() - 1);
  }

  private List<String> listed(RunOptions options) {
    assertThat(ws.handle(wire.client, "{\"action\":\"listQueries\"}", options))
        .isEqualTo(new Outcome.Listed());
    List<String> names = new ArrayList<>();
    last().path("queries").forEach(q -> names.add(q.path("name").asText()));
    return names;
  }

  @Test
  void listQueriesShowsOnlyWhatTheCallerMayRunWithoutClaimBoundParameters() {
    // "mine" binds the account claim: a caller without it cannot run it, so it is not listed.
    assertThat(listed(RunOptions.defaults())).isEmpty();
    assertThat(listed(as(Set.of("users"), Map.of()))).isEmpty();
    assertThat(listed(as(Set.of("auditors"), Map.of()))).containsExactly("audit");
    Map<String, String> account = Map.of("account", "111111111111");
    assertThat(listed(as(Set.of("users"), account))).containsExactly("mine");
    assertThat(listed(as(Set.of("auditors"), account))).containsExactly("mine", "audit");
    JsonNode mine = last().path("queries").get(0);
    assertThat(mine.path("parameters")).hasSize(1);
    assertThat(mine.path("parameters").get(0).path("name").asText()).isEqualTo("region");
    assertThat(last().toString()).doesNotContain("account").doesNotContain("fromClaim");
  }

  @Test
  void refusalsStartNoQuery() {
    String sendsAccount =
        "{\"action\":\"query\",\"query\":\"mine\",\"requestId\":\"r1\","
            + "\"parameters\":{\"account\":\"222222222222\",\"region\":\"eu\"}}";
    RunOptions alice = as(Set.of(), Map.of("account", "111111111111"));
    assertThat(ws.handle(wire.client, sendsAccount, alice))
        .isEqualTo(new Outcome.Refused(ErrorCode.INVALID_PARAMETER));
    assertThat(last().path("field").asText()).isEqualTo("account");
    assertThat(last().path("message").asText()).contains("set from your identity");

    String mine =
        "{\"action\":\"query\",\"query\":\"mine\",\"requestId\":\"r2\","
            + "\"parameters\":{\"region\":\"eu\"}}";
    for (RunOptions options :
        List.of(
            RunOptions.defaults(),
            as(Set.of(), Map.of()),
            as(Set.of(), Map.of("account", "1' OR '1'='1")))) {
      assertThat(ws.handle(wire.client, mine, options))
          .isEqualTo(new Outcome.Refused(ErrorCode.FORBIDDEN));
      assertThat(last().path("code").asText()).isEqualTo("FORBIDDEN");
      assertThat(last().path("requestId").asText()).isEqualTo("r2");
      assertThat(last().toString()).doesNotContain("OR '1'");
    }

    String audit = "{\"action\":\"query\",\"query\":\"audit\",\"requestId\":\"r3\"}";
    String nope = "{\"action\":\"query\",\"query\":\"audix\",\"requestId\":\"r3\"}";
    assertThat(ws.handle(wire.client, nope, alice))
        .isEqualTo(new Outcome.Refused(ErrorCode.UNKNOWN_QUERY));
    String unknown = last().path("message").asText();
    assertThat(ws.handle(wire.client, audit, alice))
        .isEqualTo(new Outcome.Refused(ErrorCode.UNKNOWN_QUERY));
    assertThat(last().path("message").asText()).isEqualTo(unknown.replace("audix", "audit"));
    assertThat(wire.athena.requests()).isEmpty();
  }

  @Test
  void theCatalogSeesTheSubjectAsClaimSubAndNoIdentityAsAnonymous() {
    assertThat(as(Set.of("g"), Map.of("account", "1")).caller())
        .isEqualTo(Caller.of(Set.of("g"), Map.of("account", "1", "sub", "u1")));
    assertThat(RunOptions.defaults().caller()).isEqualTo(Caller.ANONYMOUS);
  }
}
