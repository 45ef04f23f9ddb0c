package dev.athenaws.catalog;

import static dev.athenaws.catalog.CatalogLoadingTest.assertLoadError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The catalog JSON's {@code groups} and {@code fromClaim}. */
class IdentityCatalogJsonTest {
  private static final String P =
      "{\"queries\":[{\"name\":\"q\",\"sql\":\"SELECT ?\",\"parameters\":[%s]}]}";
  private static final String Q = "{\"queries\":[{\"name\":\"q\",\"sql\":\"SELECT 1\",%s}]}";

  @Test
  void readsGroupsAndAClaimBoundParameterWhichIsRequiredWithoutSayingSo() {
    QueryCatalog catalog =
        QueryCatalog.fromJsonString(
            "{\"queries\":[{\"name\":\"q\",\"sql\":\"SELECT ?\",\"groups\":[\"b\",\"a\"],"
                + "\"parameters\":[{\"name\":\"account\",\"type\":\"string\","
                + "\"fromClaim\":\"custom:account\",\"pattern\":\"[0-9]+\"}]}]}");
    NamedQuery q = catalog.find("q").orElseThrow();
    assertThat(q.groups()).containsExactly("b", "a");
    assertThat(q.identityBound()).isTrue();
    ParameterSpec account = q.parameters().get(0);
    assertThat(account.fromClaim()).isEqualTo("custom:account");
    assertThat(account.required()).isTrue();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "`\"groups\":[]` | field 'groups' must be a non-empty array of distinct non-blank strings",
        "`\"groups\":\"admins\"` | field 'groups' must be a non-empty array",
        "`\"groups\":[\"a\",\"a\"]` | field 'groups' must be a non-empty array of distinct",
        "`\"groups\":[\" \"]` | field 'groups' must be a non-empty array of distinct",
        "`\"groups\":[1]` | field 'groups' must be a non-empty array of distinct",
      })
  void groupErrors(String field, String message) {
    assertLoadError(() -> QueryCatalog.fromJsonString(String.format(Q, field)), message);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "`{\"name\":\"a\",\"type\":\"string\",\"fromClaim\":1}` | parameter 'a': field 'fromClaim' must be a string",
        "`{\"name\":\"a\",\"type\":\"string\",\"fromClaim\":\"\"}` | parameter 'a' field 'fromClaim': must be 1..256",
        "`{\"name\":\"a\",\"type\":\"string\",\"fromClaim\":\"a b\"}` | parameter 'a' field 'fromClaim': must be 1..256",
        "`{\"name\":\"a\",\"type\":\"integer\",\"fromClaim\":\"n\"}` | field 'fromClaim': applies to string parameters only",
        "`{\"name\":\"a\",\"type\":\"string\",\"fromClaim\":\"n\",\"required\":false,\"default\":\"x\"}` | field 'fromClaim': a claim-bound parameter is always required",
        "`{\"name\":\"a\",\"type\":\"string\",\"fromClaim\":\"n\",\"default\":\"x\"}` | field 'default': a required parameter must not have a default",
        "`{\"name\":\"a\",\"type\":\"string\",\"fromclaim\":\"n\"}` | unknown field 'fromclaim'",
      })
  void claimErrors(String parameter, String message) {
    assertLoadError(() -> QueryCatalog.fromJsonString(String.format(P, parameter)), message);
  }
}
