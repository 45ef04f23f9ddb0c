package dev.athenaws.examples.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the fenced code blocks of a Markdown page and the marked regions of source files, for
 * DocsSnippetsTest.
 *
 * <p>A block is tied to code by the line before it, {@code <!-- snippet: PATH#NAME -->} (PATH from
 * the repository root); the code is the lines between {@code // snippet:start NAME} and {@code //
 * snippet:end NAME} in that file. Both are compared after {@link #normalise}.
 *
 * <p>Thread-safety: stateless. Exceptions: {@link UncheckedIOException} when a file cannot be read.
 */
final class DocSnippets {
  private static final Pattern MARKER = Pattern.compile("<!--\\s*snippet:\\s*(\\S+)#(\\S+)\\s*-->");

  private DocSnippets() {}

  /**
   * One fenced block of a page.
   *
   * @param line the 1-based line of its opening fence
   * @param language the fence's info string ({@code java}, {@code xml}, ...)
   * @param marker the {@code PATH#NAME} of the marker just before it, or null
   * @param lines its lines
   */
  record Block(int line, String language, String marker, List<String> lines) {
    /**
     * @return the marked file, relative to the repository root
     */
    String file() {
      return marker.substring(0, marker.indexOf('#'));
    }

    /**
     * @return the marked region's name
     */
    String region() {
      return marker.substring(marker.indexOf('#') + 1);
    }
  }

  /**
   * @return the repository root: the nearest directory above the working directory with docs/api.md
   */
  static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docs/api.md"))
          && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no docs/api.md above " + Path.of("").toAbsolutePath());
  }

  /**
   * @return the fenced blocks of a Markdown file, each with the snippet marker before it, if any
   */
  static List<Block> blocks(Path markdown) {
    List<String> lines = read(markdown);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String fence = lines.get(i).strip();
      if (!fence.startsWith("```")) {
        continue;
      }
      String marker = null;
      for (int j = i - 1; j >= 0; j--) {
        if (!lines.get(j).isBlank()) {
          Matcher m = MARKER.matcher(lines.get(j).strip());
          marker = m.matches() ? m.group(1) + "#" + m.group(2) : null;
          break;
        }
      }
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).strip().equals("```")) {
        end++;
      }
      blocks.add(new Block(i + 1, fence.substring(3).strip(), marker, lines.subList(i + 1, end)));
      i = end;
    }
    return blocks;
  }

  /**
   * @return the lines between {@code // snippet:start name} and {@code // snippet:end name}
   * @throws IllegalArgumentException when the file has not exactly one such region
   */
  static List<String> region(Path file, String name) {
    List<String> lines = read(file);
    int start = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (isMarker(line, "// snippet:start " + name)) {
        if (start >= 0) {
          throw new IllegalArgumentException("region " + name + " starts twice in " + file);
        }
        start = i;
      } else if (isMarker(line, "// snippet:end " + name) && start >= 0 && end < 0) {
        end = i;
      }
    }
    if (start < 0 || end < 0) {
      throw new IllegalArgumentException(
          "no region " + name + " (// snippet:start/end) in " + file);
    }
    return lines.subList(start + 1, end);
  }

  /**
   * @return whether the line is the marker, alone or followed by a comment after a space
   */
  private static boolean isMarker(String line, String marker) {
    return line.equals(marker) || line.startsWith(marker + " ");
  }

  /**
   * @return the lines without their common indentation and trailing blanks, runs of blank lines as
   *     one
   */
  static List<String> normalise(List<String> lines) {
    int indent = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      String normal = line.isBlank() ? "" : line.substring(indent).stripTrailing();
      if (!(normal.isEmpty() && (out.isEmpty() || out.get(out.size() - 1).isEmpty()))) {
        out.add(normal);
      }
    }
    while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
