package dev.athenaws.cdk;

import static dev.athenaws.cdk.Synthesized.flatten;
import static dev.athenaws.cdk.Synthesized.logicalId;
import static dev.athenaws.cdk.Synthesized.properties;
import static dev.athenaws.cdk.Synthesized.resources;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * With {@code authIssuer} and {@code authAudience}: the authorizer handler as a function of its
 * own, a REQUEST authorizer without identity sources on {@code $connect} only, nothing granted to
 * it beyond logs and X-Ray; without them the stack has no authorizer.
 */
class ConnectAuthorizerTest {
  private static final String ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc";
  private static final String AUTHORIZER_ROLE = "ConnectAuthAuthorizerFunctionServiceRole";

  private static Template template;

  @BeforeAll
  static void synth() {
    template =
        Synthesized.synth(
            Map.of(
                "authIssuer", ISSUER,
                "authAudience", "3n4b5urk1ft4fl3mg5e62d9ado",
                "authClaims", "account"));
  }

  @Test
  void theAuthorizerIsARequestAuthorizerWithoutIdentitySources() {
    Map<String, Map<String, Object>> authorizers =
        resources(template, "AWS::ApiGatewayV2::Authorizer");
    assertThat(authorizers).hasSize(1);
    Map<String, Object> p = properties(authorizers.values().iterator().next());
    assertThat(p).containsEntry("AuthorizerType", "REQUEST").doesNotContainKey("IdentitySource");
    assertThat(p).doesNotContainKey("AuthorizerResultTtlInSeconds");
    String alias = logicalId(template, "AWS::Lambda::Alias", "ConnectAuthAuthorizerLive");
    assertThat(flatten(p.get("AuthorizerUri")))
        .contains("/functions/REF(" + alias + ")/invocations");
  }

  @Test
  void onlyConnectRequiresIt() {
    String authorizer = logicalId(template, "AWS::ApiGatewayV2::Authorizer", "");
    Map<String, String> typeOfRoute = new java.util.HashMap<>();
    resources(template, "AWS::ApiGatewayV2::Route")
        .values()
        .forEach(
            r -> {
              Map<String, Object> p = properties(r);
              String key = p.get("RouteKey").toString();
              typeOfRoute.put(key, p.get("AuthorizationType").toString());
              if (key.equals("$connect")) {
                assertThat(flatten(p.get("AuthorizerId"))).isEqualTo("REF(" + authorizer + ")");
              } else {
                assertThat(p).doesNotContainKey("AuthorizerId");
              }
            });
    assertThat(typeOfRoute)
        .containsOnly(
            Map.entry("$connect", "CUSTOM"),
            Map.entry("$disconnect", "NONE"),
            Map.entry("$default", "NONE"),
            Map.entry("query", "NONE"),
            Map.entry("listQueries", "NONE"));
  }

  @Test
  void theFunctionRunsTheAuthorizerHandlerWithTheJwtSettingsOnly() {
    Map<String, Object> function =
        properties(
            resources(template, "AWS::Lambda::Function")
                .get(
                    logicalId(template, "AWS::Lambda::Function", "ConnectAuthAuthorizerFunction")));
    assertThat(function.get("Handler"))
        .isEqualTo(HandlerClasses.handlerString(HandlerClasses.CONNECT_AUTHORIZER));
    @SuppressWarnings("unchecked")
    Map<String, Object> variables =
        (Map<String, Object>) ((Map<?, ?>) function.get("Environment")).get("Variables");
    assertThat(variables)
        .containsOnly(
            Map.<String, Object>entry("JWT_ISSUER", ISSUER),
            Map.<String, Object>entry("JWT_AUDIENCE", "3n4b5urk1ft4fl3mg5e62d9ado"),
            Map.<String, Object>entry("JWT_CONTEXT_CLAIMS", "account"));
  }

  @Test
  void apiGatewayMayInvokeItsAliasThroughThisAuthorizerOnly() {
    String alias =
        "REF(" + logicalId(template, "AWS::Lambda::Alias", "ConnectAuthAuthorizerLive") + ")";
    String authorizer = logicalId(template, "AWS::ApiGatewayV2::Authorizer", "");
    List<Map<String, Object>> permissions =
        resources(template, "AWS::Lambda::Permission").values().stream()
            .map(Synthesized::properties)
            .filter(p -> flatten(p.get("FunctionName")).equals(alias))
            .toList();
    assertThat(permissions)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p).containsEntry("Principal", "apigateway.amazonaws.com");
              assertThat(flatten(p.get("SourceArn")))
                  .endsWith("/authorizers/REF(" + authorizer + ")");
            });
  }

  @Test
  void itsRoleMayWriteTracesAndNothingElse() {
    List<String> actions =
        Statements.ofRole(template, AUTHORIZER_ROLE).stream()
            .flatMap(s -> s.actions().stream())
            .toList();
    assertThat(actions).containsOnly("xray:PutTraceSegments", "xray:PutTelemetryRecords");
    Map<String, Object> role =
        properties(
            resources(template, "AWS::IAM::Role")
                .get(logicalId(template, "AWS::IAM::Role", AUTHORIZER_ROLE)));
    assertThat(Synthesized.asList(role.get("ManagedPolicyArns")))
        .map(Synthesized::flatten)
        .singleElement()
        .asString()
        .endsWith(":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
  }

  @Test
  void withoutTheContextValuesThereIsNoAuthorizer() {
    Template plain = Synthesized.template(Mode.STEPFUNCTIONS);
    plain.resourceCountIs("AWS::ApiGatewayV2::Authorizer", 0);
    assertThat(resources(plain, "AWS::Lambda::Function").keySet())
        .noneMatch(id -> id.startsWith("ConnectAuth"));
  }
}
