package dev.athenaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.athenaws.Outcome.PublishResult;
import dev.athenaws.internal.protocol.Delivery;
import dev.athenaws.internal.query.QueryStats;
import dev.athenaws.internal.query.StatementKind;
import dev.athenaws.internal.s3.ObjectUnavailableException;
import dev.athenaws.internal.s3.S3Location;
import dev.athenaws.notify.ApiGateway;
import dev.athenaws.notify.Connection;
import dev.athenaws.notify.ConnectionNotifier;
import dev.athenaws.retry.VirtualTime;
import dev.athenaws.testing.FakeAthena;
import dev.athenaws.testing.FakeAthenaQuery;
import dev.athenaws.testing.FakeDownloadLinks;
import dev.athenaws.testing.FakeManagementApi;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Delivery by download link through the front door, over the wire fakes in virtual time. */
class LinkDeliveryTest {
  private static final String QUERY =
      "{\"action\":\"query\",\"query\":\"by-a\",\"parameters\":{\"a\":\"x\"},\"requestId\":\"r1\"";
  private static final String ASK_ROWS = QUERY + "}";
  private static final String ASK_LINK = QUERY + ",\"delivery\":\"link\"}";

  private final VirtualTime time = new VirtualTime();
  private final FakeAthena athena = FakeAthena.start(time);
  private final FakeManagementApi api = FakeManagementApi.start();
  private final Connection client = api.connect("conn-1=");
  private final ConnectionNotifier notifier =
      ApiGateway.notifier().clientFactory(ref -> api.client()).sleeper(time).build();
  private final FakeDownloadLinks links = new FakeDownloadLinks(time);
  private final List<AthenaWs> built = new ArrayList<>();

  @AfterEach
  void close() {
    built.forEach(AthenaWs::close);
    notifier.close();
    api.close();
    athena.close();
  }

  private AthenaWs ws(UnaryOperator<AthenaWs.Builder> configure) {
    AthenaWs ws =
        configure
            .apply(
                AthenaWs.builder()
                    .athenaClient(athena.client())
                    .notifier(notifier)
                    .catalog(AthenaWsTest.CATALOG)
                    .settings(AthenaWsTest.API_RESULTS)
                    .clock(time)
                    .sleeper(time))
            .build();
    built.add(ws);
    return ws;
  }

  private AthenaWs withLinks() {
    return ws(b -> b.downloadLinks(links));
  }

  private List<JsonNode> received() {
    return Inbox.of(api, "conn-1=");
  }

  private List<String> types() {
    return Inbox.types(api, "conn-1=");
  }

  private JsonNode ofType(String type) {
    return received().stream().filter(m -> type.equals(m.path("type").asText())).findFirst().get();
  }

  private static String inSeconds(java.time.Instant at) {
    return at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  private void nextSelect() {
    athena.nextQuery(FakeAthenaQuery.numberedSelect(2, 3).running(Duration.ofSeconds(2)).build());
  }

  @Test
  void aClientThatAsksForALinkGetsDownloadThenCompleteAndNoRows() {
    nextSelect();

    Outcome outcome = withLinks().handle(client, ASK_LINK);

    assertThat(outcome).isEqualTo(new Outcome.Ran(new PublishResult.Completed(0, 0)));
    assertThat(types()).startsWith("accepted").endsWith("download", "complete");
    assertThat(types()).doesNotContain("rows");
    String id = ofType("accepted").path("queryExecutionId").asText();
    JsonNode download = ofType("download");
    assertThat(download.path("requestId").asText()).isEqualTo("r1");
    assertThat(download.path("queryExecutionId").asText()).isEqualTo(id);
    assertThat(download.path("url").asText())
        .isEqualTo(
            "https://fake-s3/fake-athena-results/"
                + id
                + ".csv?X-Amz-Expires=900&"
                + FakeDownloadLinks.SIGNATURE);
    assertThat(download.path("contentType").asText()).isEqualTo("text/csv");
    assertThat(download.path("bytes").asLong()).isEqualTo(1234);
    assertThat(download.path("expiresAt").asText())
        .isEqualTo(inSeconds(time.instant().plus(Duration.ofMinutes(15))));
    JsonNode complete = ofType("complete");
    assertThat(complete.path("rowCount").asLong()).isZero();
    assertThat(complete.path("chunks").asInt()).isZero();
    assertThat(complete.path("statistics").isObject()).isTrue();
    assertThat(links.calls())
        .containsExactly(
            new FakeDownloadLinks.Call(
                new S3Location("fake-athena-results", id + ".csv"), Duration.ofMinutes(15)));
    assertThat(athena.calls(FakeAthena.RESULTS)).isZero();
  }

  @Test
  void theLinkLivesAsLongAsConfigured() {
    nextSelect();

    ws(b -> b.downloadLinks(links).downloadLinkTtl(Duration.ofHours(2))).handle(client, ASK_LINK);

    assertThat(links.calls().get(0).validFor()).isEqualTo(Duration.ofHours(2));
    assertThat(ofType("download").path("expiresAt").asText())
        .isEqualTo(inSeconds(time.instant().plus(Duration.ofHours(2))));
  }

  @Test
  void aClientThatAsksForRowsGetsRowsWithoutAThreshold() {
    nextSelect();

    withLinks().handle(client, ASK_ROWS);

    assertThat(types()).endsWith("rows", "complete").doesNotContain("download");
    assertThat(links.calls()).isEmpty();
  }

  @Test
  void withLinksOffALinkRequestIsServedAsRows() {
    nextSelect();

    Outcome outcome = ws(b -> b).handle(client, ASK_LINK);

    assertThat(outcome).isEqualTo(new Outcome.Ran(new PublishResult.Completed(6, 1)));
    assertThat(types()).endsWith("rows", "complete").doesNotContain("download");
  }

  @Test
  void enablingLinksWithoutASignerBuildsWithoutTouchingS3() {
    // The default signer (SignedS3 over the environment) is created at the first link: building
    // needs no region or credentials (LazyS3Test covers its creation).
    assertThatCode(() -> ws(AthenaWs.Builder::enableDownloadLinks).close())
        .doesNotThrowAnyException();
  }

  @Test
  void aResultLargerThanTheByteThresholdGoesAsALinkThoughRowsWereAsked() {
    nextSelect();
    links.bytes(5001);

    ws(b -> b.downloadLinks(links).downloadLinkAboveBytes(5000)).handle(client, ASK_ROWS);

    assertThat(types()).endsWith("download", "complete").doesNotContain("rows");
  }

  @Test
  void aResultAtTheByteThresholdGoesAsRows() {
    nextSelect();
    links.bytes(5000);

    ws(b -> b.downloadLinks(links).downloadLinkAboveBytes(5000)).handle(client, ASK_ROWS);

    assertThat(types()).endsWith("rows", "complete").doesNotContain("download");
    assertThat(links.calls()).hasSize(1); // the HeadObject that measured it
  }

  /** A finished query resumed with known statistics, as the push task does. */
  private PublishResult resume(AthenaWs ws, Long outputRows, String location, String encryption) {
    String id = athena.addQuery(FakeAthenaQuery.numberedSelect(1, 3).build());
    return ws.resume(
        Resumption.builder(client)
            .requestId("r1")
            .queryExecutionId(id)
            .queryName("by-a")
            .succeeded(StatementKind.SELECT, QueryStats.EMPTY.withOutputRows(outputRows))
            .resultLocation(location == null ? null : location.replace("ID", id))
            .resultEncryption(encryption)
            .build());
  }

  private static final String LOCATION = "s3://results/out/ID.csv";

  @Test
  void aResultWithMoreRowsThanTheThresholdGoesAsALinkThoughRowsWereAsked() {
    AthenaWs ws = ws(b -> b.downloadLinks(links).downloadLinkAboveRows(2));

    assertThat(resume(ws, 3L, LOCATION, null)).isEqualTo(new PublishResult.Completed(0, 0));

    assertThat(types()).endsWith("download", "complete").doesNotContain("rows");
    assertThat(links.calls().get(0).location().bucket()).isEqualTo("results");
  }

  @Test
  void aResultAtTheRowThresholdOrOfUnknownSizeGoesAsRowsWithoutAskingS3() {
    AthenaWs ws = ws(b -> b.downloadLinks(links).downloadLinkAboveRows(3));

    assertThat(resume(ws, 3L, LOCATION, null)).isEqualTo(new PublishResult.Completed(3, 1));
    assertThat(resume(ws, null, LOCATION, null)).isEqualTo(new PublishResult.Completed(3, 1));

    assertThat(types()).doesNotContain("download");
    assertThat(links.calls()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(ObjectUnavailableException.Reason.class)
  void whenS3RefusesTheObjectALinkRequestIsServedAsRows(ObjectUnavailableException.Reason why) {
    nextSelect();
    links.refuse(why);

    Outcome outcome = withLinks().handle(client, ASK_LINK);

    assertThat(outcome).isEqualTo(new Outcome.Ran(new PublishResult.Completed(6, 1)));
    assertThat(types()).endsWith("rows", "complete").doesNotContain("download", "error");
  }

  @Test
  void whenTheLinkFailsTransientlyALinkRequestIsServedAsRows() {
    nextSelect();
    links.failTransiently();

    withLinks().handle(client, ASK_LINK);

    assertThat(types()).endsWith("rows", "complete").doesNotContain("download", "error");
  }

  @Test
  void aClientSideEncryptedResultIsServedAsRowsWithoutAskingS3() {
    AthenaWs ws = ws(b -> b.downloadLinks(links).downloadLinkAboveRows(0));

    assertThat(resume(ws, 3L, LOCATION, "cse_kms")).isEqualTo(new PublishResult.Completed(3, 1));
    assertThat(resume(ws, 3L, LOCATION, "SSE_KMS")).isEqualTo(new PublishResult.Completed(0, 0));

    assertThat(links.calls()).hasSize(1);
  }

  @Test
  void aResultWithoutAnS3LocationIsServedAsRowsWithoutAskingS3() {
    AthenaWs ws = ws(b -> b.downloadLinks(links).downloadLinkAboveRows(0));

    assertThat(resume(ws, 3L, null, null)).isEqualTo(new PublishResult.Completed(3, 1));
    assertThat(resume(ws, 3L, "https://results/ID.csv", null))
        .isEqualTo(new PublishResult.Completed(3, 1));

    assertThat(links.calls()).isEmpty();
  }

  @Test
  void aStatementThatIsNotASelectIsServedAsRowsWithoutAskingS3() {
    String id =
        athena.addQuery(
            FakeAthenaQuery.builder()
                .statement("DDL", null)
                .column("tab_name", "string")
                .page(List.of("t"))
                .succeeds()
                .build());

    PublishResult result =
        withLinks()
            .resume(
                Resumption.builder(client)
                    .queryExecutionId(id)
                    .delivery(Delivery.LINK)
                    .succeeded(
                        StatementKind.of(
                            software.amazon.awssdk.services.athena.model.QueryExecution.builder()
                                .statementType("DDL")
                                .build()),
                        QueryStats.EMPTY)
                    .resultLocation("s3://results/" + id + ".txt")
                    .build());

    assertThat(result).isInstanceOf(PublishResult.Completed.class);
    assertThat(types()).doesNotContain("download");
    assertThat(links.calls()).isEmpty();
  }

  @Test
  void thePushTaskDeliversALinkForAQueryItReadsFromAthena() {
    String id = athena.addQuery(FakeAthenaQuery.numberedSelect(1, 3).build());

    PublishResult result =
        withLinks()
            .resume(
                Resumption.builder(client)
                    .requestId("r1")
                    .queryExecutionId(id)
                    .delivery(Delivery.LINK)
                    .build());

    assertThat(result).isEqualTo(new PublishResult.Completed(0, 0));
    assertThat(types()).containsExactly("progress", "download", "complete");
    assertThat(links.calls().get(0).location().key()).isEqualTo(id + ".csv");
  }

  @Test
  void aPushResumedMidResultKeepsSendingRows() {
    String id = athena.addQuery(FakeAthenaQuery.numberedSelect(3, 4).build());
    AthenaWs ws = withLinks();
    PublishResult first =
        ws.resume(
            Resumption.builder(client)
                .queryExecutionId(id)
                .timeBudget(() -> Duration.ZERO, Duration.ofSeconds(1))
                .build());
    Continuation next = ((PublishResult.Paused) first).next();

    PublishResult second =
        ws.resume(
            Resumption.builder(client)
                .queryExecutionId(id)
                .delivery(Delivery.LINK)
                .from(next)
                .build());

    assertThat(second).isEqualTo(new PublishResult.Completed(12, 2));
    assertThat(types()).doesNotContain("download");
    assertThat(links.calls()).isEmpty();
  }

  @Test
  void theHandOffCarriesTheClientsDelivery() {
    AtomicReference<HandOff.Request> taken = new AtomicReference<>();
    HandOff handOff =
        r -> {
          taken.set(r);
          return true;
        };

    withLinks().handle(client, ASK_LINK, RunOptions.defaults().handOffAtOnce(handOff));
    assertThat(taken.get().delivery()).isEqualTo(Delivery.LINK);

    withLinks().handle(client, ASK_ROWS, RunOptions.defaults().handOffAtOnce(handOff));
    assertThat(taken.get().delivery()).isEqualTo(Delivery.ROWS);
  }

  @Test
  void aLinkToAGoneClientEndsTheRunSilently() {
    AthenaWs ws = ws(b -> b.downloadLinks(links).downloadLinkAboveRows(0));
    api.goneAfter("conn-1=", 1); // the progress SUCCEEDED arrives, the download finds 410

    assertThat(resume(ws, 3L, LOCATION, null)).isEqualTo(new PublishResult.ConnectionGone());
    assertThat(types()).containsExactly("progress");
  }

  @Test
  void theUrlIsNeverLoggedThoughTheDeliveryIs() {
    PrintStream err = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    String id;
    try {
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
      nextSelect();
      withLinks().handle(client, ASK_LINK);
      id = ofType("download").path("queryExecutionId").asText();
      // And the paths that fall back to rows after a link was asked for.
      links.failTransiently();
      nextSelect();
      withLinks().handle(client, ASK_LINK);
    } finally {
      System.setErr(err);
    }
    String logged = log.toString(StandardCharsets.UTF_8);
    assertThat(logged).contains(id).contains("download link");
    assertThat(logged).doesNotContain(FakeDownloadLinks.SIGNATURE).doesNotContain("fake-s3");
  }
}
