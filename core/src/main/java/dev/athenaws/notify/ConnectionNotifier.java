package dev.athenaws.notify;

/**
 * Sends messages to WebSocket clients: the one interface between athena-ws and a WebSocket server.
 * Any server implements it over its own sessions, resolving {@link Connection#id()} (a server that
 * owns its sockets, such as a Spring Boot service's session registry, needs no endpoint): {@link
 * PostOutcome.Gone} for a closed session, {@link PostOutcome.Delivered} otherwise. Behind API
 * Gateway, {@link ApiGateway#notifier()} builds the one that posts through the management API.
 * Users mock or fake this interface to test their code without AWS (see docs/api.md).
 *
 * <p>Thread-safety: implementations are shared by concurrent publishers and must be thread-safe.
 * Messages to one connection keep their order when posted from one thread, because {@link #post}
 * returns only after the message was delivered or given up.
 *
 * <p>Exceptions: {@link #post} and {@link #disconnect} report every service answer as a {@link
 * PostOutcome} and throw {@link dev.athenaws.error.AthenaWsException} (INTERNAL) only when the
 * endpoint cannot be reached or the thread is interrupted while waiting to retry.
 */
public interface ConnectionNotifier extends AutoCloseable {
  /**
   * Posts one message; an implementation that can be throttled retries with a bounded backoff.
   *
   * @param connection the client
   * @param payload the UTF-8 message, at most 128 KB
   * @return what became of the message; never throws for a service error
   * @throws dev.athenaws.error.AthenaWsException (INTERNAL) when the endpoint cannot be reached at
   *     all after the retries (network failure), or when the thread is interrupted while waiting to
   *     retry (the interrupt flag is then set again)
   */
  PostOutcome post(Connection connection, byte[] payload);

  /**
   * Closes the client's connection ({@code DeleteConnection}); a connection already gone is fine.
   *
   * @param connection the client
   * @return {@link PostOutcome.Delivered} when closed, {@link PostOutcome.Gone} when already gone,
   *     else the outcome as for {@link #post}
   * @throws dev.athenaws.error.AthenaWsException (INTERNAL) as for {@link #post}
   */
  PostOutcome disconnect(Connection connection);

  /** Releases what the notifier holds (e.g. cached SDK clients); the default does nothing. */
  @Override
  default void close() {}
}
