package dev.athenaws.lambda.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lambda REQUEST authorizer of the WebSocket {@code $connect} route: verifies the caller's JWT
 * and answers API Gateway with an IAM policy that allows or denies {@code execute-api:Invoke} on
 * the event's {@code methodArn}, plus, on Allow, a context ({@code sub}, {@code groups}, the claims
 * {@code JWT_CONTEXT_CLAIMS} names) that API Gateway hands to every later route of the connection.
 *
 * <p>The token comes from the {@code token} query-string parameter or, for clients that keep it out
 * of URLs, from the {@code Sec-WebSocket-Protocol} header as an entry {@code bearer.<jwt>} next to
 * the real subprotocol ({@code athena-ws, bearer.<jwt>}); docs/security.md, "Authenticated
 * connections", weighs the two. The event is read as JSON (a stream handler): the events library's
 * {@code APIGatewayCustomAuthorizerEvent} is the REST API shape (its request context has no
 * connection id) and {@code APIGatewayV2CustomAuthorizerEvent} is the HTTP API shape ({@code
 * routeArn}, no {@code methodArn}); the WebSocket input is documented at
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html.
 *
 * <p>A refused token gets a Deny policy, which API Gateway answers with 403 (an "Unauthorized"
 * error would give 401, but that mapping is documented for REST authorizers only); the client
 * learns nothing more, the log gets the connection id and the reason, never the token.
 *
 * <p>Thread-safety: thread-safe. The public constructor throws {@link IllegalStateException} naming
 * the environment variable at fault; {@link #handleRequest} throws only {@link IOException} when
 * the output cannot be written.
 */
public final class ConnectAuthorizerHandler implements RequestStreamHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectAuthorizerHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The {@code Sec-WebSocket-Protocol} entry prefix that carries the token. */
  static final String BEARER_PREFIX = "bearer.";

  private final AuthorizerConfig config;
  private final JwtVerifier verifier;

  /**
   * Used by Lambda: reads {@code JWT_ISSUER}, {@code JWT_AUDIENCE} and the other {@code JWT_*}
   * variables once, and fetches the issuer's JWKS over HTTPS when the first token needs it.
   *
   * @throws IllegalStateException when a variable is missing or invalid
   */
  public ConnectAuthorizerHandler() {
    this(AuthorizerConfig.fromEnv(System.getenv()), Clock.systemUTC());
  }

  /**
   * For hosts outside the Lambda runtime (the local stack): the same handler over the given
   * variables instead of the process environment.
   *
   * @param env the {@code JWT_*} variables, not null
   * @return the handler
   * @throws IllegalStateException when a variable is missing or invalid
   */
  public static ConnectAuthorizerHandler fromEnvironment(Map<String, String> env) {
    return new ConnectAuthorizerHandler(AuthorizerConfig.fromEnv(env), Clock.systemUTC());
  }

  private ConnectAuthorizerHandler(AuthorizerConfig config, Clock clock) {
    this(config, new HttpJwksFetcher(config.jwksUri()), clock);
  }

  ConnectAuthorizerHandler(AuthorizerConfig config, JwksFetcher fetcher, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    Jwks jwks =
        new Jwks(
            fetcher,
            clock,
            config.jwksMinRefresh(),
            config.jwksMaxAge(),
            AuthorizerConfig.MAX_KEYS);
    this.verifier = new JwtVerifier(config, jwks, clock);
  }

  /**
   * Reads the authorizer event from {@code input} and writes the policy answer to {@code output}.
   *
   * @param input the API Gateway WebSocket REQUEST authorizer event (JSON)
   * @param output where the answer (JSON) goes
   * @param context the Lambda context, unused
   * @throws IOException when the answer cannot be written
   */
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    JsonNode event;
    try {
      event = JSON.readTree(input);
    } catch (IOException e) {
      event = null;
    }
    JSON.writeValue(output, handle(event));
  }

  /**
   * @param event the parsed event, or null when it was not JSON
   * @return the answer: Allow with a context, or Deny; never throws
   */
  Map<String, Object> handle(JsonNode event) {
    String methodArn = text(event, "methodArn");
    String connectionId = event == null ? null : text(event.get("requestContext"), "connectionId");
    if (methodArn == null) {
      LOG.warn("connect {} refused: event without methodArn", connectionId);
      return AuthorizerResponse.deny("*");
    }
    try {
      DecodedJWT jwt = verifier.verify(token(event));
      Map<String, Object> answer = AuthorizerResponse.allow(jwt, methodArn, config);
      LOG.info("connect {} authorized", connectionId);
      return answer;
    } catch (Refused refused) {
      LOG.info("connect {} refused: {}", connectionId, refused.getMessage());
      return AuthorizerResponse.deny(methodArn);
    }
  }

  /** The {@code token} query parameter, else the {@code bearer.} subprotocol entry, else null. */
  static String token(JsonNode event) {
    String query = text(event.get("queryStringParameters"), "token");
    if (query != null) {
      return query;
    }
    String protocols = header(event.get("headers"), "sec-websocket-protocol");
    if (protocols == null) {
      return null;
    }
    for (String entry : protocols.split(",")) {
      String value = entry.strip();
      if (value.startsWith(BEARER_PREFIX)) {
        return value.substring(BEARER_PREFIX.length());
      }
    }
    return null;
  }

  private static String header(JsonNode headers, String lowerName) {
    if (headers == null || !headers.isObject()) {
      return null;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().toLowerCase(Locale.ROOT).equals(lowerName)
          && field.getValue().isTextual()) {
        return field.getValue().asText();
      }
    }
    return null;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
