package dev.athenaws.internal.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.athenaws.error.ErrorCode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of decoding one client message: the fields read so far and the first fault found.
 * {@link ClientMessageDecoder} creates one per {@code decode} call.
 *
 * <p>Thread-safety: not thread-safe; confined to one {@code decode} call.
 */
final class MessageScan {
  /** Longest JSON number literal accepted (Jackson's default too). */
  static final int MAX_NUMBER_CHARS = 1000;

  /**
   * Largest |scale| of a parameter number. {@code 1e999999999} is a short literal, but turning it
   * into plain digits later would allocate a billion chars; such numbers are refused here.
   */
  static final int MAX_NUMBER_SCALE = 1000;

  private static final String ACTIONS =
      "expected \"query\", \"listQueries\", \"cancel\", \"resume\" or \"ping\".";

  private final DecoderLimits limits;
  private String action;
  private String requestId;
  private String query;
  private String sql;
  private Delivery delivery;
  private final Map<String, Object> parameters = new LinkedHashMap<>();
  private final SessionFields session = new SessionFields(this::fail);
  private ErrorCode errorCode;
  private String errorMessage;
  private String errorField;

  MessageScan(DecoderLimits limits) {
    this.limits = limits;
  }

  DecodeResult run(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t != JsonToken.START_OBJECT) {
      return rejectNow(ErrorCode.BAD_REQUEST, "Message must be a JSON object.", null);
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "action":
          action = readString(p, v, "action", Integer.MAX_VALUE);
          break;
        case "requestId":
          readRequestId(p, v);
          break;
        case "query":
          query = readString(p, v, "query", limits.maxStringChars());
          break;
        case "sql":
          sql = readString(p, v, "sql", limits.maxSqlChars());
          break;
        case "parameters":
          readParameters(p, v);
          break;
        case "delivery":
          readDelivery(p, v);
          break;
        case "queryExecutionId":
        case "resumeToken":
        case "afterSeq":
          session.read(p, v, name);
          break;
        default:
          p.skipChildren(); // unknown fields are ignored for forward compatibility
      }
    }
    if (p.nextToken() != null) {
      return rejectNow(ErrorCode.BAD_REQUEST, "Message has content after the JSON object.", null);
    }
    if (errorCode != null) {
      return rejected();
    }
    if (action == null) {
      return rejectNow(
          ErrorCode.BAD_REQUEST, "Message has no field 'action'; " + ACTIONS, "action");
    }
    switch (action) {
      case "query":
        return new DecodeResult.Decoded(
            new ClientMessage.QueryRequest(requestId, query, parameters, sql, delivery));
      case "listQueries":
        return new DecodeResult.Decoded(new ClientMessage.ListQueriesRequest(requestId));
      case "ping":
        return new DecodeResult.Decoded(new ClientMessage.Ping(requestId));
      case "cancel":
      case "resume":
        return session.missing() != null
            ? rejectNow(
                ErrorCode.BAD_REQUEST,
                "Action " + quote(action) + " needs field '" + session.missing() + "'.",
                session.missing())
            : new DecodeResult.Decoded(session.message(action, requestId));
      default:
        return rejectNow(
            ErrorCode.BAD_REQUEST, "Unknown action " + quote(action) + "; " + ACTIONS, "action");
    }
  }

  /** Reports the first fault found so far, or else this one, with the request id read so far. */
  DecodeResult rejectNow(ErrorCode code, String message, String field) {
    fail(code, message, field);
    return rejected();
  }

  private DecodeResult rejected() {
    return new DecodeResult.Rejected(errorCode, errorMessage, requestId, errorField);
  }

  void fail(ErrorCode code, String message, String field) {
    if (errorCode == null) {
      errorCode = code;
      errorMessage = message;
      errorField = field;
    }
  }

  private void readRequestId(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return;
    }
    if (v == JsonToken.VALUE_STRING && limits.requestIdPattern().matcher(p.getText()).matches()) {
      requestId = p.getText();
      return;
    }
    fail(
        ErrorCode.BAD_REQUEST,
        "Field 'requestId' must be a string matching " + limits.requestIdPattern() + ".",
        "requestId");
    p.skipChildren();
  }

  /** {@code "rows"} or {@code "link"}; null means the default (rows), as for the other fields. */
  private void readDelivery(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return;
    }
    if (v == JsonToken.VALUE_STRING) {
      delivery = Delivery.parse(p.getText()).orElse(null);
      if (delivery != null) {
        return;
      }
    }
    fail(ErrorCode.BAD_REQUEST, "Field 'delivery' must be \"rows\" or \"link\".", "delivery");
    p.skipChildren();
  }

  /**
   * @return the string, or null for JSON null or a fault (which is recorded)
   */
  private String readString(JsonParser p, JsonToken v, String field, int maxChars)
      throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    if (v != JsonToken.VALUE_STRING) {
      fail(ErrorCode.BAD_REQUEST, "Field '" + field + "' must be a string.", field);
      p.skipChildren();
      return null;
    }
    String s = p.getText();
    if (s.length() > maxChars) {
      fail(ErrorCode.BAD_REQUEST, tooLong("Field '" + field + "'", s.length(), maxChars), field);
      return null;
    }
    if (hasUnpairedSurrogate(s)) {
      fail(ErrorCode.BAD_REQUEST, "Field '" + field + "' " + BAD_UNICODE, field);
      return null;
    }
    return s;
  }

  private static final String BAD_UNICODE = "contains invalid Unicode (an unpaired surrogate).";

  private void readParameters(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return;
    }
    if (v != JsonToken.START_OBJECT) {
      fail(ErrorCode.INVALID_PARAMETER, "Field 'parameters' must be a JSON object.", "parameters");
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (parameters.size() >= limits.maxParameters()) {
        fail(
            ErrorCode.BAD_REQUEST,
            "Too many parameters: the limit is " + limits.maxParameters() + ".",
            "parameters");
        p.skipChildren();
      } else if (name.length() > limits.maxParameterNameChars() || hasUnpairedSurrogate(name)) {
        fail(
            ErrorCode.BAD_REQUEST,
            "Parameter name "
                + quote(name)
                + " is not valid: at most "
                + limits.maxParameterNameChars()
                + " characters of valid Unicode.",
            "parameters");
        p.skipChildren();
      } else {
        readParameter(p, t, name);
      }
    }
  }

  private void readParameter(JsonParser p, JsonToken t, String name) throws IOException {
    String label = "Parameter " + quote(name);
    switch (t) {
      case VALUE_STRING:
        String s = p.getText();
        if (s.length() > limits.maxStringChars()) {
          fail(
              ErrorCode.INVALID_PARAMETER,
              tooLong(label, s.length(), limits.maxStringChars()),
              name);
        } else if (hasUnpairedSurrogate(s)) {
          fail(ErrorCode.INVALID_PARAMETER, label + " " + BAD_UNICODE, name);
        } else {
          parameters.put(name, s);
        }
        break;
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        BigDecimal d = decimal(p);
        if (d == null) {
          fail(ErrorCode.INVALID_PARAMETER, label + " is a number out of range.", name);
        } else {
          parameters.put(name, d);
        }
        break;
      case VALUE_TRUE:
      case VALUE_FALSE:
        parameters.put(name, t == JsonToken.VALUE_TRUE);
        break;
      case VALUE_NULL:
        parameters.put(name, null);
        break;
      default:
        fail(
            ErrorCode.INVALID_PARAMETER,
            label + " must be a string, number, boolean or null, not an object or array.",
            name);
        p.skipChildren();
    }
  }

  private static BigDecimal decimal(JsonParser p) throws IOException {
    try {
      BigDecimal d = p.getDecimalValue();
      return Math.abs((long) d.scale()) > MAX_NUMBER_SCALE ? null : d;
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  private static String tooLong(String what, int length, int limit) {
    return what + " is too long: " + length + " characters, the limit is " + limit + ".";
  }

  static boolean hasUnpairedSurrogate(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return true;
        }
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Quotes client input for a message: at most {@value ClientMessageDecoder#MAX_ECHO_CHARS} chars,
   * control chars and unpaired surrogates replaced by {@code ?}, {@code ...} when cut.
   */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(ClientMessageDecoder.MAX_ECHO_CHARS + 5).append('\'');
    int n = Math.min(s.length(), ClientMessageDecoder.MAX_ECHO_CHARS);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(++i));
      } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
        sb.append('?');
      } else {
        sb.append(c);
      }
    }
    if (s.length() > n) {
      sb.append("...");
    }
    return sb.append('\'').toString();
  }
}
