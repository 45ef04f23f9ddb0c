package dev.athenaws.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class HandlerClassesTest {

  private static final List<String> ALL =
      List.of(
          HandlerClasses.QUERY_ROUTE,
          HandlerClasses.PUSH_RESULTS,
          HandlerClasses.CONNECTION,
          HandlerClasses.CONNECT_AUTHORIZER);

  @Test
  void handlerStrings() {
    assertThat(HandlerClasses.handlerString(HandlerClasses.PUSH_RESULTS))
        .isEqualTo("dev.athenaws.lambda.PushResultsHandler");
    assertThat(HandlerClasses.handlerString(HandlerClasses.CONNECT_AUTHORIZER))
        .isEqualTo("dev.athenaws.lambda.auth.ConnectAuthorizerHandler");
    assertThat(HandlerClasses.handlerString(HandlerClasses.QUERY_ROUTE))
        .isEqualTo("dev.athenaws.lambda.QueryRouteHandler::handleRequest");
    assertThat(HandlerClasses.handlerString(HandlerClasses.CONNECTION))
        .isEqualTo("dev.athenaws.lambda.ConnectionHandler::handleRequest");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HandlerClasses.handlerString("dev.athenaws.lambda.Other"))
        .withMessageContaining("className");
  }

  /**
   * The deployed handler names are the lambda-adapter classes, so a rename there breaks this test.
   * Skipped (not passed) while lambda-adapter is not on this module's test classpath.
   */
  @Test
  void handlerClassesExistInLambdaAdapter() throws ReflectiveOperationException {
    ClassLoader loader = HandlerClassesTest.class.getClassLoader();
    boolean adapterPresent =
        loader.getResource("dev/athenaws/lambda/") != null
            || loader.getResource("META-INF/maven/dev.athenaws/athena-ws-lambda/pom.properties")
                != null;
    Assumptions.assumeTrue(
        adapterPresent,
        "lambda-adapter (athena-ws-lambda) is not a test dependency of examples/cdk yet:"
            + " handler classes not checked by reflection");
    for (String name : ALL) {
      Class<?> type = Class.forName(name, false, loader);
      assertThat(Modifier.isPublic(type.getModifiers())).as("%s is public", name).isTrue();
      assertThat(type.getConstructor()).as("%s has a public no-arg constructor", name).isNotNull();
      assertThat(
              Arrays.stream(type.getMethods())
                  .map(Method::getName)
                  .anyMatch(HandlerClasses.HANDLE_REQUEST::equals))
          .as("%s has a public handleRequest", name)
          .isTrue();
    }
    for (String stream : List.of(HandlerClasses.PUSH_RESULTS, HandlerClasses.CONNECT_AUTHORIZER)) {
      Class<?> type = Class.forName(stream, false, loader);
      assertThat(Arrays.stream(type.getInterfaces()).map(Class::getName))
          .as("%s's handler string names no method, so it must be a RequestStreamHandler", stream)
          .contains("com.amazonaws.services.lambda.runtime.RequestStreamHandler");
    }
  }
}
