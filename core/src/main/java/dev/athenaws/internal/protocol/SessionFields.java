package dev.athenaws.internal.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.athenaws.error.ErrorCode;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The fields of the session actions ({@code cancel}, {@code resume}) while {@link MessageScan}
 * reads a message: {@code queryExecutionId}, {@code resumeToken} and {@code afterSeq}, each checked
 * for its type and size as it is read.
 *
 * <p>Thread-safety: not thread-safe; confined to one {@code decode} call.
 */
final class SessionFields {
  /**
   * Athena's QueryExecutionId: a UUID in practice; the API reference allows 1..128 characters of
   * letters, digits and hyphens (StartQueryExecution response, QueryExecutionId pattern).
   */
  static final Pattern QUERY_EXECUTION_ID = Pattern.compile("[A-Za-z0-9-]{1,128}");

  /** A token is a few hundred characters; anything far longer is not one of ours. */
  static final int MAX_TOKEN_CHARS = 4096;

  /** Records the first fault of the message. */
  interface Faults {
    void fail(ErrorCode code, String message, String field);
  }

  private final Faults faults;
  private String queryExecutionId;
  private String resumeToken;
  private int afterSeq = -1;

  SessionFields(Faults faults) {
    this.faults = faults;
  }

  void read(JsonParser p, JsonToken v, String name) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return;
    }
    switch (name) {
      case "queryExecutionId" -> {
        if (v == JsonToken.VALUE_STRING && QUERY_EXECUTION_ID.matcher(p.getText()).matches()) {
          queryExecutionId = p.getText();
          return;
        }
        faults.fail(
            ErrorCode.BAD_REQUEST,
            "Field 'queryExecutionId' must be a query execution id from 'accepted'.",
            name);
      }
      case "resumeToken" -> {
        if (v == JsonToken.VALUE_STRING && p.getTextLength() <= MAX_TOKEN_CHARS) {
          resumeToken = p.getText();
          return;
        }
        faults.fail(
            ErrorCode.BAD_REQUEST, "Field 'resumeToken' must be the string from 'accepted'.", name);
      }
      default -> {
        if (v == JsonToken.VALUE_NUMBER_INT
            && p.getNumberType() == JsonParser.NumberType.INT
            && p.getIntValue() >= -1) {
          afterSeq = p.getIntValue();
          return;
        }
        faults.fail(
            ErrorCode.BAD_REQUEST, "Field 'afterSeq' must be an integer of at least -1.", name);
      }
    }
    p.skipChildren();
  }

  /**
   * @return the first required field that is missing, or null
   */
  String missing() {
    if (queryExecutionId == null) {
      return "queryExecutionId";
    }
    return resumeToken == null ? "resumeToken" : null;
  }

  ClientMessage message(String action, String requestId) {
    return "cancel".equals(action)
        ? new ClientMessage.Cancel(requestId, queryExecutionId, resumeToken)
        : new ClientMessage.Resume(requestId, queryExecutionId, resumeToken, afterSeq);
  }
}
