package dev.athenaws;

import dev.athenaws.internal.query.RunTally;
import dev.athenaws.notify.Connection;
import dev.athenaws.notify.ConnectionNotifier;
import dev.athenaws.notify.PostOutcome;

/**
 * The host's notifier, counting every post into the current call's {@link RunTally}: messages,
 * bytes, retries and posts still throttled. Thread-safe as the notifier it wraps; throws as it
 * does.
 */
final class CountingNotifier implements ConnectionNotifier {
  private final ConnectionNotifier notifier;

  CountingNotifier(ConnectionNotifier notifier) {
    this.notifier = notifier;
  }

  @Override
  public PostOutcome post(Connection connection, byte[] payload) {
    PostOutcome outcome = notifier.post(connection, payload);
    RunTally tally = RunTally.current();
    if (tally != null) {
      int attempts =
          outcome instanceof PostOutcome.Delivered d
              ? d.attempts()
              : outcome instanceof PostOutcome.Throttled t ? t.attempts() : 1;
      tally.post(payload.length, attempts, outcome instanceof PostOutcome.Throttled);
    }
    return outcome;
  }

  @Override
  public PostOutcome disconnect(Connection connection) {
    return notifier.disconnect(connection);
  }

  @Override
  public void close() {
    notifier.close();
  }
}
