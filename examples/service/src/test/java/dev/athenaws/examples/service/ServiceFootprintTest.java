package dev.athenaws.examples.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a service needs of athena-ws, read off this service's own sources: at most six types, all
 * from the supported packages (docs/api.md), none from {@code dev.athenaws.internal}.
 */
class ServiceFootprintTest {
  private static final Path MAIN = Path.of("src/main/java");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?(dev\\.athenaws\\.[\\w.]+);", Pattern.MULTILINE);

  @Test
  void theServiceUsesAtMostSixSupportedTypes() throws IOException {
    Set<String> imported = new TreeSet<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(MAIN)) {
      files = s.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      Matcher m = IMPORT.matcher(Files.readString(f));
      while (m.find()) {
        if (!m.group(1).startsWith("dev.athenaws.examples.")) {
          imported.add(m.group(1));
        }
      }
    }
    assertThat(imported)
        .as("athena-ws types the service imports")
        .hasSizeLessThanOrEqualTo(6)
        .noneMatch(type -> type.startsWith("dev.athenaws.internal."));
  }
}
