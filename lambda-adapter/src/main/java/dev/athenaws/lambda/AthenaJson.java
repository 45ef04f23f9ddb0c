package dev.athenaws.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.athena.model.AthenaError;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatistics;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;
import software.amazon.awssdk.services.athena.model.ResultReuseInformation;
import software.amazon.awssdk.services.athena.model.ResultSet;
import software.amazon.awssdk.services.athena.model.ResultSetMetadata;
import software.amazon.awssdk.services.athena.model.Row;

/**
 * Athena API shapes as Step Functions passes them on (PascalCase members, as in the Athena API
 * reference), turned into the SDK's model objects so that core maps them exactly as pages it
 * fetched itself. Only the members athena-ws reads are copied. A NULL value stays a {@code Datum}
 * without {@code VarCharValue}, apart from {@code ""}.
 */
final class AthenaJson {
  private AthenaJson() {}

  /** @param node a {@code GetQueryResults} output: {@code {"ResultSet":{...},"NextToken":...}} */
  static GetQueryResultsResponse results(JsonNode node) {
    JsonNode set = node.path("ResultSet");
    List<ColumnInfo> columns = new ArrayList<>();
    for (JsonNode c : set.path("ResultSetMetadata").path("ColumnInfo")) {
      ColumnInfo.Builder b =
          ColumnInfo.builder()
              .name(text(c, "Name"))
              .label(text(c, "Label"))
              .type(text(c, "Type"))
              .catalogName(text(c, "CatalogName"))
              .schemaName(text(c, "SchemaName"))
              .tableName(text(c, "TableName"))
              .nullable(text(c, "Nullable"));
      if (c.hasNonNull("Precision")) {
        b.precision(c.get("Precision").asInt());
      }
      if (c.hasNonNull("Scale")) {
        b.scale(c.get("Scale").asInt());
      }
      if (c.hasNonNull("CaseSensitive")) {
        b.caseSensitive(c.get("CaseSensitive").asBoolean());
      }
      columns.add(b.build());
    }
    List<Row> rows = new ArrayList<>();
    for (JsonNode r : set.path("Rows")) {
      List<Datum> data = new ArrayList<>();
      for (JsonNode d : r.path("Data")) {
        JsonNode value = d.get("VarCharValue");
        data.add(value == null || value.isNull()
            ? Datum.builder().build()
            : Datum.builder().varCharValue(value.asText()).build());
      }
      rows.add(Row.builder().data(data).build());
    }
    GetQueryResultsResponse.Builder b =
        GetQueryResultsResponse.builder()
            .resultSet(
                ResultSet.builder()
                    .resultSetMetadata(ResultSetMetadata.builder().columnInfo(columns).build())
                    .rows(rows)
                    .build())
            .nextToken(text(node, "NextToken"));
    if (node.hasNonNull("UpdateCount")) {
      b.updateCount(node.get("UpdateCount").asLong());
    }
    return b.build();
  }

  /** @param node a {@code QueryExecution} object of {@code GetQueryExecution} or a .sync task */
  static QueryExecution execution(JsonNode node) {
    JsonNode status = node.path("Status");
    QueryExecutionStatus.Builder s =
        QueryExecutionStatus.builder()
            .state(text(status, "State"))
            .stateChangeReason(text(status, "StateChangeReason"));
    JsonNode error = status.path("AthenaError");
    if (error.isObject()) {
      AthenaError.Builder e = AthenaError.builder().errorMessage(text(error, "ErrorMessage"));
      if (error.hasNonNull("ErrorCategory")) {
        e.errorCategory(error.get("ErrorCategory").asInt());
      }
      if (error.hasNonNull("ErrorType")) {
        e.errorType(error.get("ErrorType").asInt());
      }
      if (error.hasNonNull("Retryable")) {
        e.retryable(error.get("Retryable").asBoolean());
      }
      s.athenaError(e.build());
    }
    JsonNode st = node.path("Statistics");
    QueryExecutionStatistics.Builder stats =
        QueryExecutionStatistics.builder()
            .engineExecutionTimeInMillis(number(st, "EngineExecutionTimeInMillis"))
            .dataScannedInBytes(number(st, "DataScannedInBytes"))
            .totalExecutionTimeInMillis(number(st, "TotalExecutionTimeInMillis"))
            .queryQueueTimeInMillis(number(st, "QueryQueueTimeInMillis"));
    JsonNode reuse = st.path("ResultReuseInformation");
    if (reuse.hasNonNull("ReusedPreviousResult")) {
      stats.resultReuseInformation(
          ResultReuseInformation.builder()
              .reusedPreviousResult(reuse.get("ReusedPreviousResult").asBoolean())
              .build());
    }
    return QueryExecution.builder()
        .queryExecutionId(text(node, "QueryExecutionId"))
        .statementType(text(node, "StatementType"))
        .substatementType(text(node, "SubstatementType"))
        .status(s.build())
        .statistics(st.isObject() ? stats.build() : null)
        .build();
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
  }

  private static Long number(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isNumber() ? null : v.asLong();
  }
}
