package dev.athenaws.lambda;

import java.util.Map;
import java.util.Objects;

/**
 * The three handlers over one shared wiring built from an explicit set of environment variables,
 * for hosting them outside the Lambda runtime: a test harness, a local gateway, or a plain service
 * that wants the same behaviour. In Lambda itself the public no-argument constructors read {@code
 * System.getenv()} instead, once per container.
 *
 * <p>The variables are those of docs/configuration.md. The SDK clients still resolve endpoints,
 * region and credentials the SDK's standard way (environment variables or the equivalent system
 * properties such as {@code aws.endpointUrlAthena}, {@code aws.endpointUrlSfn}, {@code
 * aws.region}).
 *
 * <p>Resources: they own the SDK clients and the prefetch threads of their wiring: {@link #close()}
 * them when the host stops (the Lambda runtime's own handlers live as long as the container).
 *
 * <p>Thread-safety: immutable and thread-safe; the handlers may serve concurrent invocations.
 *
 * <p>Exceptions: {@link #fromEnvironment} throws {@link NullPointerException} for a null map and
 * {@link IllegalStateException} naming the variable at fault; the accessors never throw.
 */
public final class Handlers implements AutoCloseable {
  private final ConnectionHandler connection;
  private final QueryRouteHandler queryRoute;
  private final PushResultsHandler pushResults;
  private final Wiring wiring;

  private Handlers(Wiring wiring) {
    this.wiring = wiring;
    this.connection = new ConnectionHandler(wiring.config);
    this.queryRoute = new QueryRouteHandler(wiring);
    this.pushResults = new PushResultsHandler(wiring);
  }

  /**
   * Builds the handlers from the given variables.
   *
   * @param environment the variables, as Lambda would set them; not null
   * @return the handlers, sharing one catalog and one set of SDK clients
   * @throws NullPointerException if {@code environment} is null
   * @throws IllegalStateException naming the variable when the configuration is invalid
   */
  public static Handlers fromEnvironment(Map<String, String> environment) {
    return new Handlers(Wiring.fromEnvironment(Objects.requireNonNull(environment, "environment")));
  }

  /**
   * @return the {@code $connect}/{@code $disconnect} handler
   */
  public ConnectionHandler connection() {
    return connection;
  }

  /**
   * @return the {@code query}/{@code listQueries}/{@code $default} route handler
   */
  public QueryRouteHandler queryRoute() {
    return queryRoute;
  }

  /**
   * @return the Step Functions push task handler
   */
  public PushResultsHandler pushResults() {
    return pushResults;
  }

  /** Closes the SDK clients and the prefetch threads; the handlers must not be used afterwards. */
  @Override
  public void close() {
    wiring.close();
  }
}
