package dev.athenaws.examples.service;

import dev.athenaws.AthenaSettings;
import dev.athenaws.catalog.QueryCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.AthenaClientBuilder;

/**
 * Spring wiring: the beans of the service, built from {@link ServiceProperties}, and the WebSocket
 * endpoint. Everything athena-ws-specific is in {@link ReportService}; this class only hands it its
 * Athena client, settings, catalog and notifier.
 *
 * <p>Thread-safety: Spring calls it once, at start. Exceptions: a bean method fails the start when
 * a setting is invalid (e.g. a catalog file that does not parse).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class ServiceConfiguration {
  /**
   * Incoming frames up to API Gateway's 128 KiB message limit reach the decoder (which answers
   * BAD_REQUEST over its own limits); Tomcat's default, 8 KiB, would close the connection instead.
   */
  static final int MAX_INCOMING_MESSAGE_BYTES = 128 * 1024;

  @Bean
  AwsCredentialsProvider awsCredentials() {
    return DefaultCredentialsProvider.builder().build();
  }

  @Bean
  AthenaClient athenaClient(ServiceProperties properties, AwsCredentialsProvider credentials) {
    ServiceProperties.Athena athena = properties.athena();
    AthenaClientBuilder builder =
        AthenaClient.builder()
            .credentialsProvider(credentials)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            // athena-ws retries Athena's push-backs itself, with its own bounded backoff.
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
    if (athena.endpoint() != null) {
      builder.endpointOverride(athena.endpoint());
    }
    if (athena.region() != null) {
      builder.region(Region.of(athena.region()));
    }
    return builder.build();
  }

  @Bean
  SessionNotifier sessionNotifier(ServiceProperties properties) {
    return new SessionNotifier(
        Math.toIntExact(properties.send().timeLimit().toMillis()),
        Math.toIntExact(properties.send().bufferLimit().toBytes()));
  }

  @Bean
  ReportService reportService(
      ServiceProperties properties, AthenaClient athena, SessionNotifier notifier) {
    ServiceProperties.Athena a = properties.athena();
    AthenaSettings settings =
        AthenaSettings.builder()
            .workGroup(a.workGroup())
            .database(a.database())
            .outputLocation(a.outputLocation())
            .build();
    QueryCatalog catalog =
        properties.catalog() == null
            ? QueryCatalog.cloudTrailExample()
            : QueryCatalog.fromPath(properties.catalog());
    return ReportService.overAthena(athena, settings, notifier, catalog);
  }

  @Bean
  QueryExecutor queryExecutor(ServiceProperties properties, SessionNotifier notifier) {
    ServiceProperties.Queries q = properties.queries();
    return new QueryExecutor(
        q.threads(), q.queue(), q.shutdownGrace(), notifier::interruptOutsideSend);
  }

  @Bean
  ReportSocketHandler reportSocketHandler(
      ReportService service, SessionNotifier notifier, QueryExecutor executor) {
    return new ReportSocketHandler(service, notifier, executor);
  }

  @Bean
  WebSocketConfigurer webSocketEndpoint(ServiceProperties properties, ReportSocketHandler handler) {
    return registry ->
        registry
            .addHandler(handler, properties.path())
            .setAllowedOrigins(properties.allowedOrigins().toArray(String[]::new));
  }

  @Bean
  ServletServerContainerFactoryBean webSocketContainer() {
    ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
    container.setMaxTextMessageBufferSize(MAX_INCOMING_MESSAGE_BYTES);
    return container;
  }
}
