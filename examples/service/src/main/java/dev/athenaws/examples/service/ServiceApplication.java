package dev.athenaws.examples.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A Spring Boot WebSocket service that runs Athena queries for its clients with athena-ws core:
 * clients connect to {@code ws://host:port/ws} and speak athena-ws's protocol (docs/protocol.md).
 * Settings are the {@code athena-ws.*} properties of the module's README.
 *
 * <p>Thread-safety: not applicable (an entry point). Exceptions: {@link #main} fails the start
 * (Spring's exception) when a setting is invalid or the port is taken.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ServiceApplication {
  /** Spring instantiates this class; there is nothing to construct by hand. */
  ServiceApplication() {}

  /**
   * Starts the service; it runs until the process is stopped (Ctrl-C or SIGTERM shut it down
   * cleanly).
   *
   * @param args Spring Boot arguments, e.g. {@code
   *     --athena-ws.athena.endpoint=http://localhost:8080}
   */
  public static void main(String[] args) {
    SpringApplication.run(ServiceApplication.class, args);
  }
}
