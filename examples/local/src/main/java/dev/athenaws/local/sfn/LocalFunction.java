package dev.athenaws.local.sfn;

import dev.athenaws.RemainingTime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A Lambda function a Task state may invoke, run in-process: a stream handler given its remaining
 * time (counting down from the function's timeout) instead of a Lambda {@code Context}, such as
 * {@code PushResultsHandler::handle}.
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
@FunctionalInterface
public interface LocalFunction {
  /**
   * Runs one invocation.
   *
   * @param input the task input
   * @param output receives the task output
   * @param remaining the invocation's remaining time
   * @throws IOException when the streams fail; any exception fails the task with its class name
   */
  void invoke(InputStream input, OutputStream output, RemainingTime remaining) throws IOException;
}
