package dev.athenaws.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Athena's JSON shapes for {@link FakeAthena} (Athena API reference: GetQueryResults, ResultSet,
 * Row, Datum, ColumnInfo; timestamps as epoch seconds, as AWS JSON 1.1 sends them).
 */
final class FakeAthenaJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private FakeAthenaJson() {}

  /**
   * @return epoch seconds with millisecond fraction, a JSON number
   */
  static BigDecimal epochSeconds(Instant t) {
    return BigDecimal.valueOf(t.toEpochMilli()).movePointLeft(3);
  }

  /**
   * @return a GetQueryResults response: UpdateCount, ResultSet{Rows, ResultSetMetadata}, NextToken
   */
  static ObjectNode resultsPage(
      List<FakeAthenaQuery.Column> columns, List<List<String>> rows, String nextToken) {
    ObjectNode response = MAPPER.createObjectNode();
    response.put("UpdateCount", 0);
    ObjectNode rs = response.putObject("ResultSet");
    ArrayNode rowsJson = rs.putArray("Rows");
    for (List<String> row : rows) {
      ArrayNode data = rowsJson.addObject().putArray("Data");
      for (String v : row) {
        ObjectNode datum = data.addObject();
        if (v != null) {
          datum.put("VarCharValue", v);
        }
      }
    }
    ArrayNode info = rs.putObject("ResultSetMetadata").putArray("ColumnInfo");
    for (FakeAthenaQuery.Column c : columns) {
      // Shape as in the hand-written fixtures of dev/athenaws/results (Athena API reference
      // ColumnInfo).
      ObjectNode ci = info.addObject();
      ci.put("CatalogName", "hive");
      ci.put("SchemaName", "");
      ci.put("TableName", "");
      ci.put("Name", c.name());
      ci.put("Label", c.name());
      ci.put("Type", c.type());
      ci.put("Precision", "varchar".equals(c.type()) ? 2147483647 : 0);
      ci.put("Scale", 0);
      ci.put("Nullable", "UNKNOWN");
      ci.put("CaseSensitive", "varchar".equals(c.type()));
    }
    if (nextToken != null) {
      response.put("NextToken", nextToken);
    }
    return response;
  }

  /**
   * @return an AWS JSON 1.1 error body
   */
  static ObjectNode error(FakeAthenaFault fault) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("__type", fault.type());
    fault.members().forEach(body::put);
    return body;
  }
}
