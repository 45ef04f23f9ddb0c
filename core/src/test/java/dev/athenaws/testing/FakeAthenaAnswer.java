package dev.athenaws.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * An HTTP answer of {@link FakeAthena}: a status and a JSON body.
 *
 * @param status the HTTP status
 * @param body the AWS JSON 1.1 body
 */
record FakeAthenaAnswer(int status, ObjectNode body) {
  static FakeAthenaAnswer ok(ObjectNode body) {
    return new FakeAthenaAnswer(200, body);
  }

  static FakeAthenaAnswer ok(String member, ObjectNode value) {
    ObjectNode o = FakeAthenaJson.MAPPER.createObjectNode();
    o.set(member, value);
    return ok(o);
  }

  static FakeAthenaAnswer fault(FakeAthenaFault f) {
    return new FakeAthenaAnswer(f.status(), FakeAthenaJson.error(f));
  }

  /**
   * @return 400 InvalidRequestException with AthenaErrorCode INVALID_INPUT
   */
  static FakeAthenaAnswer invalid(String message) {
    return fault(FakeAthenaFault.invalidRequest("INVALID_INPUT", message));
  }

  static FakeAthenaAnswer unknownOperation() {
    return fault(new FakeAthenaFault(400, "UnknownOperationException", Map.of()));
  }
}
