package dev.athenaws.cdk;

import static dev.athenaws.cdk.Synthesized.flatten;
import static dev.athenaws.cdk.Synthesized.logicalId;
import static dev.athenaws.cdk.Synthesized.properties;
import static dev.athenaws.cdk.Synthesized.resources;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class WebSocketApiTest {

  private static Template template;
  private static String connectionAlias;
  private static String queryAlias;

  @BeforeAll
  static void synth() {
    template = Synthesized.template(Mode.STEPFUNCTIONS);
    connectionAlias = logicalId(template, "AWS::Lambda::Alias", "ConnectionLive");
    queryAlias = logicalId(template, "AWS::Lambda::Alias", "QueryRouteLive");
  }

  @Test
  void apiRoutesOnTheActionField() {
    template.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
    template.hasResourceProperties(
        "AWS::ApiGatewayV2::Api",
        Map.of("ProtocolType", "WEBSOCKET", "RouteSelectionExpression", "$request.body.action"));
  }

  @Test
  void everyRouteReachesItsHandlersLiveAlias() {
    Map<String, String> aliasOfRoute = routeTargets();
    assertThat(aliasOfRoute)
        .containsOnly(
            Map.entry("$connect", connectionAlias),
            Map.entry("$disconnect", connectionAlias),
            Map.entry("$default", queryAlias),
            Map.entry("query", queryAlias),
            Map.entry("listQueries", queryAlias));
  }

  @Test
  void integrationsAreLambdaProxies() {
    template.allResourcesProperties(
        "AWS::ApiGatewayV2::Integration", Map.of("IntegrationType", "AWS_PROXY"));
  }

  @Test
  void apiGatewayMayInvokeTheAliasOnEveryRoute() {
    // A permission is scoped to one route key: a route without one would be refused by Lambda.
    Map<String, String> aliasOfPermittedRoute = new HashMap<>();
    resources(template, "AWS::Lambda::Permission")
        .values()
        .forEach(
            r -> {
              Map<String, Object> p = properties(r);
              assertThat(p)
                  .containsEntry("Principal", "apigateway.amazonaws.com")
                  .containsEntry("Action", "lambda:InvokeFunction");
              String source = flatten(p.get("SourceArn"));
              String route = source.substring(source.lastIndexOf("/*") + 2);
              aliasOfPermittedRoute.put(route, flatten(p.get("FunctionName")));
            });
    assertThat(aliasOfPermittedRoute)
        .containsOnly(
            Map.entry("$connect", "REF(" + connectionAlias + ")"),
            Map.entry("$disconnect", "REF(" + connectionAlias + ")"),
            Map.entry("$default", "REF(" + queryAlias + ")"),
            Map.entry("query", "REF(" + queryAlias + ")"),
            Map.entry("listQueries", "REF(" + queryAlias + ")"));
  }

  @Test
  void stageDevIsDeployedAutomaticallyAndThrottled() {
    template.resourceCountIs("AWS::ApiGatewayV2::Stage", 1);
    template.hasResourceProperties(
        "AWS::ApiGatewayV2::Stage",
        Map.of(
            "StageName",
            "dev",
            "AutoDeploy",
            true,
            "DefaultRouteSettings",
            Map.of(
                "ThrottlingRateLimit", WebSocketFrontDoor.RATE_LIMIT,
                "ThrottlingBurstLimit", WebSocketFrontDoor.BURST_LIMIT)));
  }

  @Test
  void urlOutputIsTheStagesWssAddress() {
    Map<String, Map<String, Object>> outputs = template.findOutputs("WebSocketUrl");
    assertThat(outputs).hasSize(1);
    String url = flatten(outputs.get("WebSocketUrl").get("Value"));
    String api = logicalId(template, "AWS::ApiGatewayV2::Api", "WebSocketApi");
    assertThat(url)
        .isEqualTo("wss://REF(" + api + ").execute-api.${AWS::Region}.${AWS::URLSuffix}/dev");
  }

  @Test
  void noRouteRequiresAnAuthorizerByDefault() {
    // Authorization can only be attached to $connect (docs/aws-behaviour.md); the example leaves it
    // open and the connection handler checks ALLOWED_ORIGINS instead.
    template.allResourcesProperties(
        "AWS::ApiGatewayV2::Route", Map.of("AuthorizationType", "NONE"));
    template.resourcePropertiesCountIs(
        "AWS::ApiGatewayV2::Route", Map.of("RouteKey", Match.anyValue()), 5);
  }

  /** Route key -> logical id of the alias its integration invokes. */
  private static Map<String, String> routeTargets() {
    Map<String, Map<String, Object>> integrations =
        resources(template, "AWS::ApiGatewayV2::Integration");
    Map<String, String> result = new HashMap<>();
    resources(template, "AWS::ApiGatewayV2::Route")
        .values()
        .forEach(
            r -> {
              Map<String, Object> p = properties(r);
              String target = flatten(p.get("Target"));
              assertThat(target).startsWith("integrations/REF(");
              String integrationId =
                  target.substring("integrations/REF(".length(), target.length() - 1);
              String uri =
                  flatten(properties(integrations.get(integrationId)).get("IntegrationUri"));
              List<String> aliases =
                  List.of(connectionAlias, queryAlias).stream()
                      .filter(a -> uri.contains("/functions/REF(" + a + ")/invocations"))
                      .toList();
              assertThat(aliases).as("alias invoked by %s", uri).hasSize(1);
              result.put(p.get("RouteKey").toString(), aliases.get(0));
            });
    return result;
  }
}
