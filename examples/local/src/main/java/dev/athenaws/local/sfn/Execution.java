package dev.athenaws.local.sfn;

import java.time.Instant;

/**
 * One execution of the push workflow, as {@code DescribeExecution} reports it. Mutable status
 * guarded by the emulator's lock.
 */
final class Execution {
  final String arn;
  final String name;
  final String input;
  final Instant startDate;
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
    this.status = "SUCCEEDED";
    this.output = output;
    this.stopDate = at;
  }

  synchronized void failed(String error, String cause, Instant at) {
    this.status = "FAILED";
    this.error = error;
    this.cause = cause;
    this.stopDate = at;
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
