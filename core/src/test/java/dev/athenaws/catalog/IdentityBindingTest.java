package dev.athenaws.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.catalog.QueryCatalog.Caller;
import dev.athenaws.error.AthenaWsException;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.error.InvalidParameterException;
import dev.athenaws.error.UnknownQueryException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Groups and claim-bound parameters at bind time: what the caller's identity allows. */
class IdentityBindingTest {
  private static final ParameterSpec ACCOUNT =
      ParameterSpec.builder("account", ParameterType.STRING)
          .fromClaim("account")
          .pattern("[0-9]{12}")
          .build();

  private static final QueryCatalog CATALOG =
      QueryCatalog.of(
          List.of(
              NamedQuery.named("mine")
                  .sql("SELECT * FROM t WHERE account = ? AND day >= ?")
                  .parameters(List.of(ACCOUNT, ParameterSpec.required("from", ParameterType.DATE)))
                  .build(),
              NamedQuery.named("admin-only").sql("SELECT 1").groups(Set.of("admins")).build(),
              NamedQuery.named("open").sql("SELECT 2").build()),
          null);

  private static Caller account(String value) {
    return Caller.of(Set.of("users"), Map.of("account", value));
  }

  @Test
  void theClaimIsBoundAndNeverTheClient() {
    Statement bound = CATALOG.bind("mine", Map.of("from", "2024-01-01"), account("111111111111"));
    assertThat(bound.executionParameters()).containsExactly("'111111111111'", "DATE '2024-01-01'");
  }

  @Test
  void aClientValueForAClaimBoundParameterIsRefusedEvenNull() {
    Map<String, Object> sent = new HashMap<>(Map.of("from", "2024-01-01"));
    sent.put("account", "222222222222");
    assertThatThrownBy(() -> CATALOG.bind("mine", sent, account("111111111111")))
        .isInstanceOfSatisfying(
            InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("account"))
        .hasMessage("Invalid parameter 'account': is set from your identity; do not send it");
    sent.put("account", null);
    assertThatThrownBy(() -> CATALOG.bind("mine", sent, account("111111111111")))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void noIdentityMissingClaimOrAClaimFailingTheRulesIsForbiddenWithoutTheValue() {
    Map<String, Object> sent = Map.of("from", "2024-01-01");
    for (Caller caller :
        List.of(
            Caller.ANONYMOUS,
            Caller.of(Set.of("users"), Map.of("tenant", "111111111111")),
            account("12345' OR '1'='1"))) {
      assertThatThrownBy(() -> CATALOG.bind("mine", sent, caller))
          .isInstanceOfSatisfying(
              AthenaWsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN))
          .hasMessage("Your identity does not allow this query.");
    }
    assertThatThrownBy(() -> CATALOG.bind("mine", sent))
        .hasMessage("Your identity does not allow this query.");
  }

  @Test
  void aCallerOutsideTheGroupsIsToldTheQueryDoesNotExist() {
    String missing = messageOf(() -> CATALOG.bind("admin-only-x", Map.of(), account("1")));
    String outside = messageOf(() -> CATALOG.bind("admin-only", Map.of(), account("1")));
    assertThat(outside).isEqualTo(missing.replace("admin-only-x", "admin-only"));
    assertThatThrownBy(() -> CATALOG.bind("admin-only", Map.of(), Caller.ANONYMOUS))
        .isInstanceOf(UnknownQueryException.class)
        .hasMessage("Unknown query 'admin-only'");
    Caller admin = Caller.of(Set.of("users", "admins"), Map.of());
    assertThat(CATALOG.bind("admin-only", Map.of(), admin).queryName()).isEqualTo("admin-only");
    assertThat(CATALOG.bind("open", Map.of(), Caller.ANONYMOUS).queryName()).isEqualTo("open");
  }

  @Test
  void aGroupRestrictedDefaultQueryIsUnknownToOutsiders() {
    QueryCatalog catalog =
        QueryCatalog.of(
            List.of(NamedQuery.named("d").sql("SELECT 1").groups(Set.of("g")).build()), "d");
    assertThatThrownBy(() -> catalog.bind(null, Map.of(), Caller.ANONYMOUS))
        .isInstanceOf(UnknownQueryException.class)
        .hasMessage(new UnknownQueryException(null).getMessage());
    assertThat(catalog.bind(null, Map.of(), Caller.of(Set.of("g"), Map.of())).queryName())
        .isEqualTo("d");
  }

  @Test
  void aClaimBoundParameterIsARequiredStringWithAWellFormedClaim() {
    assertThat(ACCOUNT.required()).isTrue();
    assertThatThrownBy(
            () -> ParameterSpec.builder("n", ParameterType.INTEGER).fromClaim("n").build())
        .hasMessage(
            "parameter 'n' field 'fromClaim': applies to string parameters only (claims are"
                + " strings)");
    assertThatThrownBy(
            () -> ParameterSpec.builder("a", ParameterType.STRING).fromClaim("has space").build())
        .hasMessageStartingWith("parameter 'a' field 'fromClaim': must be 1..256 printable");
    assertThatThrownBy(
            () ->
                new ParameterSpec(
                    "a",
                    ParameterType.STRING,
                    false,
                    "x",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    "account"))
        .hasMessageStartingWith("parameter 'a' field 'fromClaim': a claim-bound parameter is");
    assertThat(ParameterSpec.builder("a", ParameterType.STRING).fromClaim("custom:tenant").build())
        .extracting(ParameterSpec::fromClaim)
        .isEqualTo("custom:tenant");
  }

  @Test
  void groupsMustBeNonBlank() {
    assertThatThrownBy(() -> NamedQuery.named("q").sql("SELECT 1").groups(Set.of(" ")).build())
        .hasMessage("query 'q': field 'groups' must not hold a blank name");
    assertThat(NamedQuery.named("q").sql("SELECT 1").build().groups()).isEmpty();
  }

  private static String messageOf(Runnable call) {
    try {
      call.run();
    } catch (UnknownQueryException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected UNKNOWN_QUERY");
  }
}
