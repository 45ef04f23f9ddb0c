package dev.athenaws.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cold starts of the deployable jar's handlers, each in a fresh JVM ({@link ColdStart}): the median
 * of {@code coldstart.runs} runs (default 7) of init (class load and constructor), first invocation
 * and second invocation, for each {@code ATHENA_WS_PRIME} value in {@code coldstart.prime}
 * (comma-separated, {@code default} for unset; default {@code default,init}). Runs are interleaved
 * (every case and variant once, then again) so that a noisy neighbour spreads over all of them.
 * Prints markdown: the jar size, then one table row per case and variant.
 */
public final class ColdStartFigures {
  private ColdStartFigures() {}

  /**
   * @param args ignored; see the class comment for the system properties
   * @throws IOException when the jar's size cannot be read
   */
  public static void main(String[] args) throws IOException {
    ColdStart.Paths paths = ColdStart.Paths.fromSystemProperties();
    int runs = Integer.getInteger("coldstart.runs", 7);
    if (runs < 1) {
      throw new IllegalArgumentException("coldstart.runs must be >= 1: " + runs);
    }
    List<String> variants =
        Arrays.asList(System.getProperty("coldstart.prime", "default,init").split(","));
    // Warm the disk cache and this JVM's fakes once; not counted.
    ColdStart.run(ColdStart.Case.PUSH, null, 1, paths);

    Map<String, List<ColdStart.Run>> results = new LinkedHashMap<>();
    for (int i = 0; i < runs; i++) {
      for (ColdStart.Case c : ColdStart.Case.values()) {
        for (String variant : variants) {
          String prime = variant.equals("default") ? null : variant;
          results
              .computeIfAbsent(key(c, variant), k -> new ArrayList<>())
              .add(ColdStart.run(c, prime, 2, paths));
        }
      }
    }

    long bytes = Files.size(paths.lambdaJar());
    System.out.printf(
        Locale.ROOT,
        "Deployable jar: %s, %,d bytes (%.2f MiB)%n%n",
        paths.lambdaJar().getFileName(),
        bytes,
        bytes / 1024.0 / 1024.0);
    System.out.printf(
        Locale.ROOT,
        "| handler (event, mode) | ATHENA_WS_PRIME | init ms | first invoke ms | "
            + "second invoke ms | init + first ms |%n");
    System.out.println("|---|---|---|---|---|---|");
    for (ColdStart.Case c : ColdStart.Case.values()) {
      for (String variant : variants) {
        List<ColdStart.Run> rs = results.get(key(c, variant));
        double init = median(rs.stream().mapToDouble(ColdStart.Run::initMillis).toArray());
        double first = median(rs.stream().mapToDouble(r -> r.invokeMillis().get(0)).toArray());
        double second = median(rs.stream().mapToDouble(r -> r.invokeMillis().get(1)).toArray());
        double total =
            median(
                rs.stream().mapToDouble(r -> r.initMillis() + r.invokeMillis().get(0)).toArray());
        System.out.printf(
            Locale.ROOT,
            "| %s | %s | %.0f | %.0f | %.0f | %.0f |%n",
            c.label(),
            variant.equals("default") ? "unset" : "`" + variant + "`",
            init,
            first,
            second,
            total);
      }
    }
    System.out.printf(Locale.ROOT, "%nMedians of %d runs per row, each a fresh JVM.%n", runs);
  }

  private static String key(ColdStart.Case c, String variant) {
    return c.name() + "/" + variant;
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
