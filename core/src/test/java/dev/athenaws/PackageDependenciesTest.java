package dev.athenaws;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dependency directions of docs/architecture.md, "Package dependencies", read off the imports
 * of core's main sources (what jdeps shows too, without needing compiled classes).
 */
class PackageDependenciesTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/athenaws");
  private static final Pattern IMPORT =
      Pattern.compile(
          "^import (?:static )?dev\\.athenaws\\.((?:internal\\.)?[a-z]+)\\.", Pattern.MULTILINE);

  @ParameterizedTest(name = "{0} does not depend on {1}")
  @CsvSource({
    "internal/protocol, catalog",
    "catalog, internal.protocol",
    "catalog, internal.query",
    "catalog, notify",
    "internal/query, internal.results",
    "internal/query, internal.protocol",
    "internal/query, internal.publish",
    "internal/query, notify",
    "internal/results, internal.protocol",
    "internal/results, internal.publish",
    "internal/types, internal.results",
    "internal/types, catalog",
    "retry, internal.query",
    "error, catalog",
    "error, internal.query",
    "error, internal.protocol",
    "error, internal.types",
    "error, notify",
    "retry, internal.retry",
  })
  void lowerPackagesDoNotImportHigherOnes(String from, String to) throws IOException {
    assertThat(importedPackages(from)).doesNotContain(to);
  }

  /**
   * Packages below the front door may use the root package's values (what a run is configured with
   * and reports), never the front door itself or its flows.
   */
  @Test
  void lowerPackagesUseOnlyTheRootsValues() throws IOException {
    Pattern rootImport =
        Pattern.compile("^import (?:static )?dev\\.athenaws\\.([A-Z][\\w.]*);", Pattern.MULTILINE);
    Set<String> used = new TreeSet<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(SOURCES)) {
      files =
          s.filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !p.getParent().equals(SOURCES))
              .toList();
    }
    for (Path f : files) {
      Matcher m = rootImport.matcher(Files.readString(f));
      while (m.find()) {
        used.add(m.group(1));
      }
    }
    assertThat(used).isSubsetOf("AthenaSettings", "Continuation", "Outcome.PublishResult");
  }

  private static Set<String> importedPackages(String pkg) throws IOException {
    Set<String> out = new TreeSet<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(SOURCES.resolve(pkg))) {
      files = s.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      Matcher m = IMPORT.matcher(Files.readString(f));
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }
}
