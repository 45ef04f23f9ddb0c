package dev.athenaws.internal.publish;

import dev.athenaws.testing.FakeAthenaQuery;
import dev.athenaws.testing.FakeS3;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One result, both as FakeAthena's GetQueryResults pages and as the CSV object Athena writes for
 * it: column {@code n} (integer) and {@code s} (varchar), rows 0..count-1, where {@code s} is NULL
 * for every row i % 4 == 0 and "" for i % 4 == 1, so NULL and "" sit side by side at every page
 * boundary of 1,000 records.
 */
record S3Script(List<List<String>> rows) {
  static S3Script of(int count) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String s =
          switch (i % 4) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> "a \"quoted\", two\nlines é";
            default -> "v" + i;
          };
      rows.add(Arrays.asList(Integer.toString(i), s));
    }
    return new S3Script(rows);
  }

  /** FakeAthena's pages: header first, 1,000 records a page as GetQueryResults gives them. */
  FakeAthenaQuery.Builder query() {
    FakeAthenaQuery.Builder q =
        FakeAthenaQuery.builder()
            .column("n", "integer")
            .column("s", "varchar")
            .running(java.time.Duration.ofMillis(250)); // a quick query: 3 polls
    List<List<?>> all = new ArrayList<>();
    all.add(List.of("n", "s"));
    all.addAll(rows);
    for (int from = 0; from < all.size(); from += 1000) {
      q.page(all.subList(from, Math.min(all.size(), from + 1000)).toArray(new List<?>[0]));
    }
    return q;
  }

  String csv() {
    return FakeS3.athenaCsv(List.of("n", "s"), rows);
  }

  /** The {@code s} values a client should see, in order ("null" for NULL). */
  List<String> sValues() {
    return rows.stream().map(r -> String.valueOf(r.get(1))).toList();
  }
}
