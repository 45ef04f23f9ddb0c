package dev.athenaws.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.athena.model.AthenaError;
import software.amazon.awssdk.services.athena.model.EncryptionConfiguration;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatistics;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;
import software.amazon.awssdk.services.athena.model.ResultConfiguration;
import software.amazon.awssdk.services.athena.model.ResultReuseInformation;

/**
 * Athena API shapes as Step Functions passes them on (PascalCase members, as in the Athena API
 * reference), turned into the SDK's model objects at the adapter's edge; the push task converts
 * them to core's values. Only the members athena-ws reads are copied.
 */
final class AthenaJson {
  private AthenaJson() {}

  /**
   * @param node a {@code QueryExecution} object of {@code GetQueryExecution} or a .sync task
   */
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
    JsonNode result = node.path("ResultConfiguration");
    ResultConfiguration.Builder rc =
        ResultConfiguration.builder().outputLocation(text(result, "OutputLocation"));
    String encryption = text(result.path("EncryptionConfiguration"), "EncryptionOption");
    if (encryption != null) {
      rc.encryptionConfiguration(
          EncryptionConfiguration.builder().encryptionOption(encryption).build());
    }
    return QueryExecution.builder()
        .queryExecutionId(text(node, "QueryExecutionId"))
        .resultConfiguration(result.isObject() ? rc.build() : null)
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
