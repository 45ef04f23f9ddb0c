package dev.athenaws.lambda.tracing;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * X-Ray subsegments for the AWS calls of a Lambda function, without the X-Ray SDK: register {@link
 * #interceptor} on an SDK v2 client ({@code overrideConfiguration(c ->
 * c.addExecutionInterceptor(...))}) and every call it makes during a sampled invocation appears in
 * the trace under the function's segment, with its operation, Region, request id, HTTP status,
 * retries and error, throttle and fault flags. What is recorded and why: docs/operations.md,
 * "Tracing".
 *
 * <p>The trace header is read at each call from the {@value #TRACE_HEADER_PROPERTY} system
 * property, which Lambda's Java 17+ runtimes set per invocation instead of the {@value
 * #TRACE_HEADER_VARIABLE} variable (Lambda Developer Guide, "Defined runtime environment
 * variables"), else from that variable (older and custom runtimes); the OpenTelemetry semantic
 * conventions for AWS Lambda prescribe the same order. Only a header with {@code Sampled=1} sends
 * anything.
 *
 * <p>Thread-safety: the interceptor is thread-safe and meant to be shared by every client. Its
 * calls never throw and never fail or delay an SDK call: a document that cannot be sent is dropped.
 */
public final class XRayTracing {
  /** The system property Lambda's Java runtime sets to the invocation's trace header. */
  public static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";

  /** The environment variable that carries the trace header in other runtimes. */
  public static final String TRACE_HEADER_VARIABLE = "_X_AMZN_TRACE_ID";

  /** The environment variable with the X-Ray daemon's address, which Lambda sets. */
  public static final String DAEMON_ADDRESS_VARIABLE = "AWS_XRAY_DAEMON_ADDRESS";

  private static final Logger LOG = LoggerFactory.getLogger(XRayTracing.class);

  private XRayTracing() {}

  /**
   * @param env the environment: {@value #DAEMON_ADDRESS_VARIABLE} ({@code host:port} or {@code
   *     tcp:host:port udp:host:port}; {@code 127.0.0.1:2000} when unset or malformed, as the X-Ray
   *     SDK) and {@value #TRACE_HEADER_VARIABLE}
   * @return an interceptor that sends subsegments to that daemon over UDP
   * @throws NullPointerException when {@code env} is null
   */
  public static ExecutionInterceptor interceptor(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    UdpSender sender = new UdpSender(daemon(env.get(DAEMON_ADDRESS_VARIABLE)));
    return new SubsegmentInterceptor(
        traceHeader(env), Clock.systemUTC(), () -> ThreadLocalRandom.current().nextLong(), sender);
  }

  /** The header of the invocation in progress: the runtime's system property, else the variable. */
  static Supplier<String> traceHeader(Map<String, String> env) {
    return () -> {
      String header = System.getProperty(TRACE_HEADER_PROPERTY);
      return header != null && !header.isBlank() ? header : env.get(TRACE_HEADER_VARIABLE);
    };
  }

  static InetSocketAddress daemon(String value) {
    if (value != null && !value.isBlank()) {
      try {
        return UdpSender.address(value);
      } catch (IllegalArgumentException e) {
        LOG.warn(
            "{} is not host:port or tcp:host:port udp:host:port ({}); sending to {}",
            DAEMON_ADDRESS_VARIABLE,
            e.getMessage(),
            UdpSender.DEFAULT_ADDRESS);
      }
    }
    return UdpSender.address(UdpSender.DEFAULT_ADDRESS);
  }
}
