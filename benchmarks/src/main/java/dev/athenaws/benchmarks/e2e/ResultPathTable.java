package dev.athenaws.benchmarks.e2e;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The result-path benchmark's markdown, in the format of docs/performance.md. */
final class ResultPathTable {
  private ResultPathTable() {}

  static String format(ResultPathFigures.Report r, int events, int runs) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%nResult path, %,d sample events (times up to 10 copies); model: GetQueryResults"
                + " 200 ms a page (other Athena calls 0 ms), PostToConnection 25 ms, S3 first byte"
                + " 40 ms at 60 MB/s; median of %d run(s) after a %,d-row warm-up per stack%n%n",
            events,
            runs,
            ResultPathFigures.WARM_UP_ROWS));
    out.append(
        "| path / posts in flight | rows | SUCCEEDED -> first row ms | SUCCEEDED -> last row ms | rows/s |"
            + " Athena calls per query | of them after SUCCEEDED | speed-up vs API/1 |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    for (ResultPathFigures.Measure m : r.measures()) {
      Optional<ResultPathFigures.Measure> api = r.find("API/1", m.rows());
      String ratio =
          m.variant().startsWith("link") || api.isEmpty()
              ? ""
              : String.format(Locale.ROOT, "%.2f", api.get().medianMs() / m.medianMs());
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %s | %,.0f%s | %s | %d (%s) | %d (%s) | %s |%n",
              m.variant(),
              m.rows(),
              m.medianFirstMs() < 0 ? "" : String.format(Locale.ROOT, "%,.0f", m.medianFirstMs()),
              m.medianMs(),
              m.variant().startsWith("link") ? " (to `download`)" : "",
              m.variant().startsWith("link")
                  ? ""
                  : String.format(Locale.ROOT, "%,.0f", m.rows() / (m.medianMs() / 1000)),
              m.totalCalls(),
              calls(m.calls()),
              m.totalCallsAfter(),
              calls(m.callsAfter()),
              ratio));
    }
    for (String reason : r.notRun()) {
      out.append("\nNot run on this build: ").append(reason);
    }
    out.append("\n\nEach last run's `complete` statistics:\n");
    for (ResultPathFigures.Measure m : r.measures()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %s, %,d rows: %s (agent NULL %,d, empty %,d)%n",
              m.variant(),
              m.rows(),
              m.last().path("statistics"),
              m.rowsChecked().nulls(),
              m.rowsChecked().empties()));
    }
    return out.toString();
  }

  private static String calls(Map<String, Integer> byOperation) {
    return byOperation.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
