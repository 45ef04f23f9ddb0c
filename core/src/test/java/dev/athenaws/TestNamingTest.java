package dev.athenaws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Surefire runs only classes named {@code *Test} (and a few other patterns); a test class named
 * otherwise silently never runs (it happened to a jqwik property class). This keeps it from
 * happening again.
 */
class TestNamingTest {
  @Test
  void everyClassWithTestsIsNamedSoSurefireRunsIt() throws IOException {
    Path root = Path.of("src/test/java");
    List<String> misnamed;
    try (Stream<Path> files = Files.walk(root)) {
      misnamed =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !p.getFileName().toString().endsWith("Test.java"))
              .filter(TestNamingTest::declaresTests)
              .map(p -> root.relativize(p).toString())
              .toList();
    }

    assertThat(misnamed).as("test classes whose name does not end in Test").isEmpty();
  }

  private static boolean declaresTests(Path file) {
    try {
      String s = Files.readString(file);
      return s.contains("@Test")
          || s.contains("@Property")
          || s.contains("@FuzzTest")
          || s.contains("@ParameterizedTest");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
