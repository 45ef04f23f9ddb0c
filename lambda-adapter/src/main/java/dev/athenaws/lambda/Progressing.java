package dev.athenaws.lambda;

import dev.athenaws.publish.PublishTarget;
import dev.athenaws.publish.ResultPublisher;
import dev.athenaws.query.CancellationFlag;
import dev.athenaws.query.Progress;

/** Posts {@code progress} messages while a query is awaited; a 410 raises the gone flag. */
final class Progressing {
  private Progressing() {}

  static void post(ResultPublisher publisher, PublishTarget target, Progress p, CancellationFlag gone) {
    publisher.sendProgress(target, p, gone);
  }
}
