package dev.athenaws.local.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Set;

/**
 * API Gateway's route selection on {@code $request.body.action}: a text message that is a JSON
 * object whose top-level {@code action} is a string naming a route goes to that route; everything
 * else (not JSON, no or another action, a non-string action, a binary frame) goes to {@code
 * $default}.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
final class RouteSelector {
  static final String DEFAULT = "$default";
  private static final JsonFactory JSON = new JsonFactory();
  private final Set<String> routes;

  RouteSelector(Set<String> routes) {
    this.routes = Set.copyOf(routes);
  }

  String select(String body) {
    String action = action(body);
    return action != null && routes.contains(action) ? action : DEFAULT;
  }

  /**
   * @return the top-level string {@code action}, or null
   */
  private static String action(String body) {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String action = null;
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("action".equals(name) && value == JsonToken.VALUE_STRING) {
          action = p.getText();
        } else {
          p.skipChildren();
        }
      }
      // The whole message must be a well-formed object for API Gateway to evaluate the expression.
      return p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null ? action : null;
    } catch (IOException e) {
      return null;
    }
  }
}
