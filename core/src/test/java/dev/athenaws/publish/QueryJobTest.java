package dev.athenaws.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.catalog.BoundQuery;
import dev.athenaws.catalog.NamedQuery;
import dev.athenaws.catalog.ParameterSpec;
import dev.athenaws.catalog.ParameterType;
import dev.athenaws.catalog.QueryCatalog;
import dev.athenaws.notify.ConnectionRef;
import dev.athenaws.query.RequestKey;
import dev.athenaws.types.AthenaType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryJobTest {
  private static final PublishTarget TARGET =
      new PublishTarget(ConnectionRef.of("c1", "abc123", "eu-west-1", "dev"), "r1", null);

  @Test
  void aBoundQueryBecomesAJobWithItsLiteralsHintsAndKey() {
    NamedQuery query =
        NamedQuery.withParameters(
                "by_user", "", "SELECT tags FROM t WHERE user = ?",
                List.of(ParameterSpec.required("user", ParameterType.STRING)))
            .withColumnTypes(Map.of("tags", "array(varchar)"));
    BoundQuery bound =
        QueryCatalog.of(List.of(query), null).bind("by_user", Map.of("user", "o'brien"));

    QueryJob job = QueryJob.of(TARGET, "r1", bound);

    assertThat(job.target()).isEqualTo(TARGET);
    assertThat(job.sql()).isEqualTo("SELECT tags FROM t WHERE user = ?");
    assertThat(job.executionParameters()).containsExactly("'o''brien'");
    assertThat(job.columnTypes()).containsEntry("tags", AthenaType.parse("array(varchar)"));
    assertThat(job.key())
        .isEqualTo(RequestKey.of("c1", "r1", "SELECT tags FROM t WHERE user = ?",
            List.of("'o''brien'")));
  }

  @Test
  void nullArgumentsAreNamed() {
    BoundQuery bound = BoundQuery.of(NamedQuery.withoutParameters("q", "", "SELECT 1"), List.of());
    assertThatThrownBy(() -> QueryJob.of(null, "r1", bound)).hasMessage("target");
    assertThatThrownBy(() -> QueryJob.of(TARGET, "r1", (BoundQuery) null)).hasMessage("query");
    assertThatThrownBy(() -> QueryJob.of(TARGET, null, bound)).hasMessage("requestIdentity");
  }
}
