package dev.athenaws.benchmarks.e2e;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The drop benchmark's markdown, in the format of docs/performance.md. */
final class DropTable {
  private DropTable() {}

  static String format(DropFigures.Report r) {
    DropFigures.Undisturbed u = r.undisturbed();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%nA dropped connection, query `%s` (%,d rows), local stack flags `%s`; one run of"
                + " each case after a warm-up query%n%n",
            DropRun.QUERY,
            u.rows(),
            String.join(" ", r.flags())));
    out.append(
        "| drop point | after the drop | Athena state at the drop (at the stop) | reconnect ->"
            + " SUCCEEDED ms | reconnect -> first `rows` ms | reconnect -> `complete` ms | rows received | Athena calls (by operation) | DataScannedInBytes"
            + " (each query) | engine ms (each query) | time vs keep | data scanned vs one query |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    out.append(
        String.format(
            Locale.ROOT,
            "| no drop | | | | | %,.0f (send -> `complete`) | %,d | %d (%s) | %,d | %,d | | 1.00 |%n",
            u.ms(),
            u.rows(),
            u.calls().values().stream().mapToInt(Integer::intValue).sum(),
            calls(u.calls()),
            u.scanned(),
            u.engineMs()));
    for (DropFigures.Outcome o : r.outcomes()) {
      DropFigures.Outcome keep =
          r.outcomes().stream()
              .filter(k -> k.point() == o.point() && k.choice() == DropFigures.Choice.KEEP)
              .findFirst()
              .orElse(o);
      boolean stop = o.choice() == DropFigures.Choice.STOP;
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %,.0f | %,.0f | %,.0f | %,d | %d (%s) | %s | %s | %.2f | %.2f |%n",
              o.point() == DropFigures.Point.RUNNING
                  ? "while running (after `accepted`)"
                  : "while rows stream (after the first `rows`)",
              stop
                  ? "stopped (`cancel`, reply " + o.cancelReply() + "), run again"
                  : "kept, `resume`",
              o.stateAtDrop() + (stop ? " (" + o.stateAtStop() + ")" : ""),
              o.succeededMs(),
              o.firstRowMs(),
              o.ms(),
              o.rows(),
              o.totalCalls(),
              calls(o.calls()),
              each(o.scanned(), o.finalStates()),
              each(o.engineMs(), List.of()),
              o.ms() / keep.ms(),
              u.scanned() == 0 ? Double.NaN : (double) o.totalScanned() / u.scanned()));
    }
    return out.toString();
  }

  /** Values joined with " + ", each with its final state when given. */
  private static String each(List<Long> values, List<String> states) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      s.append(i == 0 ? "" : " + ").append(String.format(Locale.ROOT, "%,d", values.get(i)));
      if (i < states.size() && !states.get(i).equals("SUCCEEDED")) {
        s.append(" (").append(states.get(i)).append(')');
      }
    }
    return s.toString();
  }

  private static String calls(Map<String, Integer> byOperation) {
    return byOperation.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
