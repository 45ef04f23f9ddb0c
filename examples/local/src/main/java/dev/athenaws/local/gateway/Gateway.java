package dev.athenaws.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.RemainingTime;
import dev.athenaws.local.faults.Faults;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket API Gateway on one Jetty server: the WebSocket at {@code /{stage}} and its management
 * API at {@code /{stage}/@connections/{id}}. Like API Gateway it runs {@code $connect} during the
 * upgrade (a non-2xx answer refuses the connection; its {@code Sec-WebSocket-Protocol} header
 * becomes the handshake's selected subprotocol), selects a route per message on {@code
 * $request.body.action} (else {@code $default}), invokes the route's handler with an API Gateway
 * event on a worker thread (never the socket's I/O thread), runs {@code $disconnect} after a close,
 * and enforces API Gateway's limits: 128 KiB per message and 32 KiB per frame (a client that
 * exceeds them is disconnected with 1009), text frames only (a binary frame disconnects with 1003),
 * and the idle timeout and maximum connection duration ({@link ConnectionLimits}: 10 minutes and 2
 * hours unless set otherwise). It accepts permessage-deflate as API Gateway does and applies the
 * limits to the inflated message and frames ({@link Compression}).
 *
 * <p>Thread-safety: thread-safe.
 */
public final class Gateway implements AutoCloseable {
  /** API Gateway's WebSocket frame size limit. */
  public static final int MAX_FRAME = 32 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A WebSocket route's Lambda function, run in-process: given the API Gateway event and the
   * invocation's remaining time (counting down from the route timeout, as a Lambda context's would)
   * instead of a Lambda {@code Context}, such as {@code QueryRouteHandler::handle}.
   *
   * <p>Thread-safety: implementations must be thread-safe; invocations run on worker threads.
   */
  @FunctionalInterface
  public interface RouteHandler {
    /**
     * Runs one invocation.
     *
     * @param event the API Gateway WebSocket event
     * @param remaining the invocation's remaining time
     * @return the integration response; a non-2xx answer to {@code $connect} refuses the connection
     * @throws RuntimeException when the function fails: the client is told "Internal server error"
     */
    APIGatewayV2WebSocketResponse handle(APIGatewayV2WebSocketEvent event, RemainingTime remaining);
  }

  /**
   * The integrations.
   *
   * @param connect the {@code $connect} handler
   * @param disconnect the {@code $disconnect} handler
   * @param routes the message routes by route key, {@code $default} among them
   * @param authorizer the {@code $connect} authorizer, null for none (anyone may connect)
   */
  public record Routes(
      RouteHandler connect,
      RouteHandler disconnect,
      Map<String, RouteHandler> routes,
      ConnectAuthorizer authorizer) {
    /** Copies the map; throws NullPointerException on a null handler or map. */
    public Routes {
      Objects.requireNonNull(connect, "connect");
      Objects.requireNonNull(disconnect, "disconnect");
      routes = Map.copyOf(routes);
    }

    /**
     * Integrations without an authorizer.
     *
     * @param connect the {@code $connect} handler
     * @param disconnect the {@code $disconnect} handler
     * @param routes the message routes by route key, {@code $default} among them
     */
    public Routes(RouteHandler connect, RouteHandler disconnect, Map<String, RouteHandler> routes) {
      this(connect, disconnect, routes, null);
    }

    /**
     * @param authorizer the {@code $connect} authorizer
     * @return these integrations with that authorizer
     * @throws NullPointerException on a null authorizer
     */
    public Routes withAuthorizer(ConnectAuthorizer authorizer) {
      return new Routes(
          connect, disconnect, routes, Objects.requireNonNull(authorizer, "authorizer"));
    }
  }

  /**
   * @param stage the stage: the WebSocket's path
   * @param domainName the {@code domainName} of events (host:port)
   * @param routeTimeout the route functions' Lambda timeout (their invocations' remaining time
   *     counts down from it)
   * @param sendTimeout how long a POST waits for a slow client before dropping it
   * @param limits the idle timeout and maximum connection duration
   */
  public record Settings(
      String stage,
      String domainName,
      Duration routeTimeout,
      Duration sendTimeout,
      ConnectionLimits limits) {
    /** Throws NullPointerException on null limits. */
    public Settings {
      Objects.requireNonNull(limits, "limits");
    }

    /**
     * Settings with API Gateway's limits ({@link ConnectionLimits#API_GATEWAY}).
     *
     * @param stage the stage: the WebSocket's path
     * @param domainName the {@code domainName} of events (host:port)
     * @param routeTimeout the route functions' Lambda timeout
     * @param sendTimeout how long a POST waits for a slow client before dropping it
     */
    public Settings(String stage, String domainName, Duration routeTimeout, Duration sendTimeout) {
      this(stage, domainName, routeTimeout, sendTimeout, ConnectionLimits.API_GATEWAY);
    }
  }

  private final Settings settings;
  private final Routes routes;
  private final Clock clock;
  private final ConnectionRegistry connections = new ConnectionRegistry();
  private final RouteSelector selector;
  private final Events events;
  private final ThreadPoolExecutor invocations;
  private final ConnectionTimers timers;

  /**
   * @param settings the stage and timeouts
   * @param routes the handlers
   * @param clock the time of events and contexts
   */
  public Gateway(Settings settings, Routes routes, Clock clock) {
    this(settings, routes, clock, ConnectionTimers.Scheduler.daemon());
  }

  Gateway(Settings settings, Routes routes, Clock clock, ConnectionTimers.Scheduler scheduler) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.routes = Objects.requireNonNull(routes, "routes");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.selector = new RouteSelector(routes.routes().keySet());
    this.events = new Events(settings.stage(), settings.domainName());
    AtomicInteger n = new AtomicInteger();
    // Like Lambda's concurrency: one worker per concurrent invocation, up to a bound.
    this.invocations =
        new ThreadPoolExecutor(
            256,
            256,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "lambda-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    invocations.allowCoreThreadTimeOut(true);
    this.timers = new ConnectionTimers(settings.limits(), clock, scheduler);
  }

  /**
   * @param server the server the handler joins
   * @return the handler that upgrades {@code /{stage}} to the gateway's WebSocket
   */
  public Handler webSocket(Server server) {
    return WebSocketUpgradeHandler.from(
        server,
        container -> {
          container.setMaxTextMessageSize(ManagementApi.MAX_PAYLOAD);
          container.setMaxBinaryMessageSize(ManagementApi.MAX_PAYLOAD);
          container.setMaxFrameSize(MAX_FRAME);
          container.setAutoFragment(false);
          // ConnectionTimers enforces the idle timeout (Jetty's would count ping frames as
          // traffic): Jetty's own only ends transports the timers cannot (a close never answered).
          ConnectionLimits limits = settings.limits();
          container.setIdleTimeout(limits.idleTimeout().plus(limits.maxDuration()));
          container.addMapping("/" + settings.stage(), this::upgrade);
        });
  }

  /**
   * @return the HTTP configuration the gateway's connector needs: connection ids are base64 and may
   *     hold '/', which the management API receives as {@code %2F} (Jetty refuses that by default)
   */
  public static HttpConfiguration httpConfiguration() {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setUriCompliance(
        UriCompliance.DEFAULT.with("athena-ws", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
    return http;
  }

  /**
   * @return the management API handler ({@code /{stage}/@connections/{id}}), without faults
   */
  public Handler managementApi() {
    return managementApi(Faults.none());
  }

  /**
   * @param faults the POST latency, throttling (429) and failures (500) to inject
   * @return the management API handler ({@code /{stage}/@connections/{id}})
   */
  public Handler managementApi(Faults faults) {
    return new ManagementApi(
        settings.stage(),
        connections,
        Objects.requireNonNull(faults, "faults"),
        settings.sendTimeout());
  }

  /**
   * @return how many clients are connected
   */
  public int openConnections() {
    return connections.size();
  }

  /**
   * @return the ids of the connected clients (a copy), e.g. for a test that invokes a handler
   *     itself
   */
  public java.util.Set<String> connectionIds() {
    java.util.Set<String> ids = new java.util.TreeSet<>();
    for (Connection c : connections.all()) {
      ids.add(c.id());
    }
    return ids;
  }

  /**
   * @return how many handler invocations are running or queued
   */
  public int activeInvocations() {
    return invocations.getActiveCount() + invocations.getQueue().size();
  }

  /**
   * Disconnects every client and stops the workers (running invocations are interrupted) and the
   * connection timers.
   */
  @Override
  public void close() {
    timers.close();
    for (Connection c : connections.all()) {
      c.close(StatusCode.SHUTDOWN, "server shutting down");
    }
    invocations.shutdownNow();
  }

  private Object upgrade(
      ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
    Connection.Identity identity =
        new Connection.Identity(
            connections.newId(),
            clock.instant(),
            Request.getRemoteAddr(request),
            request.getHeaders().get("User-Agent"));
    Map<String, List<String>> headers = headers(request);
    Map<String, List<String>> query = query(request);
    if (routes.authorizer() != null) {
      ConnectAuthorization authorization =
          ConnectAuthorization.run(
              routes.authorizer(),
              events.connect(identity, headers, query, identity.connectedAt()),
              events.connectArn());
      if (authorization.refusal() != 0) {
        LOG.info(
            "connection {} refused by the authorizer ({})", identity.id(), authorization.refusal());
        Response.writeError(request, response, callback, authorization.refusal());
        return null;
      }
      identity = identity.authorized(authorization.context());
    }
    APIGatewayV2WebSocketEvent event =
        events.connect(identity, headers, query, identity.connectedAt());
    int status;
    String subprotocol = null;
    try {
      APIGatewayV2WebSocketResponse r = routes.connect().handle(event, remaining());
      status = r == null ? 200 : r.getStatusCode();
      subprotocol = r == null ? null : subprotocol(r.getHeaders());
    } catch (RuntimeException e) {
      LOG.warn("$connect handler failed for {}: {}", identity.id(), e.toString());
      status = 500;
    }
    if (status < 200 || status > 299) {
      LOG.info("connection {} refused by $connect ({})", identity.id(), status);
      Response.writeError(request, response, callback, status >= 400 ? status : 403);
      return null;
    }
    if (subprotocol != null) {
      // API Gateway sends the $connect integration's Sec-WebSocket-Protocol header to the client
      // as the selected subprotocol (developer guide, "Set up a $connect route that requires a
      // WebSocket subprotocol"); without one the handshake selects none.
      response.setAcceptedSubProtocol(subprotocol);
    }
    Compression.configure(response);
    return new GatewaySocket(this, identity);
  }

  Clock clock() {
    return clock;
  }

  void opened(Connection connection) {
    connections.add(connection);
    timers.watch(connection);
    LOG.debug("connected {}", connection.id());
  }

  void received(Connection connection, String body) {
    connection.touch(clock.instant());
    String routeKey = selector.select(body);
    LOG.debug("message from {} to route {}", connection.id(), routeKey);
    RouteHandler handler = routes.routes().get(routeKey);
    APIGatewayV2WebSocketEvent event =
        events.message(connection.identity(), routeKey, body, clock.instant());
    invocations.execute(() -> invoke(connection, handler, event));
  }

  void closed(Connection connection, int status) {
    connections.remove(connection.id());
    LOG.debug("disconnected {} ({})", connection.id(), status);
    APIGatewayV2WebSocketEvent event = events.disconnect(connection.identity(), clock.instant());
    try {
      invocations.execute(
          () -> {
            try {
              routes.disconnect().handle(event, remaining());
            } catch (RuntimeException e) {
              LOG.warn("$disconnect handler failed for {}: {}", connection.id(), e.toString());
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("shutting down: no $disconnect for {}", connection.id());
    }
  }

  private void invoke(
      Connection connection, RouteHandler handler, APIGatewayV2WebSocketEvent event) {
    String requestId = event.getRequestContext().getRequestId();
    if (handler == null) {
      // API Gateway's answer when no route matches and there is no $default route.
      tell(connection, "Forbidden", requestId);
      return;
    }
    try {
      APIGatewayV2WebSocketResponse r = handler.handle(event, remaining());
      LOG.debug(
          "route {} for {} answered {}",
          event.getRequestContext().getRouteKey(),
          connection.id(),
          r == null ? null : r.getStatusCode());
    } catch (RuntimeException e) {
      LOG.warn(
          "route {} failed for {}: {}",
          event.getRequestContext().getRouteKey(),
          connection.id(),
          e.toString());
      tell(connection, "Internal server error", requestId);
    }
  }

  private void tell(Connection connection, String message, String requestId) {
    String body =
        JSON.createObjectNode()
            .put("message", message)
            .put("connectionId", connection.id())
            .put("requestId", requestId)
            .toString();
    connection.send(body, settings.sendTimeout());
  }

  private RemainingTime remaining() {
    return RemainingTime.until(clock.instant().plus(settings.routeTimeout()), clock);
  }

  /** The {@code Sec-WebSocket-Protocol} of a {@code $connect} answer (any case), else null. */
  private static String subprotocol(Map<String, String> headers) {
    if (headers != null) {
      for (Map.Entry<String, String> h : headers.entrySet()) {
        if ("Sec-WebSocket-Protocol".equalsIgnoreCase(h.getKey()) && h.getValue() != null) {
          return h.getValue();
        }
      }
    }
    return null;
  }

  private static Map<String, List<String>> headers(ServerUpgradeRequest request) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (HttpField f : request.getHeaders()) {
      m.computeIfAbsent(f.getName(), k -> new java.util.ArrayList<>()).add(f.getValue());
    }
    return m;
  }

  private static Map<String, List<String>> query(ServerUpgradeRequest request) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    Fields fields = Request.extractQueryParameters(request);
    for (Fields.Field f : fields) {
      m.put(f.getName(), f.getValues());
    }
    return m;
  }
}
