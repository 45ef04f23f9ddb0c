package dev.athenaws.cdk;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app refuses a jar Lambda could not start (the thin jar) before synthesizing anything. */
class LambdaJarTest {
  private static final List<String> HANDLERS =
      List.of(HandlerClasses.QUERY_ROUTE, HandlerClasses.PUSH_RESULTS, HandlerClasses.CONNECTION);

  @TempDir Path dir;

  @Test
  void theThinJarIsRefusedNamingWhatIsMissing() throws IOException {
    Path thin = jar("athena-ws-lambda-0.1.0.jar", HANDLERS);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LambdaJar.requireSelfContained(thin))
        .withMessageContaining("is not self-contained")
        .withMessageContaining("software.amazon.awssdk.services.athena.AthenaClient")
        .withMessageContaining("com.fasterxml.jackson.databind.ObjectMapper")
        .withMessageContaining("-lambda.jar");
  }

  @Test
  void aJarWithoutTheHandlersIsRefused() throws IOException {
    Path libs = jar("libs.jar", LambdaJar.REQUIRED_LIBRARIES);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LambdaJar.requireSelfContained(libs))
        .withMessageContaining(HandlerClasses.PUSH_RESULTS);
  }

  @Test
  void aSelfContainedJarIsAccepted() throws IOException {
    List<String> all = new ArrayList<>(HANDLERS);
    all.addAll(LambdaJar.REQUIRED_LIBRARIES);
    Path shaded = jar("athena-ws-lambda-0.1.0-lambda.jar", all);
    assertThatCode(() -> LambdaJar.requireSelfContained(shaded)).doesNotThrowAnyException();
  }

  @Test
  void aMissingOrBrokenJarIsReported() throws IOException {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LambdaJar.requireSelfContained(dir.resolve("none.jar")))
        .withMessageStartingWith("lambdaJar: no file at ")
        .withMessageContaining("mvn -pl lambda-adapter -am package");
    Path text = Files.writeString(dir.resolve("text.jar"), "not a zip");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LambdaJar.requireSelfContained(text))
        .withMessageContaining("not a readable jar");
  }

  private Path jar(String name, List<String> classes) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(file);
        JarOutputStream jar = new JarOutputStream(out)) {
      for (String c : classes) {
        jar.putNextEntry(new JarEntry(c.replace('.', '/') + ".class"));
        jar.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
        jar.closeEntry();
      }
    }
    return file;
  }
}
