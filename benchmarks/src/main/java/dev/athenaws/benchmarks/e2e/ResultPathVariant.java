package dev.athenaws.benchmarks.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * One variant of the result-path benchmark: local stack flags plus fields added to the {@code
 * query} message.
 *
 * @param name the table's label, e.g. {@code S3}
 * @param postsInFlight the posts in flight per connection it asks for
 * @param flags the stack flags and values
 * @param queryFields JSON members added to the query message (e.g. {@code "delivery":"link"}), or
 *     empty
 * @param link whether it measures the time to the {@code download} message instead of the last row
 */
record ResultPathVariant(
    String name, int postsInFlight, List<Flag> flags, String queryFields, boolean link) {

  /**
   * A stack flag.
   *
   * @param name e.g. {@code --result-fetch}
   * @param value its value
   */
  record Flag(String name, String value) {}

  /** The variants of the benchmark, in table order. */
  static List<ResultPathVariant> all() {
    List<ResultPathVariant> out = new ArrayList<>();
    out.add(
        new ResultPathVariant(
            "API",
            1,
            List.of(new Flag("--result-fetch", "api"), new Flag("--posts-in-flight", "1")),
            "",
            false));
    for (int k : new int[] {1, 2, 4, 8}) {
      out.add(
          new ResultPathVariant(
              "S3",
              k,
              List.of(
                  new Flag("--result-fetch", "s3"),
                  new Flag("--posts-in-flight", Integer.toString(k))),
              "",
              false));
    }
    // Inline mode: athena-ws polls the query itself (no Step Functions .sync polls), so the
    // Athena calls per query are all athena-ws's own.
    out.add(
        new ResultPathVariant(
            "S3 inline",
            8,
            List.of(
                new Flag("--mode", "inline"),
                new Flag("--result-fetch", "s3"),
                new Flag("--posts-in-flight", "8")),
            "",
            false));
    out.add(
        new ResultPathVariant(
            "link",
            1,
            List.of(new Flag("--download-links", "on")),
            ",\"delivery\":\"link\"",
            true));
    return out;
  }

  /**
   * @return the label, e.g. {@code S3/4}
   */
  String label() {
    return link ? "link (time to download)" : name + "/" + postsInFlight;
  }

  /**
   * @param base the arguments every variant shares
   * @return them plus this variant's flags
   */
  List<String> stackArgs(List<String> base) {
    List<String> args = new ArrayList<>(base);
    for (Flag f : flags) {
      args.add(f.name());
      args.add(f.value());
    }
    return args;
  }
}
