package dev.athenaws.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.ResultSet;
import software.amazon.awssdk.services.athena.model.ResultSetMetadata;
import software.amazon.awssdk.services.athena.model.Row;

/**
 * Loads hand-written {@code GetQueryResults} responses kept in the exact JSON shape of the Athena
 * API (PascalCase members, a {@code Datum} without {@code VarCharValue} for NULL) into SDK objects.
 */
public final class ResultFixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ResultFixtures() {}

  public static GetQueryResultsResponse load(String name) {
    try (InputStream in =
        ResultFixtures.class.getResourceAsStream("/dev/athenaws/results/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return fromJson(JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static GetQueryResultsResponse fromJson(JsonNode root) {
    JsonNode rs = root.path("ResultSet");
    List<ColumnInfo> columns = new ArrayList<>();
    for (JsonNode c : rs.path("ResultSetMetadata").path("ColumnInfo")) {
      ColumnInfo.Builder b =
          ColumnInfo.builder()
              .name(c.path("Name").asText())
              .label(c.path("Label").asText())
              .type(c.path("Type").asText())
              .nullable(c.path("Nullable").asText("UNKNOWN"));
      if (c.has("Precision")) {
        b.precision(c.get("Precision").asInt());
      }
      if (c.has("Scale")) {
        b.scale(c.get("Scale").asInt());
      }
      columns.add(b.build());
    }
    List<Row> rows = new ArrayList<>();
    for (JsonNode r : rs.path("Rows")) {
      List<Datum> data = new ArrayList<>();
      for (JsonNode d : r.path("Data")) {
        data.add(
            d.has("VarCharValue")
                ? Datum.builder().varCharValue(d.get("VarCharValue").asText()).build()
                : Datum.builder().build());
      }
      rows.add(Row.builder().data(data).build());
    }
    GetQueryResultsResponse.Builder response =
        GetQueryResultsResponse.builder()
            .resultSet(
                ResultSet.builder()
                    .resultSetMetadata(ResultSetMetadata.builder().columnInfo(columns).build())
                    .rows(rows)
                    .build());
    if (root.hasNonNull("NextToken")) {
      response.nextToken(root.get("NextToken").asText());
    }
    if (root.hasNonNull("UpdateCount")) {
      response.updateCount(root.get("UpdateCount").asLong());
    }
    return response.build();
  }
}
