package dev.athenaws.lambda;

import dev.athenaws.notify.PostOutcome;
import dev.athenaws.protocol.QueryState;
import dev.athenaws.protocol.ServerMessage;
import dev.athenaws.publish.PublishTarget;
import dev.athenaws.publish.ResultPublisher;
import dev.athenaws.query.CancellationFlag;
import dev.athenaws.query.Progress;

/** Posts {@code progress} messages while a query is awaited; a 410 raises the gone flag. */
final class Progressing {
  private Progressing() {}

  static void post(ResultPublisher publisher, PublishTarget target, Progress p, CancellationFlag gone) {
    QueryState state;
    try {
      state = QueryState.valueOf(p.state().name());
    } catch (IllegalArgumentException e) {
      return; // a state this SDK version does not know: nothing useful to tell the client
    }
    PostOutcome outcome =
        publisher.send(
            target,
            new ServerMessage.Progress(
                target.requestId(), target.queryExecutionId(), state, p.elapsed().toMillis(),
                p.dataScannedBytes()));
    if (outcome instanceof PostOutcome.Gone) {
      gone.cancel();
    }
  }
}
