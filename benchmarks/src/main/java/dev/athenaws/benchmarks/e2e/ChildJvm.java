package dev.athenaws.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a main class of this class path in a fresh JVM and returns its output. */
final class ChildJvm {
  private ChildJvm() {}

  /**
   * @param jvmFlags flags such as {@code -Xmx128m}
   * @param mainClass the class to run
   * @param args its arguments
   * @param timeoutSeconds how long it may run before it is killed
   * @return its standard output
   * @throws IllegalStateException when it fails or times out, with the end of its error output
   */
  static String run(
      List<String> jvmFlags, Class<?> mainClass, List<String> args, long timeoutSeconds)
      throws IOException, InterruptedException {
    return run(jvmFlags, mainClass, args, java.util.Map.of(), timeoutSeconds);
  }

  /**
   * @param jvmFlags flags such as {@code -Xmx128m}
   * @param mainClass the class to run
   * @param args its arguments
   * @param env environment variables added to this process's for the child
   * @param timeoutSeconds how long it may run before it is killed
   * @return its standard output
   * @throws IllegalStateException when it fails or times out, with the end of its error output
   */
  static String run(
      List<String> jvmFlags,
      Class<?> mainClass,
      List<String> args,
      java.util.Map<String, String> env,
      long timeoutSeconds)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(args);
    Path out = Files.createTempFile("child-out", ".txt");
    Path err = Files.createTempFile("child-err", ".txt");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().putAll(env);
      Process p = builder.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(
            mainClass.getSimpleName()
                + " did not finish in "
                + timeoutSeconds
                + " s: "
                + tail(err));
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            mainClass.getSimpleName() + " exited " + p.exitValue() + ": " + tail(err));
      }
      return Files.readString(out);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static String tail(Path file) throws IOException {
    String text = Files.readString(file);
    return text.length() > 3000 ? text.substring(text.length() - 3000) : text;
  }
}
