package dev.athenaws.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.http.HttpExecuteResponse;

/**
 * Reads a {@code GetSecretValue} response (AWS JSON 1.1): {@code SecretString} on success, the AWS
 * error code and message otherwise. The code: the {@code X-Amzn-ErrorType} header, else the body's
 * {@code __type}, else its {@code code}, less a {@code namespace#} prefix and a {@code :...} suffix
 * (Smithy, "AWS JSON 1.1 protocol", operation error serialization,
 * https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html). The message is the body's {@code
 * message} or {@code Message}. Stateless.
 */
final class SecretsManagerResponses {
  /** More than a secret's size (64 KiB, Secrets Manager quotas) with its JSON around it. */
  private static final int MAX_BODY = 1 << 20;

  private static final int MAX_MESSAGE = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  private SecretsManagerResponses() {}

  /**
   * @throws SecretUnavailableException for an error response, a response that is not the JSON
   *     expected, or a secret without {@code SecretString} (a binary secret)
   * @throws IOException when the body cannot be read
   */
  static String secretString(HttpExecuteResponse response)
      throws SecretUnavailableException, IOException {
    int status = response.httpResponse().statusCode();
    String text = body(response);
    JsonNode json = parse(text);
    if (status / 100 != 2) {
      String code =
          response
              .httpResponse()
              .firstMatchingHeader("X-Amzn-ErrorType")
              .or(() -> field(json, "__type"))
              .or(() -> field(json, "code"))
              .map(SecretsManagerResponses::sanitize)
              .orElse("HttpStatus" + status);
      String message = field(json, "message").or(() -> field(json, "Message")).orElse("");
      if (message.length() > MAX_MESSAGE) {
        message = message.substring(0, MAX_MESSAGE) + "...";
      }
      throw new SecretUnavailableException(code, "HTTP " + status + " " + message, null);
    }
    if (json == null || !json.isObject()) {
      throw new SecretUnavailableException(
          "MalformedResponse", "HTTP " + status + " without a JSON object", null);
    }
    return field(json, "SecretString")
        .orElseThrow(
            () ->
                new SecretUnavailableException(
                    "NoSecretString",
                    "the secret has no SecretString (a binary secret is not supported)",
                    null));
  }

  /** The bare shape name of a wire error code ({@code ns#Name:url} to {@code Name}). */
  static String sanitize(String code) {
    String c = code.strip();
    int colon = c.indexOf(':');
    if (colon >= 0) {
      c = c.substring(0, colon);
    }
    int hash = c.indexOf('#');
    return hash >= 0 ? c.substring(hash + 1) : c;
  }

  private static JsonNode parse(String text) {
    try {
      return text.isBlank() ? null : JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  private static Optional<String> field(JsonNode json, String name) {
    if (json == null) {
      return Optional.empty();
    }
    JsonNode v = json.get(name);
    return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
  }

  private static String body(HttpExecuteResponse response) throws IOException {
    Optional<? extends InputStream> stream = response.responseBody();
    if (stream.isEmpty()) {
      return "";
    }
    try (InputStream in = stream.get()) {
      return new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
    }
  }
}
