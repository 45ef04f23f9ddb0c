package dev.athenaws.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.local.LocalStack;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The React client of examples/web in headless Chromium against a real local stack:
 * examples/web/e2e/browser-e2e.mjs opens the page, runs the default query and sees its rows, is
 * refused an invalid parameter by the page and then by the server, runs the 100,000-row {@code
 * events-between} and checks the final row count. With {@code --auth jwt} it signs in on the page
 * first (a dev token in the subprotocol). Screenshots go to target/browser-e2e.
 */
class BrowserE2ETest {
  private static final Path WEB = Path.of("..", "web").toAbsolutePath().normalize();
  private static final Path OUT = Path.of("target", "browser-e2e").toAbsolutePath();

  @Test
  void theWebClientRunsQueriesInChromium() throws Exception {
    try (LocalStack stack = Stacks.start("--mode", "stepfunctions")) {
      String output =
          run(
              OUT,
              "--url",
              stack.httpUri().toString(),
              "--large-query",
              "events-between",
              "--large-min-rows",
              "100000",
              // The resume scenario must run: the stack has sessions on.
              "--require-resume");
      assertThat(output).contains("0 failed");
    }
    try (var files = Files.list(OUT)) {
      assertThat(files.filter(f -> f.toString().endsWith(".png")).count())
          .isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void theWebClientSignsInAgainstAnAuthenticatingStack() throws Exception {
    try (LocalStack stack = Stacks.start("--auth", "jwt", "--events", "2000")) {
      String output =
          run(
              OUT.resolveSibling("browser-e2e-auth"),
              "--url",
              stack.httpUri().toString(),
              "--sign-in",
              "alice",
              "--no-resume");
      assertThat(output).contains("PASS signed in with a dev token in the subprotocol");
      assertThat(output).contains("PASS default query").contains("0 failed");
    }
  }

  /** Runs the script to its end and returns its output; fails on a non-zero exit code. */
  private static String run(Path out, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("node", "e2e/browser-e2e.mjs", "--out", out.toString()));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(WEB.toFile()).redirectErrorStream(true).start();
    StringBuilder output = new StringBuilder();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        System.out.println("[browser-e2e] " + line);
        output.append(line).append('\n');
      }
    }
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(output.toString()).isZero();
    return output.toString();
  }
}
