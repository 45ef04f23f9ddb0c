package dev.athenaws.cdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * Checks that the jar a deployment uploads is the self-contained one. Lambda's Java runtime puts
 * only the function's code on the class path, so the thin {@code athena-ws-lambda-<version>.jar}
 * (the handlers without the AWS SDK or Jackson) would fail every function at init with
 * ClassNotFoundException; the shaded {@code athena-ws-lambda-<version>-lambda.jar} carries them
 * all.
 *
 * <p>Stateless; thread-safe.
 */
final class LambdaJar {
  /** Classes the handlers cannot start without, besides the handlers themselves. */
  static final List<String> REQUIRED_LIBRARIES =
      List.of(
          "software.amazon.awssdk.services.athena.AthenaClient",
          "com.fasterxml.jackson.databind.ObjectMapper");

  private LambdaJar() {}

  /**
   * @param jar the jar to deploy
   * @throws IllegalArgumentException when it is missing, unreadable, or lacks a handler class, the
   *     AWS SDK's Athena client or Jackson (naming what is missing and the jar to use instead)
   */
  static void requireSelfContained(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(
          "lambdaJar: no file at "
              + jar.toAbsolutePath().normalize()
              + "; build it with `mvn -pl lambda-adapter -am package` or pass -c lambdaJar=<path>");
    }
    List<String> missing = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (String type : required()) {
        if (file.getEntry(type.replace('.', '/') + ".class") == null) {
          missing.add(type);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "lambdaJar: not a readable jar: "
              + jar.toAbsolutePath().normalize()
              + " ("
              + e.getMessage()
              + ")",
          new UncheckedIOException(e));
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "lambdaJar: "
              + jar.toAbsolutePath().normalize()
              + " is not self-contained (missing "
              + String.join(", ", missing)
              + "); Lambda would fail"
              + " every function at init. Deploy the shaded athena-ws-lambda-<version>-lambda.jar that"
              + " `mvn -pl lambda-adapter -am package` builds.");
    }
  }

  private static List<String> required() {
    List<String> all =
        new ArrayList<>(
            List.of(
                HandlerClasses.QUERY_ROUTE,
                HandlerClasses.PUSH_RESULTS,
                HandlerClasses.CONNECTION));
    all.addAll(REQUIRED_LIBRARIES);
    return all;
  }
}
