package dev.athenaws.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The catalog JSON's {@code groups} and {@code fromClaim} (their errors: CatalogLoadingTest). */
class IdentityCatalogJsonTest {
  @Test
  void readsGroupsAndAClaimBoundParameterWhichIsRequiredWithoutSayingSo() {
    QueryCatalog catalog =
        QueryCatalog.fromJsonString(
            "{\"queries\":[{\"name\":\"q\",\"sql\":\"SELECT ?\",\"groups\":[\"b\",\"a\"],"
                + "\"parameters\":[{\"name\":\"account\",\"type\":\"string\","
                + "\"fromClaim\":\"custom:account\",\"pattern\":\"[0-9]+\"}]}]}");
    NamedQuery q = catalog.find("q").orElseThrow();
    assertThat(q.groups()).containsExactly("b", "a");
    ParameterSpec account = q.parameters().get(0);
    assertThat(account.fromClaim()).isEqualTo("custom:account");
    assertThat(account.required()).isTrue();
  }
}
