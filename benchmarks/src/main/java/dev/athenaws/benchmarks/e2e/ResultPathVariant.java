package dev.athenaws.benchmarks.e2e;

import dev.athenaws.local.LocalOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One variant of the result-path benchmark: local stack flags plus fields added to the {@code
 * query} message. A flag whose value is today's only behaviour ({@code --result-fetch api}, {@code
 * --posts-in-flight 1}) may be left out when the stack does not know it yet; any other unknown flag
 * makes the variant unavailable on this build ({@link #stackArgs} is empty).
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
   * @param omittable whether the variant still holds on a stack that lacks the flag
   */
  record Flag(String name, String value, boolean omittable) {}

  /** The variants of the benchmark, in table order. */
  static List<ResultPathVariant> all() {
    List<ResultPathVariant> out = new ArrayList<>();
    out.add(
        new ResultPathVariant(
            "API",
            1,
            List.of(
                new Flag("--result-fetch", "api", true), new Flag("--posts-in-flight", "1", true)),
            "",
            false));
    for (int k : new int[] {1, 2, 4, 8}) {
      out.add(
          new ResultPathVariant(
              "S3",
              k,
              List.of(
                  new Flag("--result-fetch", "s3", false),
                  new Flag("--posts-in-flight", Integer.toString(k), k == 1)),
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
                new Flag("--mode", "inline", false),
                new Flag("--result-fetch", "s3", false),
                new Flag("--posts-in-flight", "8", false)),
            "",
            false));
    out.add(
        new ResultPathVariant(
            "link",
            1,
            List.of(new Flag("--download-links", "on", false)),
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
   * The stack arguments of this variant on this build.
   *
   * @param base the arguments every variant shares
   * @return them plus this variant's flags, or empty when a flag it needs is unknown here
   */
  Optional<List<String>> stackArgs(List<String> base) {
    List<String> args = new ArrayList<>(base);
    for (Flag f : flags) {
      if (known(f.name())) {
        args.add(f.name());
        args.add(f.value());
      } else if (!f.omittable()) {
        return Optional.empty();
      }
    }
    return Optional.of(args);
  }

  /**
   * @return the flags this build's stack does not know, for the report
   */
  List<String> unknownFlags() {
    return flags.stream().map(Flag::name).filter(n -> !known(n)).toList();
  }

  private static boolean known(String flag) {
    try {
      LocalOptions.parse(flag, "1");
      return true;
    } catch (IllegalArgumentException e) {
      return !e.getMessage().startsWith("unknown option");
    }
  }
}
