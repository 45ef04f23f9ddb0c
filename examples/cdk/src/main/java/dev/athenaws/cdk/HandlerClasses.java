package dev.athenaws.cdk;

/**
 * The lambda-adapter entry points the stack deploys, by fully qualified class name: the one place
 * these names live in this module, so the tests can load them by reflection and a rename in
 * lambda-adapter breaks the build instead of a deployment.
 *
 * <p>Constants only; thread-safe. Throws nothing.
 */
public final class HandlerClasses {

  /** Routes {@code query}, {@code listQueries} and {@code $default}. */
  public static final String QUERY_ROUTE = "dev.athenaws.lambda.QueryRouteHandler";

  /** The state machine's push task: a {@code RequestStreamHandler}. */
  public static final String PUSH_RESULTS = "dev.athenaws.lambda.PushResultsHandler";

  /** Routes {@code $connect} and {@code $disconnect}. */
  public static final String CONNECTION = "dev.athenaws.lambda.ConnectionHandler";

  /**
   * The Lambda REQUEST authorizer of the {@code $connect} route (JWT against the issuer's JWKS): a
   * {@code RequestStreamHandler}. Wired on {@code $connect} when {@code authIssuer} and {@code
   * authAudience} are set ({@link ConnectAuthentication}).
   */
  public static final String CONNECT_AUTHORIZER =
      "dev.athenaws.lambda.auth.ConnectAuthorizerHandler";

  /** The method the Lambda Java runtime calls on {@link #QUERY_ROUTE} and {@link #CONNECTION}. */
  public static final String HANDLE_REQUEST = "handleRequest";

  private HandlerClasses() {}

  /**
   * The Lambda {@code Handler} string of a handler class. A {@code RequestStreamHandler} is named
   * by its class alone; the WebSocket handlers name their method as well, which the Java runtime
   * accepts both for {@code RequestHandler} implementations and plain classes.
   *
   * @param className one of the constants of this class
   * @return the handler string for the function's configuration
   * @throws IllegalArgumentException when {@code className} is not one of the constants
   */
  public static String handlerString(String className) {
    return switch (className) {
      case PUSH_RESULTS, CONNECT_AUTHORIZER -> className;
      case QUERY_ROUTE, CONNECTION -> className + "::" + HANDLE_REQUEST;
      default -> throw new IllegalArgumentException("className: not a handler class: " + className);
    };
  }
}
