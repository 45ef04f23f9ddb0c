package dev.athenaws.examples.service;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The service's settings, bound from the Spring properties {@code athena-ws.*} (application
 * properties, {@code --athena-ws.x=y} arguments or environment variables such as {@code
 * ATHENA_WS_ATHENA_WORK_GROUP}); every one is listed with its default in the module's README.
 *
 * <p>Thread-safety: immutable.
 *
 * @param path the WebSocket endpoint's path
 * @param allowedOrigins the browser origins allowed to connect ({@code Origin} header); empty means
 *     same origin only (clients that send no Origin, such as wscat, are always allowed)
 * @param catalog the query catalog file (docs/catalog.md); null for core's CloudTrail example
 * @param athena where and how queries run
 * @param queries the worker pool that runs them
 * @param send how messages are sent to a client
 */
@ConfigurationProperties("athena-ws")
record ServiceProperties(
    @DefaultValue("/ws") String path,
    @DefaultValue List<String> allowedOrigins,
    Path catalog,
    @DefaultValue Athena athena,
    @DefaultValue Queries queries,
    @DefaultValue Send send) {

  /**
   * Athena's side.
   *
   * @param workGroup the work group queries run in
   * @param database the database unqualified table names resolve in
   * @param outputLocation the S3 result location ({@code s3://bucket/prefix/}); null to use the
   *     work group's
   * @param endpoint the Athena endpoint, e.g. {@code http://localhost:8080} for the local stack;
   *     null for the SDK's own resolution (which also reads {@code AWS_ENDPOINT_URL_ATHENA})
   * @param region the AWS region; null for the SDK's own resolution ({@code AWS_REGION}, profile)
   */
  record Athena(
      @DefaultValue("primary") String workGroup,
      @DefaultValue("default") String database,
      String outputLocation,
      URI endpoint,
      String region) {}

  /**
   * The bounded pool that runs queries off the WebSocket I/O threads.
   *
   * @param threads queries that run at once (each holds a thread until its rows are sent)
   * @param queue frames that may wait for a thread; beyond that a frame is refused with ATHENA_BUSY
   * @param shutdownGrace how long shutdown waits for running queries before it stops them
   */
  record Queries(
      @DefaultValue("8") int threads,
      @DefaultValue("32") int queue,
      @DefaultValue("10s") Duration shutdownGrace) {}

  /**
   * Sending to a client ({@code ConcurrentWebSocketSessionDecorator}'s limits): a client that does
   * not read is disconnected instead of holding a query thread.
   *
   * @param timeLimit how long one send may take before the client is disconnected
   * @param bufferLimit how much may wait unsent for a client before it is disconnected
   */
  record Send(@DefaultValue("10s") Duration timeLimit, @DefaultValue("1MB") DataSize bufferLimit) {}
}
