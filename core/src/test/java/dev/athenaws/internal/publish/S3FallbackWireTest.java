package dev.athenaws.internal.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.AthenaSettings.ResultFetch;
import dev.athenaws.AthenaWs;
import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.Resumption;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.internal.query.QueryStats;
import dev.athenaws.internal.query.StatementKind;
import dev.athenaws.notify.Connection;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Where S3 cannot serve a result (403, 404, not a SELECT, no output location, client-side
 * encryption), mode AUTO ends on the API path with every row, and mode S3 fails with a clear error.
 */
class S3FallbackWireTest {
  private static final String RESULTS = "s3://fake-athena-results/";
  private final PublishHarness h = new PublishHarness();
  private final S3Script script = S3Script.of(30);
  private final Connection client = h.api.connect("c");

  @AfterEach
  void close() {
    h.close();
  }

  enum Refusal {
    DENIED,
    MISSING,
    NOT_A_SELECT
  }

  @ParameterizedTest
  @EnumSource(Refusal.class)
  void autoEndsOnTheApiPathWithEveryRow(Refusal refusal) {
    run(refusal, ResultFetch.AUTO);

    assertThat(servedBy()).isEqualTo("api");
    assertThat(S3Wire.error(h.received("c"))).isNull();
    if (refusal != Refusal.NOT_A_SELECT) {
      assertThat(S3Wire.sValues(h.received("c"))).isEqualTo(script.sValues());
    }
  }

  @ParameterizedTest
  @EnumSource(Refusal.class)
  void modeS3FailsWithAClearError(Refusal refusal) {
    run(refusal, ResultFetch.S3);

    JsonNode error = S3Wire.error(h.received("c"));
    assertThat(error).isNotNull();
    assertThat(error.get("code").asText()).isEqualTo(ErrorCode.INTERNAL.name());
    assertThat(error.get("message").asText()).contains("cannot be read from S3");
    assertThat(h.types("c")).doesNotContain("rows", "complete");
  }

  @Test
  void managedResultsAndClientSideEncryptionEndOnTheApiPathInAuto() {
    AthenaWs ws = ws(ResultFetch.AUTO, ScriptedS3.Answer.SERVE);
    String id = finished();

    PublishResult noLocation = ws.resume(succeeded(id, null, null));
    PublishResult encrypted = ws.resume(succeeded(id, RESULTS + id + ".csv", "CSE_KMS"));

    assertThat(noLocation).isInstanceOf(PublishResult.Completed.class);
    assertThat(encrypted).isInstanceOf(PublishResult.Completed.class);
    assertThat(h.received("c").stream().filter(m -> m.path("type").asText().equals("complete")))
        .extracting(m -> m.path("statistics").path("resultPath").asText())
        .containsExactly("api", "api");
  }

  @Test
  void managedResultsAndClientSideEncryptionFailInModeS3() {
    AthenaWs ws = ws(ResultFetch.S3, ScriptedS3.Answer.SERVE);
    String id = finished();

    PublishResult noLocation = ws.resume(succeeded(id, null, null));
    PublishResult encrypted = ws.resume(succeeded(id, RESULTS + id + ".csv", "cse_kms"));

    assertThat(noLocation).isEqualTo(new PublishResult.Failed(ErrorCode.INTERNAL, true));
    assertThat(encrypted).isEqualTo(new PublishResult.Failed(ErrorCode.INTERNAL, true));
    assertThat(h.types("c")).doesNotContain("rows", "complete");
  }

  @Test
  void serverSideEncryptedResultsAreReadFromS3() {
    AthenaWs ws = ws(ResultFetch.S3, ScriptedS3.Answer.SERVE);
    String id = finished();

    ws.resume(succeeded(id, RESULTS + id + ".csv", "SSE_KMS"));

    assertThat(servedBy()).isEqualTo("s3");
    assertThat(S3Wire.sValues(h.received("c"))).isEqualTo(script.sValues());
  }

  private void run(Refusal refusal, ResultFetch mode) {
    ScriptedS3 objects =
        new ScriptedS3(
            script.csv(),
            switch (refusal) {
              case DENIED -> ScriptedS3.Answer.DENY;
              case MISSING -> ScriptedS3.Answer.MISSING;
              case NOT_A_SELECT -> ScriptedS3.Answer.SERVE;
            });
    var q = script.query();
    if (refusal == Refusal.NOT_A_SELECT) {
      q.statement("UTILITY", "SHOW_TABLES");
    }
    h.athena.nextQuery(q.build());
    h.runner(4096, Duration.ofMinutes(5), mode, objects).run(h.job(client, "r1"));
  }

  /** A query that finished before the push task resumes it. */
  private String finished() {
    String id = h.athena.addQuery(script.query().build());
    h.time.advance(Duration.ofSeconds(1));
    return id;
  }

  private AthenaWs ws(ResultFetch mode, ScriptedS3.Answer answer) {
    return h.runner(4096, Duration.ofMinutes(5), mode, new ScriptedS3(script.csv(), answer)).ws();
  }

  private Resumption succeeded(String id, String location, String encryption) {
    return Resumption.builder(client)
        .requestId("r1")
        .queryExecutionId(id)
        .succeeded(StatementKind.SELECT, QueryStats.EMPTY)
        .resultLocation(location)
        .resultEncryption(encryption)
        .build();
  }

  private String servedBy() {
    return S3PathWireTest.resultPath(h.received("c"));
  }
}
