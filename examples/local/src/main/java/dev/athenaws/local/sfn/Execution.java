package dev.athenaws.local.sfn;

import java.time.Instant;

/**
 * One execution of the push workflow, as {@code DescribeExecution} reports it. The first end
 * stands: once stopped (ABORTED), a result or failure that arrives later is discarded, as Step
 * Functions discards the result of a task that returns after StopExecution.
 *
 * <p>Thread-safety: thread-safe (status guarded by this object's lock).
 */
final class Execution {
  final String arn;
  final String name;
  final String input;
  final Instant startDate;
  final StopSignal stop = new StopSignal();
  private String status = "RUNNING";
  private Instant stopDate;
  private String output;
  private String error;
  private String cause;

  Execution(String arn, String name, String input, Instant startDate) {
    this.arn = arn;
    this.name = name;
    this.input = input;
    this.startDate = startDate;
  }

  synchronized void succeeded(String output, Instant at) {
    if (end("SUCCEEDED", at)) {
      this.output = output;
    }
  }

  synchronized void failed(String error, String cause, Instant at) {
    if (end("FAILED", at)) {
      this.error = error;
      this.cause = cause;
    }
  }

  /**
   * StopExecution: ABORTED with the caller's error and cause (null ones are left out of
   * DescribeExecution), and the interpreter told to stop.
   *
   * @return false when the execution had already ended (nothing changes)
   */
  boolean abort(String error, String cause, Instant at) {
    synchronized (this) {
      if (!end("ABORTED", at)) {
        return false;
      }
      this.error = error;
      this.cause = cause;
    }
    stop.stop();
    return true;
  }

  private boolean end(String status, Instant at) {
    if (!"RUNNING".equals(this.status)) {
      return false;
    }
    this.status = status;
    this.stopDate = at;
    return true;
  }

  synchronized String status() {
    return status;
  }

  synchronized Instant stopDate() {
    return stopDate;
  }

  synchronized String output() {
    return output;
  }

  synchronized String error() {
    return error;
  }

  synchronized String cause() {
    return cause;
  }
}
