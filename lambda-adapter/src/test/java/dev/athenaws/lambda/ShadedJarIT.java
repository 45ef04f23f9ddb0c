package dev.athenaws.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inspects the deployable jar (the shade plugin's {@code lambda} artifact): small enough, with the
 * handlers and the url-connection HTTP client, without the Apache and Netty clients that the SDK
 * service modules would otherwise bring along.
 */
class ShadedJarIT {
  static final long MAX_BYTES = 12L * 1024 * 1024;
  private static Path jar;
  private static List<String> entries;

  @BeforeAll
  static void open() throws IOException {
    String path = System.getProperty("athenaws.shadedJar");
    assertThat(path).as("system property athenaws.shadedJar").isNotNull();
    jar = Path.of(path);
    assertThat(jar).exists();
    entries = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      file.stream().map(ZipEntry::getName).forEach(entries::add);
    }
  }

  @Test
  void isAtMost12Megabytes() throws IOException {
    assertThat(Files.size(jar)).isLessThanOrEqualTo(MAX_BYTES);
  }

  @Test
  void hasNoApacheOrNettyHttpClient() {
    assertThat(entries)
        .noneMatch(e -> e.startsWith("org/apache/http/"))
        .noneMatch(e -> e.startsWith("org/apache/hc/"))
        .noneMatch(e -> e.startsWith("io/netty/"))
        .noneMatch(e -> e.startsWith("software/amazon/awssdk/http/apache"))
        .noneMatch(e -> e.startsWith("software/amazon/awssdk/http/nio/netty/"));
  }

  @Test
  void hasTheHandlersTheUrlConnectionClientAndALoggingBinding() {
    assertThat(entries)
        .contains(
            "dev/athenaws/lambda/QueryRouteHandler.class",
            "dev/athenaws/lambda/PushResultsHandler.class",
            "dev/athenaws/lambda/ConnectionHandler.class",
            "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class",
            "dev/athenaws/catalog/cloudtrail-example.json",
            "dev/athenaws/lambda/logging/JsonLogProvider.class",
            "META-INF/services/org.slf4j.spi.SLF4JServiceProvider",
            "org/crac/Resource.class",
            "dev/athenaws/lambda/priming-responses.json");
  }

  @Test
  void leavesTestCodeOut() {
    assertThat(entries)
        .noneMatch(e -> e.startsWith("dev/athenaws/testing/"))
        .noneMatch(e -> e.startsWith("org/slf4j/simple/"))
        .noneMatch(e -> e.startsWith("org/junit/"))
        .noneMatch(e -> e.startsWith("com/amazonaws/services/lambda/runtime/tests/"));
  }

  /**
   * Loads the jar alone in a class loader (as Lambda's runtime does), deserializes a real {@code
   * $connect} event with the runtime's own event serializer, and invokes the handlers built by
   * their public constructors from the environment (failsafe sets it in the POM).
   */
  @Test
  void handlersStartAndServeFromTheJarAloneWithTheRuntimesSerializer() throws Exception {
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Class<?> eventType =
          loader.loadClass(
              "com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent");
      Object event;
      try (InputStream in =
          ShadedJarIT.class.getClassLoader().getResourceAsStream("events/connect.json")) {
        event = LambdaEventSerializers.serializerFor(eventType, loader).fromJson(in);
      }
      Class<?> contextType = loader.loadClass("com.amazonaws.services.lambda.runtime.Context");

      Object connect =
          loader.loadClass("dev.athenaws.lambda.ConnectionHandler").getConstructor().newInstance();
      Object response =
          connect
              .getClass()
              .getMethod("handleRequest", Object.class, contextType)
              .invoke(connect, event, null);
      assertThat(response.getClass().getMethod("getStatusCode").invoke(response)).isEqualTo(200);

      for (String handler : List.of("QueryRouteHandler", "PushResultsHandler")) {
        assertThat(
                loader.loadClass("dev.athenaws.lambda." + handler).getConstructor().newInstance())
            .isNotNull();
      }
    }
  }
}
