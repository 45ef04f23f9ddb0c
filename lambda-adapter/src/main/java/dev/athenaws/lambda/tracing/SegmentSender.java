package dev.athenaws.lambda.tracing;

import java.io.IOException;

/** Where finished subsegment documents go: the X-Ray daemon in Lambda, a list in tests. */
@FunctionalInterface
interface SegmentSender {
  /**
   * @param document one complete segment document (JSON)
   * @throws IOException when it cannot be sent; the caller counts it and goes on
   */
  void send(String document) throws IOException;
}
