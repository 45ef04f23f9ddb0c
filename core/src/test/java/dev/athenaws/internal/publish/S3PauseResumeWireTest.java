package dev.athenaws.internal.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.AthenaSettings.ResultFetch;
import dev.athenaws.AthenaWs;
import dev.athenaws.Continuation;
import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.RemainingTime;
import dev.athenaws.Resumption;
import dev.athenaws.internal.query.QueryStats;
import dev.athenaws.internal.query.StatementKind;
import dev.athenaws.internal.s3.CsvResultPages;
import dev.athenaws.notify.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The S3 path pauses between pages like the API path (the push task's time runs low) and resumes in
 * a later run by re-opening the object and skipping the records already sent: no row lost or
 * repeated, NULL and "" kept apart around the pause points; a broken connection mid-row resumes
 * with a ranged read.
 */
class S3PauseResumeWireTest {
  private static final Duration RESERVE = Duration.ofSeconds(5);
  private final PublishHarness h = new PublishHarness();
  private final S3Script script = S3Script.of(2500);
  private final Connection client = h.api.connect("c");

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aPausedS3RunResumesWithNoRowLostOrRepeated() {
    ScriptedS3 objects = new ScriptedS3(script.csv(), ScriptedS3.Answer.SERVE);
    AthenaWs ws = h.runner(4096, Duration.ofMinutes(5), ResultFetch.AUTO, objects).ws();
    String id = finished();
    String location = "s3://fake-athena-results/" + id + ".csv";

    // Each of the first two runs has time for one page only; the third for the rest.
    List<PublishResult> results = new ArrayList<>();
    Continuation from = Continuation.start();
    for (RemainingTime time : List.of(lowAfterOnePage(), lowAfterOnePage(), unlimited())) {
      PublishResult r = ws.resume(resumption(id, location, from, time));
      results.add(r);
      if (r instanceof PublishResult.Paused p) {
        from = p.next();
      }
    }

    assertThat(results.get(0)).isInstanceOf(PublishResult.Paused.class);
    assertThat(results.get(1)).isInstanceOf(PublishResult.Paused.class);
    assertThat(results.get(2)).isEqualTo(new PublishResult.Completed(2500, chunks()));
    // Pauses after page 1 (header + 999 rows) and page 2 (1,000 more), as record counts.
    assertThat(CsvResultPages.recordsOf(((PublishResult.Paused) results.get(1)).next().nextToken()))
        .isEqualTo(2000);
    assertThat(objects.s3.opens()).containsExactly(0L, 0L, 0L);
    List<String> values = S3Wire.sValues(h.received("c"));
    assertThat(values).isEqualTo(script.sValues());
    // Around the first pause point (after row 998): NULL, "", text | text, NULL, "".
    assertThat(values.subList(996, 1002))
        .containsExactly("null", "", script.sValues().get(998), "v999", "null", "");
    assertThat(S3Wire.seqs(h.received("c")))
        .isEqualTo(IntStream.range(0, chunks()).boxed().toList());
    assertThat(S3PathWireTest.resultPath(h.received("c"))).isEqualTo("s3");
  }

  @Test
  void anS3PositionIsNotResumedFromTheApi() {
    ScriptedS3 objects = new ScriptedS3(script.csv(), ScriptedS3.Answer.DENY);
    AthenaWs ws = h.runner(4096, Duration.ofMinutes(5), ResultFetch.AUTO, objects).ws();
    String id = finished();
    Continuation s3Position = new Continuation(CsvResultPages.resumeToken(1000), 2, 3, 999, 3, -1);

    PublishResult r =
        ws.resume(
            resumption(id, "s3://fake-athena-results/" + id + ".csv", s3Position, unlimited()));

    assertThat(r).isInstanceOf(PublishResult.Failed.class);
    assertThat(S3Wire.error(h.received("c")).get("message").asText()).contains("continued");
    assertThat(h.types("c")).doesNotContain("rows");
  }

  @Test
  void aConnectionBrokenMidRowResumesFromTheByteReached() {
    ScriptedS3 objects = new ScriptedS3(script.csv(), ScriptedS3.Answer.SERVE);
    objects.s3.breakAfter(1001, 20_000);
    h.athena.nextQuery(script.query().build());

    h.runner(4096, Duration.ofMinutes(5), ResultFetch.S3, objects).run(h.job(client, "r1"));

    assertThat(objects.s3.opens()).containsExactly(0L, 1001L, 21_001L);
    assertThat(S3Wire.sValues(h.received("c"))).isEqualTo(script.sValues());
    assertThat(h.types("c")).last().isEqualTo("complete");
  }

  private int chunks() {
    return S3Wire.seqs(h.received("c")).size();
  }

  private String finished() {
    String id = h.athena.addQuery(script.query().build());
    h.time.advance(Duration.ofSeconds(1));
    return id;
  }

  /** Less than the reserve: the run publishes one page (pauses are asked between pages). */
  private static RemainingTime lowAfterOnePage() {
    return () -> RESERVE.minusSeconds(1);
  }

  private static RemainingTime unlimited() {
    return RemainingTime.unlimited();
  }

  private Resumption resumption(String id, String location, Continuation from, RemainingTime t) {
    return Resumption.builder(client)
        .requestId("r1")
        .queryExecutionId(id)
        .succeeded(StatementKind.SELECT, QueryStats.EMPTY)
        .resultLocation(location)
        .from(from)
        .timeBudget(t, RESERVE)
        .build();
  }
}
