package dev.athenaws.cdk;

import java.util.List;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.aws_apigatewayv2_integrations.WebSocketLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.IWebSocketRouteAuthorizer;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.apigatewayv2.WebSocketApi;
import software.amazon.awscdk.services.apigatewayv2.WebSocketRouteOptions;
import software.amazon.awscdk.services.apigatewayv2.WebSocketStage;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * The WebSocket API: {@code $connect}/{@code $disconnect} to the connection handler; {@code query},
 * {@code listQueries} and {@code $default} to the route handler, selected on {@code
 * $request.body.action}; one auto-deployed stage; optionally a REQUEST authorizer on {@code
 * $connect} ({@link ConnectAuthentication}).
 *
 * <p>Not thread-safe (a CDK construct). Throws what CDK throws for invalid properties.
 */
final class WebSocketFrontDoor extends Construct {

  /** The routes the route handler serves besides {@code $default}. */
  static final List<String> QUERY_ROUTES = List.of("query", "listQueries");

  /**
   * Per stage: steady requests per second and burst. Each {@code query} message can start an Athena
   * query (billed by bytes scanned) and Athena allows 20 starts per second per account, so the
   * stage admits little more than that.
   */
  static final int RATE_LIMIT = 25;

  static final int BURST_LIMIT = 50;

  private final WebSocketApi api;
  private final WebSocketStage stage;

  /**
   * @param connectAuthorizer the {@code $connect} route's authorizer, null for none (it is the only
   *     route a WebSocket API runs an authorizer on)
   */
  WebSocketFrontDoor(
      Construct scope,
      String id,
      IFunction connection,
      IFunction queryRoute,
      String stageName,
      IWebSocketRouteAuthorizer connectAuthorizer) {
    super(scope, id);
    WebSocketRouteOptions connect =
        connectAuthorizer == null
            ? route("Connect", connection)
            : WebSocketRouteOptions.builder()
                .integration(new WebSocketLambdaIntegration("ConnectIntegration", connection))
                .authorizer(connectAuthorizer)
                .build();
    // One integration per route: an integration shared by several routes gets its Lambda
    // permission (SourceArn .../*<routeKey>) for the first route only, and API Gateway would be
    // refused on the others.
    this.api =
        WebSocketApi.Builder.create(this, "Api")
            .apiName("athena-ws-" + stageName)
            .description("athena-ws: Athena query results pushed over WebSocket")
            .routeSelectionExpression("$request.body.action")
            .connectRouteOptions(connect)
            .disconnectRouteOptions(route("Disconnect", connection))
            .defaultRouteOptions(route("Default", queryRoute))
            .build();
    if (connectAuthorizer != null) {
      ConnectAuthentication.withoutIdentitySource(api);
    }
    for (String route : QUERY_ROUTES) {
      api.addRoute(
          route, route(Character.toUpperCase(route.charAt(0)) + route.substring(1), queryRoute));
    }
    this.stage =
        WebSocketStage.Builder.create(this, "Stage")
            .webSocketApi(api)
            .stageName(stageName)
            .autoDeploy(true)
            .throttle(
                ThrottleSettings.builder().rateLimit(RATE_LIMIT).burstLimit(BURST_LIMIT).build())
            .build();
  }

  private static WebSocketRouteOptions route(String name, IFunction handler) {
    return WebSocketRouteOptions.builder()
        .integration(new WebSocketLambdaIntegration(name + "Integration", handler))
        .build();
  }

  /**
   * {@code execute-api:ManageConnections} on this API's stage only, and only for {@code
   * POST @connections/*} (PostToConnection): the handlers never read or close connections.
   */
  PolicyStatement postToConnections() {
    String arn =
        Stack.of(this)
            .formatArn(
                ArnComponents.builder()
                    .service("execute-api")
                    .resource(api.getApiId())
                    .resourceName(stage.getStageName() + "/POST/@connections/*")
                    .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                    .build());
    return AthenaAccess.allow(List.of("execute-api:ManageConnections"), List.of(arn));
  }

  /** {@code wss://{apiId}.execute-api.{region}.amazonaws.com/{stage}}. */
  String url() {
    return stage.getUrl();
  }

  /** The management API endpoint the handlers post to. */
  String callbackUrl() {
    return stage.getCallbackUrl();
  }

  WebSocketApi api() {
    return api;
  }
}
