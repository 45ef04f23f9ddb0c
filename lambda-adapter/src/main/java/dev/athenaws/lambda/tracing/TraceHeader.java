package dev.athenaws.lambda.tracing;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parts of an X-Ray trace header ({@code
 * Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1}) that parent a
 * subsegment. Format: X-Ray Developer Guide, "Tracing header"; the trace id: "Sending trace data to
 * AWS X-Ray", "Generating trace IDs" (version 1, 8 hex digits of epoch seconds, 24 hex digits). As
 * the X-Ray SDK for Java's {@code LambdaSegmentContext}, a subsegment is only recorded under a
 * header that carries all three of root, parent and sampling decision.
 *
 * @param root the trace id
 * @param parent the id of the function's segment, 16 hex digits
 * @param sampled whether the invocation is sampled ({@code Sampled=1})
 */
record TraceHeader(String root, String parent, boolean sampled) {
  private static final Pattern ROOT = Pattern.compile("1-[0-9a-f]{8}-[0-9a-f]{24}");
  private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");

  /**
   * @param header the header's value, nullable
   * @return the header when it names a well-formed root and parent and a sampling decision; empty
   *     otherwise (absent, {@code Root} only, {@code Sampled=?}, malformed)
   */
  static Optional<TraceHeader> parse(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String root = null;
    String parent = null;
    String sampled = null;
    for (String part : header.split(";")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = part.substring(0, eq).strip();
      String value = part.substring(eq + 1).strip();
      switch (key) {
        case "Root" -> root = value;
        case "Parent" -> parent = value;
        case "Sampled" -> sampled = value;
        default -> {} // Lineage, Self and other fields do not concern a subsegment.
      }
    }
    if (root == null
        || parent == null
        || !ROOT.matcher(root).matches()
        || !ID.matcher(parent).matches()
        || !("0".equals(sampled) || "1".equals(sampled))) {
      return Optional.empty();
    }
    return Optional.of(new TraceHeader(root, parent, "1".equals(sampled)));
  }

  /**
   * @return the header to send downstream: the same trace, parented on {@code subsegmentId}
   */
  String downstream(String subsegmentId) {
    return "Root=" + root + ";Parent=" + subsegmentId + ";Sampled=" + (sampled ? "1" : "0");
  }
}
