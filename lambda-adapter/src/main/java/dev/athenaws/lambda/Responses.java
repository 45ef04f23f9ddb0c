package dev.athenaws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.athenaws.RemainingTime;

/** Small conversions at the Lambda edge. */
final class Responses {
  private Responses() {}

  /**
   * @return a response with only a status code: results travel over the connection, not here
   */
  static APIGatewayV2WebSocketResponse status(int code) {
    APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
    response.setStatusCode(code);
    return response;
  }

  /**
   * @return the invocation's remaining time, unlimited without a context (e.g. priming)
   */
  static RemainingTime remaining(Context context) {
    return context == null
        ? RemainingTime.unlimited()
        : RemainingTime.ofMillis(() -> Math.max(0, context.getRemainingTimeInMillis()));
  }
}
