package dev.athenaws.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.ResultSet;
import software.amazon.awssdk.services.athena.model.ResultSetMetadata;
import software.amazon.awssdk.services.athena.model.Row;

/**
 * Deterministic {@code GetQueryResults} pages of a SELECT: 12 mixed-type columns in Athena's exact
 * text formats (docs/aws-behaviour.md), about 5% NULLs in the nullable columns, header row on page
 * 1.
 */
public final class SyntheticPages {
  static final String[] NAMES = {
    "id", "user_id", "amount", "ratio", "event_name", "event_time",
    "event_date", "read_only", "error_code", "region", "latency_ms", "score"
  };
  private static final String[] TYPES = {
    "integer", "bigint", "decimal", "double", "varchar", "timestamp",
    "date", "boolean", "varchar", "varchar", "integer", "double"
  };
  private static final String[] EVENTS = {
    "CreateTable", "GetObject", "PutObject", "AssumeRole", "DescribeInstances", "ListBuckets"
  };
  private static final String[] REGIONS = {
    "us-east-1", "eu-west-1", "ap-northeast-1", "us-west-2", "sa-east-1"
  };

  private SyntheticPages() {}

  /**
   * @return the column metadata of every page
   */
  public static List<ColumnInfo> columns() {
    List<ColumnInfo> cols = new ArrayList<>(NAMES.length);
    for (int i = 0; i < NAMES.length; i++) {
      ColumnInfo.Builder b = ColumnInfo.builder().name(NAMES[i]).label(NAMES[i]).type(TYPES[i]);
      if (TYPES[i].equals("decimal")) {
        b.precision(12).scale(2);
      }
      cols.add(b.build());
    }
    return cols;
  }

  /**
   * @param pages number of pages
   * @param rowsPerPage data rows per page (page 1 also gets the header row)
   * @param seed random seed
   * @return the pages, each with a NextToken except the last
   */
  public static List<GetQueryResultsResponse> generate(int pages, int rowsPerPage, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    ResultSetMetadata metadata = ResultSetMetadata.builder().columnInfo(columns()).build();
    List<GetQueryResultsResponse> out = new ArrayList<>(pages);
    long id = 0;
    for (int p = 0; p < pages; p++) {
      List<Row> rows = new ArrayList<>(rowsPerPage + 1);
      if (p == 0) {
        List<Datum> header = new ArrayList<>();
        for (String n : NAMES) {
          header.add(Datum.builder().varCharValue(n).build());
        }
        rows.add(Row.builder().data(header).build());
      }
      for (int r = 0; r < rowsPerPage; r++) {
        rows.add(Row.builder().data(row(random, id++)).build());
      }
      GetQueryResultsResponse.Builder page =
          GetQueryResultsResponse.builder()
              .resultSet(ResultSet.builder().resultSetMetadata(metadata).rows(rows).build());
      if (p < pages - 1) {
        page.nextToken("token-" + (p + 1));
      }
      out.add(page.build());
    }
    return out;
  }

  private static List<Datum> row(SplittableRandom random, long id) {
    String[] v = new String[NAMES.length];
    v[0] = Long.toString(id);
    v[1] = Long.toString(random.nextLong(Long.MAX_VALUE));
    v[2] = random.nextInt(1_000_000) + "." + twoDigits(random.nextInt(100));
    v[3] = Double.toString(random.nextDouble());
    v[4] = EVENTS[random.nextInt(EVENTS.length)];
    v[5] =
        "2021-0"
            + (7 + random.nextInt(3))
            + "-"
            + twoDigits(1 + random.nextInt(28))
            + " "
            + twoDigits(random.nextInt(24))
            + ":"
            + twoDigits(random.nextInt(60))
            + ":"
            + twoDigits(random.nextInt(60))
            + "."
            + threeDigits(random.nextInt(1000));
    v[6] = "2021-0" + (7 + random.nextInt(3)) + "-" + twoDigits(1 + random.nextInt(28));
    v[7] = random.nextBoolean() ? "true" : "false";
    v[8] = random.nextInt(20) == 0 ? null : (random.nextInt(4) == 0 ? "AccessDenied" : "");
    v[9] = REGIONS[random.nextInt(REGIONS.length)];
    v[10] = random.nextInt(20) == 0 ? null : Integer.toString(random.nextInt(5000));
    v[11] = random.nextInt(20) == 0 ? null : Double.toString(random.nextDouble() * 1e6);
    List<Datum> data = new ArrayList<>(v.length);
    for (String s : v) {
      data.add(s == null ? Datum.builder().build() : Datum.builder().varCharValue(s).build());
    }
    return data;
  }

  private static String twoDigits(int n) {
    return n < 10 ? "0" + n : Integer.toString(n);
  }

  private static String threeDigits(int n) {
    return n < 10 ? "00" + n : n < 100 ? "0" + n : Integer.toString(n);
  }
}
