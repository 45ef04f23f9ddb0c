package dev.athenaws.cdk;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.WebSocketLambdaAuthorizer;
import software.amazon.awscdk.services.apigatewayv2.CfnAuthorizer;
import software.amazon.awscdk.services.apigatewayv2.IWebSocketRouteAuthorizer;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The {@code $connect} authorizer: the lambda-adapter's {@link HandlerClasses#CONNECT_AUTHORIZER}
 * as a Lambda function of its own (same jar) and a WebSocket REQUEST authorizer that calls its
 * {@code live} alias. The function's role gets nothing beyond what {@link JavaFunction} gives every
 * function (logs, X-Ray): it verifies tokens against the issuer's public JWKS over HTTPS and calls
 * no AWS API.
 *
 * <p><b>No identity source.</b> API Gateway calls a REQUEST authorizer only when every configured
 * identity source is present and non-empty, and answers 401 without calling it otherwise; for a
 * WebSocket API the identity source is optional (API Gateway V2 API reference, Authorizer, {@code
 * identitySource}: "For a REQUEST authorizer, this is optional"; "verifying all of the
 * identity-related request parameters are present ... Otherwise, it returns a 401 Unauthorized
 * response without calling the Lambda function",
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-authorizers.html). The
 * token travels either in the {@code token} query parameter or in {@code Sec-WebSocket-Protocol};
 * naming either as a source would refuse the other before the handler sees it, and CDK's default
 * ({@code route.request.header.Authorization}) is a header browsers cannot set. So the authorizer
 * has none and the handler itself refuses a request without a token. Authorizer caching is
 * supported only for HTTP API Lambda authorizers (same reference, {@code
 * authorizerResultTtlInSeconds}), so every {@code $connect} runs the function.
 *
 * <p>Not thread-safe (a CDK construct). Throws what CDK throws for invalid properties.
 */
final class ConnectAuthentication extends Construct {

  /** Verifying one RS256/ES256 signature is light; the JWKS fetch is I/O. As the connect one. */
  static final int MEMORY_MB = 512;

  /**
   * The handler's JWKS fetch waits at most 2 s to connect and 3 s for the answer; 10 s leaves room
   * for a cold start.
   */
  static final Duration TIMEOUT = Duration.seconds(10);

  private final JavaFunction function;
  private final WebSocketLambdaAuthorizer authorizer;

  ConnectAuthentication(Construct scope, String id, Code code, AuthSettings settings) {
    super(scope, id);
    this.function =
        new JavaFunction(
            this,
            "Authorizer",
            code,
            HandlerClasses.CONNECT_AUTHORIZER,
            MEMORY_MB,
            TIMEOUT,
            settings.environment());
    this.authorizer =
        WebSocketLambdaAuthorizer.Builder.create("ConnectAuthorizer", function.alias())
            .identitySource(List.of())
            .build();
  }

  /** What the {@code $connect} route is given. */
  IWebSocketRouteAuthorizer authorizer() {
    return authorizer;
  }

  /**
   * Leaves {@code IdentitySource} out of the synthesized authorizer (CDK writes the empty list it
   * was given; the property is optional for WebSocket REQUEST authorizers, see above). Call after
   * the route is bound.
   *
   * @param api the construct the authorizer was bound under
   */
  static void withoutIdentitySource(IConstruct api) {
    for (IConstruct c : api.getNode().findAll()) {
      if (c instanceof CfnAuthorizer cfn) {
        cfn.addPropertyDeletionOverride("IdentitySource");
      }
    }
  }

  JavaFunction function() {
    return function;
  }
}
