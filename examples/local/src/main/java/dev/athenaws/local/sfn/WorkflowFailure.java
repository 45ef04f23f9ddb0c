package dev.athenaws.local.sfn;

/** A workflow that ended FAILED, with Step Functions' error name and cause. */
final class WorkflowFailure extends Exception {
  private static final long serialVersionUID = 1L;
  final String error;
  final String cause;

  WorkflowFailure(String error, String cause) {
    super(error, null, false, false);
    this.error = error;
    this.cause = cause;
  }
}
