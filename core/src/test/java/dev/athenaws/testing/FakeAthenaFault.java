package dev.athenaws.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answer of {@link FakeAthena}, in the AWS JSON 1.1 error shape Athena uses: an HTTP
 * status and a body {@code {"__type": "...", "Message": "...", ...}} (AWS JSON 1.1 protocol spec,
 * smithy.io "awsJson1_1 protocol", "Operation error serialization"; members from the Athena API
 * reference "Errors" sections).
 *
 * @param status the HTTP status
 * @param type the error shape name, the {@code __type}
 * @param members the other body members (Message, Reason, AthenaErrorCode), in order
 */
public record FakeAthenaFault(int status, String type, Map<String, String> members) {
  public FakeAthenaFault {
    members = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
  }

  /**
   * @return 400 ThrottlingException "Rate exceeded", the API rate limit
   */
  public static FakeAthenaFault throttling() {
    return new FakeAthenaFault(400, "ThrottlingException", Map.of("Message", "Rate exceeded"));
  }

  /**
   * @return 400 TooManyRequestsException without a reason
   */
  public static FakeAthenaFault tooManyRequests() {
    return new FakeAthenaFault(400, "TooManyRequestsException", Map.of("Message", "Rate exceeded"));
  }

  /**
   * @return 400 TooManyRequestsException with Reason CONCURRENT_QUERY_LIMIT_EXCEEDED
   */
  public static FakeAthenaFault concurrencyLimit() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(
        "Message",
        "You have exceeded the limit for the number of queries you can run concurrently.");
    m.put("Reason", "CONCURRENT_QUERY_LIMIT_EXCEEDED");
    return new FakeAthenaFault(400, "TooManyRequestsException", m);
  }

  /**
   * @return 500 InternalServerException
   */
  public static FakeAthenaFault internal() {
    return new FakeAthenaFault(500, "InternalServerException", Map.of("Message", "Internal error"));
  }

  /**
   * @param athenaErrorCode such as {@code INVALID_INPUT} or {@code MALFORMED_QUERY}
   * @param message the message
   * @return 400 InvalidRequestException
   */
  public static FakeAthenaFault invalidRequest(String athenaErrorCode, String message) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("AthenaErrorCode", athenaErrorCode);
    m.put("Message", message);
    return new FakeAthenaFault(400, "InvalidRequestException", m);
  }
}
