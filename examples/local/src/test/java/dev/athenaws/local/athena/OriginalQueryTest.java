package dev.athenaws.local.athena;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.internal.types.AthenaType;
import dev.athenaws.internal.types.ValueConverters;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;

/**
 * The original design's query, verbatim (double blank included), over the sample CloudTrail data.
 */
class OriginalQueryTest {
  private static final String ORIGINAL =
      "SELECT * FROM cloudtrail_logs_partition_projection WHERE eventname = "
          + "'CreateTable' AND  region = 'ap-northeast-1' AND date BETWEEN '2021/08/01' AND '2021/09/01';";

  private static EmulatorClient client;

  @BeforeAll
  static void start() throws Exception {
    client = new EmulatorClient(AthenaEmulator.builder().sampleData(20_000, 42).build());
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Test
  void runsVerbatimAndEveryRowMatchesThePredicate() {
    List<GetQueryResultsResponse> pages = client.pages(client.run(ORIGINAL), null);
    List<ColumnInfo> info = pages.get(0).resultSet().resultSetMetadata().columnInfo();
    List<String> labels = info.stream().map(ColumnInfo::label).toList();
    assertThat(labels)
        .hasSize(25)
        .startsWith("eventversion", "useridentity", "eventtime")
        .endsWith("region", "date");
    assertThat(info.get(1).type()).isEqualTo("row");
    assertThat(info.get(labels.indexOf("resources")).type()).isEqualTo("array");
    List<List<String>> rows = EmulatorClient.values(pages);
    assertThat(rows.get(0)).isEqualTo(labels);
    List<List<String>> data = rows.subList(1, rows.size());
    assertThat(data).isNotEmpty();
    int name = labels.indexOf("eventname");
    int region = labels.indexOf("region");
    int date = labels.indexOf("date");
    assertThat(data)
        .allSatisfy(
            r -> {
              assertThat(r.get(name)).isEqualTo("CreateTable");
              assertThat(r.get(region)).isEqualTo("ap-northeast-1");
              assertThat(r.get(date)).isBetween("2021/08/01", "2021/09/01");
            });
  }

  @Test
  void nestedUserIdentityParsesWithItsTypeHint() {
    String id =
        client.run(
            "SELECT useridentity, resources FROM cloudtrail_logs_partition_projection "
                + "WHERE useridentity.type = 'AssumedRole' AND eventname = 'GetObject' LIMIT 1");
    List<String> row = EmulatorClient.values(client.pages(id, null)).get(1);
    AthenaType identity =
        AthenaType.parse(
            "row(type varchar, principalid varchar, arn varchar, accountid varchar, "
                + "invokedby varchar, accesskeyid varchar, username varchar, sessioncontext row(attributes row("
                + "mfaauthenticated varchar, creationdate varchar), sessionissuer row(type varchar, principalid varchar, "
                + "arn varchar, accountid varchar, username varchar)))");
    @SuppressWarnings("unchecked")
    var value =
        (java.util.Map<String, Object>) ValueConverters.forType(identity).convert(row.get(0));
    assertThat(value.get("type")).isEqualTo("AssumedRole");
    assertThat(value.get("invokedby")).isNull();
    assertThat(row.get(0))
        .startsWith("{type=AssumedRole, principalid=AROA")
        .contains("sessionissuer={type=Role");
    assertThat(row.get(1)).startsWith("[{arn=arn:aws:s3:::").endsWith("type=AWS::S3::Bucket}]");
  }
}
