package dev.athenaws.local.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Writes the management API's answers the way API Gateway's REST-JSON endpoint does: errors as a
 * status, an {@code x-amzn-ErrorType} header and a {@code {"message": ...}} body.
 */
final class HttpReplies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpReplies() {}

  static void error(Response response, Callback callback, int status, String type, String message) {
    response.getHeaders().put("x-amzn-ErrorType", type);
    json(response, callback, status, JSON.createObjectNode().put("message", message).toString());
  }

  static void json(Response response, Callback callback, int status, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
  }

  static void empty(Response response, Callback callback, int status) {
    response.setStatus(status);
    response.getHeaders().put("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
    response.write(true, null, callback);
  }
}
