package dev.athenaws.lambda;

/**
 * The push task's input carries a continuation it cannot resume from without losing or repeating a
 * row or a {@code seq}: a bare {@code NextToken} without the counters, or a {@code continuation}
 * missing one of {@code pageNumber}, {@code nextSeq}, {@code rowsSoFar}, {@code chunksSoFar}, or
 * holding one that is not a non-negative integer. The task fails with this exception's class name
 * as its Step Functions error (Lambda reports a Java exception's class name as {@code errorType});
 * the state machine's Catch then has the push task tell the client ({@link StepFailure}).
 *
 * <p>Thread-safety: immutable.
 */
final class MalformedContinuationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  MalformedContinuationException(String message) {
    super(message);
  }
}
