package dev.athenaws.local;

import dev.athenaws.lambda.Handlers;
import dev.athenaws.local.gateway.Gateway;
import dev.athenaws.local.sfn.LocalFunction;
import java.util.function.Supplier;

/**
 * The deployment's three Lambda functions in this process: the {@code $connect}/{@code $disconnect}
 * function, the route function and the push task, each with its own instances ({@link
 * LambdaInstances}), all configured from the same variables as the CDK app sets them.
 *
 * <p>Thread-safety: thread-safe.
 */
final class LocalFunctions implements AutoCloseable {
  private final LambdaInstances connection;
  private final LambdaInstances route;
  private final LambdaInstances push;

  private LocalFunctions(LambdaInstances connection, LambdaInstances route, LambdaInstances push) {
    this.connection = connection;
    this.route = route;
    this.push = push;
  }

  /**
   * Makes the first route instance at once, so that a bad configuration (a catalog that does not
   * parse, say) fails the start.
   *
   * @throws IllegalStateException naming the variable at fault
   */
  static LocalFunctions of(LocalEnvironment env) {
    Supplier<Handlers> init =
        () -> {
          // An instance's SDK clients read the endpoint settings of the JVM when they are built:
          // this stack's, even when a test JVM runs several stacks.
          synchronized (LocalEnvironment.class) {
            env.applySdkSettings();
            return Handlers.fromEnvironment(env.variables());
          }
        };
    Handlers first = init.get();
    return new LocalFunctions(
        new LambdaInstances(init), new LambdaInstances(init, first), new LambdaInstances(init));
  }

  /**
   * @return the {@code $connect}/{@code $disconnect} function as the gateway calls it
   */
  Gateway.RouteHandler connection() {
    return (event, remaining) -> connection.invoke(h -> h.connection().handle(event));
  }

  /**
   * @return the {@code query}/{@code listQueries}/{@code $default} function
   */
  Gateway.RouteHandler route() {
    return (event, remaining) -> route.invoke(h -> h.queryRoute().handle(event, remaining));
  }

  /**
   * @return the push task as the Step Functions emulator invokes it
   */
  LocalFunction push() {
    return (input, output, remaining) ->
        push.invoke(
            h -> {
              h.pushResults().handle(input, output, remaining);
              return null;
            });
  }

  @Override
  public void close() {
    push.close();
    route.close();
    connection.close();
  }
}
